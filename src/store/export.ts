/**
 * Export: the user's data as one versioned JSON document (see docs/export-format.md),
 * produced as a stream of text chunks. Each table is read in primary-key order a bounded
 * page at a time, each page its own short read, so a million events never sit in memory at
 * once and the page stays responsive (every page read hands the event loop back).
 * Given the same store contents and `exportedAt`, the output is byte-identical.
 */
import type { IndexableType } from 'dexie';
import { canonicalJson } from './canonical';
import { tableNamed, type TastefulDB } from './db';
import type { z } from 'zod';
import { RECORD_SCHEMAS, USER_TABLES, type UserTable } from './records';

export const EXPORT_FORMAT = 'tasteful-export';
export const EXPORT_VERSION = 1;
export const APP_INFO = { name: 'tasteful', version: '0.1.0' } as const;

export interface ExportOptions {
  /** Records read per page, and per yielded chunk. */
  readonly chunkSize?: number;
  /** Stamped into the header; fix it to get reproducible bytes. */
  readonly exportedAt?: number;
}

/** Every field name a schema can hold, nested objects included. */
function fieldNames(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'object') {
    for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
      out.add(k);
      fieldNames(v, out);
    }
  } else if (def.type === 'array') fieldNames(def.element as z.ZodType, out);
  else if (def.innerType) fieldNames(def.innerType as z.ZodType, out);
  return out;
}

/**
 * Serialiser per table. For fixed-shape records, JSON.stringify with a sorted property list
 * emits keys in that order at every depth natively (about twice as fast as copying each
 * record with sorted keys); fields outside the schema are not part of the format and are
 * left out. Settings hold free-form values, so they take the generic path.
 */
function serializerFor(table: UserTable): (record: object) => string {
  if (table === 'settings') return canonicalJson;
  const keys = [...fieldNames(RECORD_SCHEMAS[table])].sort();
  return (record) => JSON.stringify(record, keys);
}

export async function* exportChunks(db: TastefulDB, options: ExportOptions = {}): AsyncGenerator<string, void, undefined> {
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 2000));
  const exportedAt = options.exportedAt ?? Date.now();
  yield `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${exportedAt},"app":${canonicalJson(APP_INFO)},"tables":{`;
  for (const [t, name] of USER_TABLES.entries()) {
    const table = tableNamed(db, name);
    const serialize = serializerFor(name);
    yield `${t === 0 ? '' : ','}\n${JSON.stringify(name)}:[`;
    const pkName = table.schema.primKey.keyPath as string;
    const pageAfter = (last: IndexableType | undefined): Promise<object[]> => {
      const p: Promise<object[]> =
        last === undefined
          ? table.orderBy(':id').limit(chunkSize).toArray()
          : table.where(':id').above(last).limit(chunkSize).toArray();
      p.catch(() => undefined); // a consumer that stops early never awaits the prefetch
      return p;
    };
    let first = true;
    let next: Promise<object[]> | null = pageAfter(undefined);
    while (next) {
      const page: object[] = await next;
      // Ask for the following page before serialising this one, so IndexedDB works while we do.
      next =
        page.length === chunkSize ? pageAfter((page[page.length - 1] as Record<string, IndexableType>)[pkName]) : null;
      // One record per line keeps files diffable and lets errors point at a line.
      let text = '';
      for (const record of page) {
        text += (first ? '\n' : ',\n') + serialize(record);
        first = false;
      }
      if (text) yield text;
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
