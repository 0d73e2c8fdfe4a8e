/**
 * Whether an engine worker is actually dead. A worker's `error` event fires for an uncaught
 * exception too, after which the worker keeps answering; only a worker that no longer answers
 * a cheap call is replaced (replacing a live one reloads the model for nothing).
 */
import type { EngineApi } from '../engine/api';

export const PROBE_TIMEOUT_MS = 3_000;

export async function answers(api: Pick<EngineApi, 'status'>, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([api.status().then(() => true), timeout]);
  } catch {
    return false; // the probe itself failing means the worker cannot serve calls: dead
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `onDead` when the worker reports an error and then does not answer. */
export function watchWorker(worker: Worker, api: Pick<EngineApi, 'status'>, onDead: (reason: string) => void): void {
  const check = (reason: string) => {
    void answers(api).then((alive) => {
      if (!alive) onDead(reason);
    });
  };
  worker.addEventListener('error', (e) => check(`worker error: ${(e as ErrorEvent).message ?? 'unknown'}`));
  worker.addEventListener('messageerror', () => check('worker message could not be read'));
}
