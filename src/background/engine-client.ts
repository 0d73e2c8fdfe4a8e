/**
 * The background's handle on the engine worker, and the one place an engine call is retried
 * (see `withEngine`): a call that could not reach the engine is asked again until
 * `ENGINE_RETRY.deadlineMs`, restarting a host that stays unreachable; a call the engine ran
 * and failed is logged and reported, never retried. So badges come back after the worker (or
 * the offscreen document) dies, and one bad batch costs one failed answer, not a model reload.
 *
 * It also decides when the engine's cached profile is out of date. The engine rebuilds its
 * state whenever the `dataVersion` it is given changes, and a rebuild is the slow part of
 * scoring a page, so changes come in two strengths:
 * - strong (a watch ended, a skip, a rating, a search, an import or delete): the next answer
 *   must reflect it, so the version moves at once;
 * - weak (impressions, catalog growth, a watch still in progress): they shift the profile by
 *   little, so they are folded into the version at most once every `WEAK_FOLD_MS` (longer
 *   when rebuilds are slow).
 * After either, the engine (if it is running) rebuilds in the background shortly after, so
 * the next page's badges do not wait for it.
 */
import type { EngineApi } from '../engine/api';
import type { TitleInput } from '../messages/protocol';
import type { PageScore } from '../messages/replies';
import type { EngineHost } from '../platform/engine-host';
import { EngineUnreachable } from '../platform/engine-errors';
import { diagnose } from '../store/diagnostics';

export const WEAK_FOLD_MS = 30_000;
export const WARM_DELAY_MS = 250;
/**
 * On a very large store a rebuild can still take seconds (a full read every 10 minutes, or
 * after a deletion), so weak changes are folded in no more often than every
 * `FOLD_COST_FACTOR` rebuild times: the engine spends at most ~5% of a core on impressions.
 */
export const FOLD_COST_FACTOR = 20;
export const MAX_WEAK_FOLD_MS = 5 * 60_000;

export type ChangeStrength = 'strong' | 'weak';

let host: EngineHost | null = null;
let dataVersion = Date.now();
let weakSince: number | null = null;
let lastBuildMs = 0;
let warmTimer: ReturnType<typeof setTimeout> | undefined;

/** How long weak changes may wait: WEAK_FOLD_MS, longer when rebuilds are slow. */
export function weakFoldMs(): number {
  return Math.min(MAX_WEAK_FOLD_MS, Math.max(WEAK_FOLD_MS, FOLD_COST_FACTOR * lastBuildMs));
}

/** Something the profile depends on was written. */
export function noteDataChange(strength: ChangeStrength, now = Date.now()): void {
  if (strength === 'strong') {
    dataVersion++;
    weakSince = null;
    scheduleWarm();
  } else if (weakSince === null) {
    weakSince = now;
    // Fold (and warm) on time even if no page asks; a suspended worker folds on the next ask.
    setTimeout(() => currentDataVersion(), weakFoldMs());
  }
}

/**
 * Rows were deleted or replaced (import, delete, wipe, the retention prune). No index shows a
 * deletion, so the engine must read the store whole again, and the change is a strong one.
 */
export async function noteDataReplaced(): Promise<void> {
  // The strong change below still moves the version; the note says why a rebuild was partial.
  await ifEngineRunning((api) => api.dataReplaced()).catch((err: unknown) => diagnose('engine-client/dataReplaced', err));
  noteDataChange('strong');
}

/** The version to rank at: weak changes older than WEAK_FOLD_MS are folded in. */
export function currentDataVersion(now = Date.now()): number {
  if (weakSince !== null && now - weakSince >= weakFoldMs()) {
    dataVersion++;
    weakSince = null;
    scheduleWarm();
  }
  return dataVersion;
}

function scheduleWarm(): void {
  clearTimeout(warmTimer);
  warmTimer = setTimeout(() => void warm(), WARM_DELAY_MS);
}

/** Rebuild the engine's state now, but never start an engine just for that. */
async function warm(): Promise<void> {
  const t0 = Date.now();
  let built = false;
  await ifEngineRunning(async (api) => {
    await api.warm(currentDataVersion());
    built = true;
  }).catch((err: unknown) => diagnose('engine-client/warm', err)); // the next ask builds instead
  if (built) lastBuildMs = Date.now() - t0;
}

export function useEngineHost(h: EngineHost): void {
  host = h;
}

/** The badge path's one retry policy (the host and the page's batcher do not retry). */
export const ENGINE_RETRY = {
  firstDelayMs: 25,
  maxDelayMs: 400,
  /**
   * Unreachable for this long after the first try: give up (the caller gets the error). A
   * fresh offscreen document on a loaded machine can take many seconds to register its
   * listener, and this is the only retry on the badge path, so it waits long.
   */
  deadlineMs: 20_000,
  /** Unreachable for this long: the host is wedged (a document that never answers): restart it, once. */
  resetAfterMs: 10_000,
} as const;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function withEngine<T>(fn: (api: EngineApi) => Promise<T>, now: () => number = Date.now): Promise<T> {
  const h = host;
  if (!h) throw new Error('engine host not set');
  const started = now();
  let wasReset = false;
  for (let delay: number = ENGINE_RETRY.firstDelayMs; ; delay = Math.min(delay * 2, ENGINE_RETRY.maxDelayMs)) {
    try {
      return await fn(await h.api());
    } catch (err) {
      const waited = now() - started;
      if (!(err instanceof EngineUnreachable) || waited >= ENGINE_RETRY.deadlineMs) {
        diagnose('engine', err);
        throw err;
      }
      if (!wasReset && waited >= ENGINE_RETRY.resetAfterMs) {
        wasReset = true;
        // A failed reset leaves the old host in place; the next attempt tells whether it answers.
        await h.reset().catch((resetErr: unknown) => diagnose('engine-client/reset', resetErr));
      }
      await sleep(delay);
    }
  }
}

/** Run `fn` on the engine only if one is up; never start one for it. */
export async function ifEngineRunning(fn: (api: EngineApi) => Promise<void>): Promise<void> {
  // A host that cannot even say whether it runs is treated as not running: nothing to warm.
  if (!host || !(await host.running().catch(() => false))) return;
  await fn(await host.api());
}

export function rankPage(site: string, titles: TitleInput[]): Promise<{ scores: PageScore[]; evidence: number }> {
  return withEngine((api) => api.rankPage(site, titles, currentDataVersion()));
}
