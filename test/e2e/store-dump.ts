/**
 * Reads every object store of the extension's IndexedDB with the raw API, in an extension
 * page, and returns one canonical string: the "byte-for-byte" view tests compare.
 */
import type { Page } from 'playwright-core';

export const USER_STORES = ['titles', 'watchSessions', 'searches', 'skips', 'impressions', 'ratings', 'settings'];

export async function dumpStore(page: Page, stores: string[] = USER_STORES): Promise<Record<string, unknown[]>> {
  return page.evaluate(readStores, stores);
}

/** Runs inside an extension page (any driver's `evaluate`): the raw IndexedDB read. */
export async function readStores(names: string[]): Promise<Record<string, unknown[]>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('tasteful');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const out: Record<string, unknown[]> = {};
  for (const name of names) {
    if (!db.objectStoreNames.contains(name)) {
      out[name] = [];
      continue;
    }
    out[name] = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(name, 'readonly').objectStore(name).getAll();
      req.onsuccess = () =>
        resolve(
          req.result.map((r: unknown) =>
            r instanceof Object && 'vector' in r ? { ...r, vector: Array.from((r as { vector: Float32Array }).vector) } : r,
          ),
        );
      req.onerror = () => reject(req.error);
    });
  }
  db.close();
  return out;
}

export function countOf(dump: Record<string, unknown[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(dump).map(([k, v]) => [k, v.length]));
}
