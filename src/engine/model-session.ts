/**
 * The model in the engine worker: loaded on first use, unloaded after `idleMs` without a
 * call, and the embedding cache in front of it (one per model version).
 */
import type { Embeddings } from '../model/embedder';
import { createWorkerApi, type ModelInfo } from '../model/worker-api';
import type { TastefulDB } from '../store/db';
import { diagnose } from '../store/diagnostics';
import { EmbeddingCache } from './embedding-cache';
// Vite emits the binary once (ort's bundle refers to the same file) and gives us its URL.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

export interface ModelPort {
  load(): Promise<ModelInfo>;
  embed(texts: string[]): Promise<Embeddings>;
  unload(): Promise<void>;
}

function defaultModel(): ModelPort {
  const api = createWorkerApi();
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin ?? '';
  return {
    load: () => api.load({ modelBaseUrl: `${origin}/models/`, wasmUrl: new URL(ortWasmUrl, `${origin}/`).href }),
    embed: (texts) => api.embed(texts),
    unload: () => api.unload(),
  };
}

/** How long after the model's cache is made it deletes older versions' rows (see pruneLater). */
const PRUNE_DELAY_MS = 30_000;

export class ModelSession {
  private port: ModelPort | null = null;
  private loading: Promise<ModelInfo> | null = null;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private embeddings: EmbeddingCache | null = null;
  loaded = false;
  info: ModelInfo | null = null;

  constructor(private readonly o: { model?: () => ModelPort; idleMs: number; store: () => Promise<TastefulDB | null> }) {}

  /** A call came in: the idle unload starts counting again. */
  touch(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.unload(), this.o.idleMs);
    (this.idle as { unref?: () => void }).unref?.();
  }

  ensure(): Promise<ModelInfo> {
    this.touch();
    if (this.loaded && this.info) return Promise.resolve(this.info);
    this.loading ??= (async () => {
      this.port ??= (this.o.model ?? defaultModel)();
      const i = await this.port.load();
      this.info = i;
      this.loaded = true;
      return i;
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  async unload(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const p = this.port;
    this.loaded = false;
    await p?.unload();
  }

  /** The embedding cache for the current model version (reloads the model if it was unloaded). */
  async cache(): Promise<EmbeddingCache> {
    const i = this.info ?? (await this.ensure());
    if (!this.embeddings || this.embeddings.modelVersion !== i.modelVersion) {
      // Without a store the cache still answers, from memory only.
      const store = await this.o.store();
      this.embeddings = new EmbeddingCache(store, i.modelVersion, i.dim, async (texts) => {
        await this.ensure();
        return (this.port as ModelPort).embed(texts);
      });
      this.pruneLater(this.embeddings);
    }
    return this.embeddings;
  }

  /**
   * Deletes older model versions' rows a while after the cache is made, not with it: the delete
   * is a read-write transaction on the table the first page's scores read from, and IndexedDB
   * would queue those reads behind it. Only the cache still in use prunes (a newer one keeps its rows).
   */
  private pruneLater(cache: EmbeddingCache): void {
    const timer = setTimeout(() => {
      if (this.embeddings !== cache) return;
      // The cache is derived data: a failed cleanup only costs disk, so it is noted, not thrown.
      cache.dropOtherVersions().catch((err: unknown) => diagnose('engine/embedding-cache prune', err));
    }, PRUNE_DELAY_MS);
    (timer as { unref?: () => void }).unref?.();
  }

  /** The cache if one exists (status, forget); never loads the model. */
  get currentCache(): EmbeddingCache | null {
    return this.embeddings;
  }
}
