/**
 * Whether the store has room to record. While it has none, recording pauses (the popup says
 * so) and nothing is written; it resumes by itself once the browser reports room again.
 *
 * Two signals:
 * - the browser's estimate: recording pauses while less than RESERVE_BYTES is left for the
 *   extension's origin. With `unlimitedStorage` Chromium never applies a quota to our
 *   IndexedDB writes and reports `quota - usage` as the free space on the profile's disk;
 *   with a fixed quota (no `unlimitedStorage`, other browsers) it is what the quota leaves.
 * - a write that failed for lack of space (`markStoreFull`, from a `StoreFullError`).
 *
 * Why stop early instead of waiting for a write to fail: in Chromium the first sign of a full
 * disk is LevelDB failing half-way through appending to its log (`FILE_ERROR_NO_SPACE`); the
 * browser closes every connection, and a later open of the store can read the torn log as
 * "Corruption: checksum mismatch" and delete the origin's whole IndexedDB. Seen with the real
 * extension on a full disk (see test/e2e/quota.e2e.ts); the reserve keeps us from getting there.
 */
import { lowOnSpace, type SpaceEstimate } from '../store/space';

export { lowOnSpace, RESERVE_BYTES, type SpaceEstimate } from '../store/space';

/** How often the background asks the browser again (one estimate() is ~1 ms of IPC). */
export const CHECK_EVERY_MS = 2_000;

export const storeHealth = {
  full: false,
  since: 0,
};

let lastCheck = Number.NEGATIVE_INFINITY;

/** A write failed for lack of space: pause now, and until the browser reports room again. */
export function markStoreFull(now = Date.now()): void {
  if (!storeHealth.full) storeHealth.since = now;
  storeHealth.full = true;
  lastCheck = now;
}

/**
 * Asks the browser (at most every CHECK_EVERY_MS) whether the store has room, and returns
 * whether recording must pause. Called before every recording write and state request.
 */
export async function refreshStoreHealth(
  now = Date.now(),
  estimate: () => Promise<SpaceEstimate> = () => navigator.storage.estimate(),
): Promise<boolean> {
  if (now - lastCheck < CHECK_EVERY_MS) return storeHealth.full;
  lastCheck = now;
  let low = false;
  try {
    low = lowOnSpace(await estimate());
  } catch {
    low = false; // no way to know: let the next write tell us
  }
  if (low) markStoreFull(now);
  else storeHealth.full = false;
  return storeHealth.full;
}
