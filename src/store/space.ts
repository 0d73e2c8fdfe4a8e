/**
 * Room left for the store, as the browser estimates it. Shared by the background (recording
 * pauses below the reserve, see background/store-health.ts) and the engine (its cache, being
 * derived data, stops writing earlier, at twice the reserve).
 */
export const RESERVE_BYTES = 32 * 1024 * 1024;

export interface SpaceEstimate {
  readonly usage?: number;
  readonly quota?: number;
}

/** True when the estimate leaves less than `reserve` bytes; false when the browser does not say. */
export function lowOnSpace(estimate: SpaceEstimate | undefined | null, reserve = RESERVE_BYTES): boolean {
  const quota = estimate?.quota ?? 0;
  if (!(quota > 0)) return false; // no estimate: let the next write tell us
  return quota - (estimate?.usage ?? 0) < reserve;
}
