/**
 * Tracks whether the last write failed for lack of space. While full, recording pauses
 * (the popup says so); it resumes by itself once the browser reports room again.
 */
export const storeHealth = {
  full: false,
  since: 0,
};

export function markStoreFull(now = Date.now()): void {
  if (!storeHealth.full) storeHealth.since = now;
  storeHealth.full = true;
}

/** Re-check at most every 10 s whether space returned; browsers report it via estimate(). */
let lastCheck = 0;
export async function refreshStoreHealth(now = Date.now()): Promise<boolean> {
  if (!storeHealth.full || now - lastCheck < 10_000) return storeHealth.full;
  lastCheck = now;
  try {
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    if (quota > 0 && usage < quota * 0.95) storeHealth.full = false;
  } catch {
    storeHealth.full = false; // no way to know: let the next write tell us
  }
  return storeHealth.full;
}
