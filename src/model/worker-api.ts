/**
 * The API the embedding worker exposes through Comlink. The extension's offscreen
 * document / worker entry does `Comlink.expose(createWorkerApi())`; the UI side calls
 * `load({ baseUrl })` once, then `embed(texts)`.
 *
 * onnxruntime-web setup: the WASM-only build, one thread (no SharedArrayBuffer needed,
 * no cross-origin isolation), and the .wasm files loaded from the extension's own
 * origin (`baseUrl`) — never from a CDN, so the extension makes no network request.
 */
import * as ort from 'onnxruntime-web/wasm';
import { Embedder, type Embeddings, type ModelManifest } from './embedder';
import { catalogMeanOf } from './catalog-mean';
import type { TokenizerSpec } from './tokenizer';
import { loadPrior } from './prior-loader';
import type { PriorIndex } from '../rank/prior';

export interface LoadOptions {
  /** URL of the folder holding model.json, tokenizer.json and the .onnx file. */
  modelBaseUrl: string;
  /**
   * URL of onnxruntime-web's `ort-wasm-simd-threaded.wasm` inside the extension. Only the
   * binary is given: the JS glue is bundled, and a prefix path would make ort import an
   * external `.mjs` glue file instead.
   */
  wasmUrl: string;
}

export interface ModelInfo {
  modelVersion: string;
  dim: number;
  /** Weight of the popularity logit when ranking with plain cosine (tuned on the dev split). */
  popWeight: number;
  /** The short-history prior (null: none ships, or it could not be used: see the diagnostic log). */
  prior?: PriorIndex | null;
  /** The training catalog's mean embedding (catalog-mean.ts; null: the model has none). */
  catalogMean?: Float32Array | null;
}

export interface EmbedWorkerApi {
  load(opts: LoadOptions): Promise<ModelInfo>;
  embed(texts: string[]): Promise<Embeddings>;
  /** Popularity logits only (cold-start ranking). */
  popularity(texts: string[]): Promise<Float32Array>;
  unload(): Promise<void>;
}

function slash(u: string): string {
  return u.endsWith('/') ? u : `${u}/`;
}

async function fetchJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return (await r.json()) as T;
}

export function createWorkerApi(): EmbedWorkerApi {
  let embedder: Embedder | null = null;
  let loading: Promise<ModelInfo> | null = null;
  const need = (): Embedder => {
    if (!embedder) throw new Error('model not loaded');
    return embedder;
  };
  return {
    load(opts) {
      loading ??= (async () => {
        ort.env.wasm.numThreads = 1;
        ort.env.wasm.wasmPaths = { wasm: opts.wasmUrl };
        const base = slash(opts.modelBaseUrl);
        const manifest = await fetchJson<ModelManifest>(`${base}model.json`);
        const spec = await fetchJson<TokenizerSpec>(`${base}${manifest.tokenizer}`);
        const bytes = new Uint8Array(await (await fetch(`${base}${manifest.file}`)).arrayBuffer());
        embedder = await Embedder.create(ort, () => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }), manifest, spec);
        const e = embedder;
        const prior = await loadPrior(
          manifest.prior && `${base}${manifest.prior}`,
          manifest,
          fetchJson,
          async (text) => (await e.embed([text])).vectors,
        );
        return {
          prior,
          catalogMean: catalogMeanOf(manifest),
          modelVersion: manifest.modelVersion,
          dim: manifest.dim,
          popWeight: manifest.ranking.popWeight,
        };
      })().catch((e: unknown) => {
        loading = null;
        throw e;
      });
      return loading;
    },
    embed: (texts) => need().embed(texts),
    popularity: async (texts) => (await need().embed(texts)).popularity,
    async unload() {
      const e = embedder;
      embedder = null;
      loading = null;
      await e?.release();
    },
  };
}
