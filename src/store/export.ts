/**
 * Export: the user's data as one versioned JSON document (see docs/export-format.md),
 * produced as a stream of text chunks. Each table is read in primary-key order a bounded
 * chunk at a time, so a million events never sit in memory at once and the page stays
 * responsive (the event loop gets control back between chunks).
 * Given the same store contents and `exportedAt`, the output is byte-identical.
 */
import type { IndexableType } from 'dexie';
import { canonicalJson } from './canonical';
import { tableNamed, type TableName, type TastefulDB } from './db';
import type { z } from 'zod';
import { RECORD_SCHEMAS, USER_TABLES, type UserTable } from './records';

export const EXPORT_FORMAT = 'tasteful-export';
export const EXPORT_VERSION = 1;
export const APP_INFO = { name: 'tasteful', version: '0.1.0' } as const;

export interface ExportOptions {
  /** Records per yielded chunk (and per read transaction). */
  readonly chunkSize?: number;
  /** Stamped into the header; fix it to get reproducible bytes. */
  readonly exportedAt?: number;
}

/** Field names in sorted order, with the shape of each field that holds objects. */
type Shape = ReadonlyArray<readonly [string, Shape | null]>;

function shapeOf(schema: z.ZodType): Shape | null {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'object') {
    const fields = Object.entries(def.shape as Record<string, z.ZodType>);
    return fields.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, shapeOf(v)] as const);
  }
  if (def.type === 'array') return shapeOf(def.element as z.ZodType);
  return def.innerType ? shapeOf(def.innerType as z.ZodType) : null;
}

function project(value: unknown, shape: Shape | null): unknown {
  if (shape === null || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => project(v, shape));
  const out: Record<string, unknown> = {};
  for (const [k, s] of shape) out[k] = project((value as Record<string, unknown>)[k], s);
  return out;
}

/**
 * Serialiser per table. For fixed-shape records, a copy built in sorted key order takes
 * JSON.stringify's fast path (a replacer or property list turns it off: this is about twice
 * as fast); fields outside the schema are not part of the format and are left out. Settings
 * hold free-form values, so they take the generic path.
 */
function serializerFor(table: UserTable): (record: object) => string {
  if (table === 'settings') return canonicalJson;
  const shape = shapeOf(RECORD_SCHEMAS[table]);
  return (record) => JSON.stringify(project(record, shape));
}

/**
 * How records are read, measured on Chromium 156 over 1M events: a getAll() of 100-250
 * records costs the browser process 6-8 µs per record, one of 2,000 about 25 µs; a cursor
 * costs the page one event per record. So a chunk is gathered from several small getAll()
 * reads of about READ_CHARS characters of JSON each, the count per read estimated from the
 * table's previous chunk.
 */
const READ_CHARS = 24_000;
const FIRST_READ = 100;

export interface Chunk {
  readonly records: object[];
  /** Primary key of the last record, where the next chunk starts; null after the table's last chunk. */
  readonly after: IndexableType | null;
}

/**
 * Up to `size` records of a table after key `after` (from the start when undefined), in
 * primary-key order, `perRead` per getAll(). One read transaction per chunk: a transaction
 * cannot outlive the consumer's awaits (it commits as soon as no request is pending), so the
 * whole export cannot be one snapshot; each chunk is a consistent view of its key range, and
 * reading resumes strictly after the last key, so no record appears twice.
 */
export function readChunk(db: TastefulDB, name: TableName, after: IndexableType | undefined, size: number, perRead: number): Promise<Chunk> {
  const table = tableNamed(db, name);
  const pk = table.schema.primKey.keyPath as string;
  return db.transaction('r', table, async () => {
    const records: object[] = [];
    let last = after;
    while (records.length < size) {
      const want = Math.min(perRead, size - records.length);
      const from = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
      const page = await from.limit(want).toArray();
      for (const r of page) records.push(r);
      if (page.length < want) return { records, after: null };
      last = (page[page.length - 1] as Record<string, IndexableType>)[pk];
    }
    return { records, after: last ?? null };
  });
}

export async function* exportChunks(db: TastefulDB, options: ExportOptions = {}): AsyncGenerator<string, void, undefined> {
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 2000));
  const exportedAt = options.exportedAt ?? Date.now();
  yield `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${exportedAt},"app":${canonicalJson(APP_INFO)},"tables":{`;
  for (const [t, name] of USER_TABLES.entries()) {
    const serialize = serializerFor(name);
    yield `${t === 0 ? '' : ','}\n${JSON.stringify(name)}:[`;
    let perRead = Math.min(FIRST_READ, chunkSize);
    const read = (after: IndexableType | undefined): Promise<Chunk> => {
      const p = readChunk(db, name, after, chunkSize, perRead);
      p.catch(() => undefined); // a consumer that stops early never awaits the prefetch
      return p;
    };
    let first = true;
    let next: Promise<Chunk> | null = read(undefined);
    while (next) {
      const { records, after }: Chunk = await next;
      // Ask for the following chunk before serialising this one, so IndexedDB works while we do.
      next = after === null ? null : read(after);
      // One record per line keeps files diffable and lets errors point at a line.
      const lines = records.map(serialize);
      if (lines.length === 0) continue;
      const text = (first ? '\n' : ',\n') + lines.join(',\n');
      first = false;
      perRead = Math.max(1, Math.min(chunkSize, Math.floor((READ_CHARS * lines.length) / text.length)));
      yield text;
    }
    yield first ? ']' : '\n]';
  }
  yield '\n}}\n';
}

/** The whole export as one string (tests, small stores). */
export async function exportToString(db: TastefulDB, options?: ExportOptions): Promise<string> {
  let out = '';
  for await (const chunk of exportChunks(db, options)) out += chunk;
  return out;
}

/**
 * The export as a Blob for a download link. Pending text is folded into the Blob every few
 * megabytes: Blob contents live in the browser's blob storage, not on the JS heap.
 */
export async function exportToBlob(db: TastefulDB, options?: ExportOptions): Promise<Blob> {
  let blob = new Blob([], { type: 'application/json' });
  let pending: string[] = [];
  let pendingChars = 0;
  for await (const chunk of exportChunks(db, options)) {
    pending.push(chunk);
    pendingChars += chunk.length;
    if (pendingChars > 4_000_000) {
      blob = new Blob([blob, ...pending], { type: 'application/json' });
      pending = [];
      pendingChars = 0;
    }
  }
  return new Blob([blob, ...pending], { type: 'application/json' });
}
