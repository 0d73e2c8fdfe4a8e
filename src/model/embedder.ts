/**
 * Platform-neutral embedding runtime: texts → L2-normalised vectors + popularity logits.
 * It knows nothing of workers, extensions or where the model bytes come from; callers
 * pass a session factory (onnxruntime-web in the browser worker, in Node for tests,
 * eval and bench). No `chrome.*` here.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import { DEFAULT_SPEC, encodeBatch, type TokenizerSpec } from './tokenizer';

/** models/model.json */
export interface ModelManifest {
  modelVersion: string;
  file: string;
  tokenizer: string;
  dim: number;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  training: { scoreScale: number; halfLifeItems: number };
  /** Profile/score settings tuned on the dev split (MODEL_CARD.md). */
  ranking: { halfLifeItems: number; popWeight: number };
  /** The short-history prior beside the model (src/rank/prior.ts), if one ships. */
  prior?: string;
  /** Mean embedding of the training catalog (catalog-mean.ts), if the model has one. */
  catalogMean?: number[];
}

/** The slice of onnxruntime's API the embedder needs (so tests can inject ort). */
export interface OrtLike {
  Tensor: new (type: 'int32' | 'float32', data: Int32Array | Float32Array, dims: readonly number[]) => Tensor;
}

export interface Embeddings {
  /** Row-major n × dim. */
  vectors: Float32Array;
  /** Popularity logit per text. */
  popularity: Float32Array;
  dim: number;
}

export const MAX_BATCH = 256;

export class Embedder {
  private constructor(
    private readonly ort: OrtLike,
    private readonly session: InferenceSession,
    readonly manifest: ModelManifest,
    private readonly spec: TokenizerSpec,
  ) {}

  static async create(
    ort: OrtLike,
    createSession: () => Promise<InferenceSession>,
    manifest: ModelManifest,
    spec: TokenizerSpec = DEFAULT_SPEC,
  ): Promise<Embedder> {
    if (spec.version !== DEFAULT_SPEC.version) throw new Error(`tokenizer ${spec.version} is not supported`);
    return new Embedder(ort, await createSession(), manifest, spec);
  }

  get dim(): number {
    return this.manifest.dim;
  }

  /** Embed any number of texts, in model batches of at most MAX_BATCH. */
  async embed(texts: readonly string[]): Promise<Embeddings> {
    const dim = this.manifest.dim;
    const vectors = new Float32Array(texts.length * dim);
    const popularity = new Float32Array(texts.length);
    for (let start = 0; start < texts.length; start += MAX_BATCH) {
      const chunk = texts.slice(start, start + MAX_BATCH);
      const b = encodeBatch(chunk, this.spec);
      const out = await this.session.run({
        ids: new this.ort.Tensor('int32', b.ids, [b.batch, b.width]),
        mask: new this.ort.Tensor('float32', b.mask, [b.batch, b.width]),
      });
      const e = out.embedding?.data;
      const p = out.popularity?.data;
      if (!(e instanceof Float32Array) || !(p instanceof Float32Array)) throw new Error('model outputs missing');
      vectors.set(e, start * dim);
      popularity.set(p, start);
    }
    return { vectors, popularity, dim };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
