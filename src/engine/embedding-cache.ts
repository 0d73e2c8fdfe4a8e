/**
 * Embedding cache: text → (unit vector, popularity logit), keyed by model version + text
 * hash. Two levels: an in-memory LRU, then the store's `embeddings` table (bulkGet; only
 * the misses are embedded, in batches of ≤ 256, then bulkPut). The stored `vector` holds
 * the dim embedding values followed by the popularity logit (dim + 1 floats); a record of
 * any other length is treated as a miss.
 */
import type { TastefulDB } from '../store/db';
import type { EmbeddingRecord } from '../store/records';
import { diagnose } from '../store/diagnostics';
import { lowOnSpace, RESERVE_BYTES, type SpaceEstimate } from '../store/space';
import { textHash } from './hash';
import { Lru } from './lru';

/** The cache is derived data: it stops writing well before recording has to pause. */
const CACHE_RESERVE_BYTES = 2 * RESERVE_BYTES;
const SPACE_CHECK_EVERY_MS = 5_000;

const browserEstimate = async (): Promise<SpaceEstimate | null> =>
  typeof navigator !== 'undefined' && navigator.storage?.estimate ? navigator.storage.estimate() : null;

export interface EmbedOutput {
  vectors: Float32Array;
  popularity: Float32Array;
  dim: number;
}

export type EmbedFn = (texts: string[]) => Promise<EmbedOutput>;

export const EMBED_BATCH = 256;

export class EmbeddingCache {
  private readonly lru: Lru<string, Float32Array>;
  /** Texts embedded by the model since creation (for tests and status). */
  embedded = 0;
  /** Bumped by forget(): work begun before it must not write back. */
  private epoch = 0;
  private readonly writes = new Set<Promise<unknown>>();
  private room: { at: number; ok: boolean } | null = null;

  constructor(
    private readonly db: TastefulDB | null,
    readonly modelVersion: string,
    readonly dim: number,
    private readonly embedFn: EmbedFn,
    // Above the largest catalog we promise to handle (50k titles): a rebuild walks the whole
    // catalog, and an LRU smaller than one walk misses on every entry of every walk.
    // ~350 bytes an entry: 35 MB at most, and only for a catalog that large.
    capacity = 100_000,
    private readonly estimate: () => Promise<SpaceEstimate | null> = browserEstimate,
  ) {
    this.lru = new Lru(capacity);
  }

  /**
   * Whether a cache write is safe. Near a full disk Chromium can tear IndexedDB's log and
   * then drop the whole store (see background/store-health.ts): a cache is not worth that.
   */
  private async roomToWrite(): Promise<boolean> {
    const now = Date.now();
    if (!this.room || now - this.room.at >= SPACE_CHECK_EVERY_MS) {
      const ok = await this.estimate().then(
        (e) => !lowOnSpace(e, CACHE_RESERVE_BYTES),
        () => true,
      );
      this.room = { at: now, ok };
    }
    return this.room.ok;
  }

  get size(): number {
    return this.lru.size;
  }

  idOf(text: string): string {
    return `${this.modelVersion}:${textHash(text)}`;
  }

  private remember(id: string, v: Float32Array): void {
    this.lru.set(id, v);
  }

  /**
   * Before the user's data is wiped: drop what is in memory and make sure no embedding
   * begun before now lands in the store after the wipe (it would name titles the user
   * deleted). Resolves once the writes already sent are done, so the wipe clears them.
   */
  async forget(): Promise<void> {
    this.epoch++;
    this.lru.clear();
    await this.settled();
  }

  /**
   * Deletes what other model versions left in the store. A new encoder ships under a new
   * version, and nothing else ever reads its predecessor's vectors: without this, every
   * update would leave megabytes of dead rows on the user's disk.
   */
  async dropOtherVersions(): Promise<number> {
    if (!this.db) return 0;
    const write = this.db.embeddings.where('modelVersion').notEqual(this.modelVersion).delete();
    // Tracked so a wipe waits for it; its failure is the caller's to report (returned below).
    this.track(
      write.then(
        () => undefined,
        () => undefined,
      ),
    );
    return write;
  }

  /** Resolves once every cache write begun so far is done. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.writes]);
  }

  private track(write: Promise<void>): void {
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private async persist(db: TastefulDB, records: EmbeddingRecord[], epoch: number): Promise<void> {
    // The cache is derived data: a full store (quota) must not break ranking. The epoch is
    // checked again after the space check because a wipe may have begun while it was awaited.
    if (epoch !== this.epoch || !(await this.roomToWrite()) || epoch !== this.epoch) return;
    // Not written: the next ask embeds these titles again, so it is noted, not thrown.
    await db.embeddings.bulkPut(records).catch((err: unknown) => diagnose('engine/embedding-cache write', err));
  }

  /** Embeddings for `texts` in order (row-major n × dim) and their popularity logits. */
  async get(texts: readonly string[]): Promise<EmbedOutput> {
    const epoch = this.epoch;
    const dim = this.dim;
    const n = texts.length;
    const vectors = new Float32Array(n * dim);
    const popularity = new Float32Array(n);
    const ids = texts.map((t) => this.idOf(t));
    const put = (i: number, v: Float32Array): void => {
      vectors.set(v.subarray(0, dim), i * dim);
      popularity[i] = v[dim] as number;
    };

    // Memory, then the store; unique ids only.
    const missing = new Map<string, number[]>();
    ids.forEach((id, i) => {
      const hit = this.lru.peek(id); // a hit is not a touch: a rebuild's walk would reorder the whole map
      if (hit) {
        this.remember(id, hit);
        put(i, hit);
      } else {
        const at = missing.get(id);
        if (at) at.push(i);
        else missing.set(id, [i]);
      }
    });
    if (missing.size && this.db) {
      const want = [...missing.keys()];
      // Unreadable: the model embeds these texts afresh, slower but right; noted for diagnosis.
      const recs = await this.db.embeddings.bulkGet(want).catch((err: unknown) => {
        diagnose('engine/embedding-cache read', err);
        return [] as (EmbeddingRecord | undefined)[];
      });
      recs.forEach((r, j) => {
        if (!r || r.vector.length !== dim + 1 || r.modelVersion !== this.modelVersion) return;
        const id = want[j] as string;
        if (epoch === this.epoch) this.remember(id, r.vector);
        for (const i of missing.get(id) ?? []) put(i, r.vector);
        missing.delete(id);
      });
    }

    // Embed the rest in batches.
    const todo = [...missing.entries()];
    for (let start = 0; start < todo.length; start += EMBED_BATCH) {
      const chunk = todo.slice(start, start + EMBED_BATCH);
      const out = await this.embedFn(chunk.map(([, idx]) => texts[idx[0] as number] as string));
      if (out.dim !== dim) throw new Error(`model dim ${out.dim} ≠ ${dim}`);
      this.embedded += chunk.length;
      const now = Date.now();
      const records: EmbeddingRecord[] = chunk.map(([id, idx], j) => {
        const v = new Float32Array(dim + 1);
        v.set(out.vectors.subarray(j * dim, (j + 1) * dim));
        v[dim] = out.popularity[j] as number;
        if (epoch === this.epoch) this.remember(id, v);
        for (const i of idx) put(i, v);
        return { id, modelVersion: this.modelVersion, textHash: id.slice(this.modelVersion.length + 1), vector: v, at: now };
      });
      // Written behind the answer: the caller (a page waiting for badges) never waits on IndexedDB.
      if (this.db) this.track(this.persist(this.db, records, epoch));
    }
    return { vectors, popularity, dim };
  }
}
