/**
 * The background's handle on the engine worker, and the one place an engine call is retried
 * (see `withEngine`): a call that could not reach the engine is asked again until
 * `ENGINE_RETRY.deadlineMs`, restarting a host that stays unreachable; a call the engine ran
 * and failed is logged and reported, never retried. So badges come back after the worker (or
 * the offscreen document) dies, and one bad batch costs one failed answer, not a model reload.
 *
 * Nothing here tells the engine about data changes: the engine observes the store itself
 * (src/engine/store-changes.ts), whichever context wrote it.
 */
import type { EngineApi } from '../engine/api';
import type { TitleInput } from '../messages/protocol';
import type { PageScore } from '../messages/replies';
import type { EngineHost } from '../platform/engine-host';
import { EngineUnreachable } from '../platform/engine-errors';
import { diagnose } from '../store/diagnostics';

let host: EngineHost | null = null;

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

/**
 * Start the engine (and build its state) now, without waiting for the answer: a page asks for
 * its recent scores at document start, and its first `rank/page` follows a few hundred
 * milliseconds later; starting the engine then would put a cold start on the first badges.
 */
export function warmEngine(): void {
  if (!host) return; // no engine in this context (unit tests of the handlers)
  // withEngine has already logged the failure (diagnose); the page's own request will retry.
  withEngine((api) => api.warm()).catch(() => undefined);
}

export function rankPage(site: string, titles: TitleInput[]): Promise<{ scores: PageScore[]; evidence: number }> {
  return withEngine((api) => api.rankPage(site, titles));
}
