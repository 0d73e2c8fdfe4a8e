/**
 * What was committed to the store, seen from the engine worker, whoever wrote it.
 *
 * Dexie fires `storagemutated` after every committed read-write transaction, in the context
 * that wrote it and, through a BroadcastChannel every Dexie module opens on load, in every
 * other context of the same origin: the background (service worker or event page), the
 * extension pages (dashboard, popup, panel) and the engine worker itself. Its payload names,
 * per table, the primary keys (or key ranges) that changed; a delete is named like a write.
 * This module turns that payload into `TableChange`s for one database.
 */
import Dexie, { type ObservabilitySet } from 'dexie';

/** Primary keys written or deleted in a table, or 'all' when Dexie names a range (bulk writes, clear, deleteRange). */
export interface TableChange {
  table: string;
  keys: string[] | 'all';
}

interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** The keys of a Dexie RangeSet tree (a plain object when it came over the channel), or 'all' if any entry is a range. */
function rangeKeys(node: RangeNode | null | undefined, out: string[]): string[] | 'all' {
  if (!node || !('from' in node)) return out;
  if (typeof node.from !== 'string' || node.from !== node.to) return 'all';
  if (rangeKeys(node.l, out) === 'all') return 'all';
  out.push(node.from);
  return rangeKeys(node.r, out);
}

/** The per-table primary-key changes of database `dbName` in one notification. */
export function tableChanges(parts: ObservabilitySet, dbName: string): TableChange[] {
  const prefix = `idb://${dbName}/`;
  const out: TableChange[] = [];
  for (const [part, set] of Object.entries(parts)) {
    if (!part.startsWith(prefix)) continue;
    const rest = part.slice(prefix.length);
    const slash = rest.indexOf('/');
    // The primary-key part is `<table>/`; index parts (`<table>/<index>`) repeat the same change.
    if (slash < 0 || slash !== rest.length - 1) continue;
    out.push({ table: rest.slice(0, slash), keys: rangeKeys(set as RangeNode, []) });
  }
  return out;
}

/**
 * Calls `onChange` with every committed change to database `dbName`, from any context.
 * Returns the unsubscribe function.
 */
export function observeStore(dbName: string, onChange: (changes: TableChange[]) => void): () => void {
  const listener = (parts: ObservabilitySet): void => {
    // `all` is Dexie's "everything may have changed" (a page restored from the back/forward cache).
    const changes = (parts as { all?: unknown }).all ? [{ table: '*', keys: 'all' as const }] : tableChanges(parts, dbName);
    if (changes.length) onChange(changes);
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}
