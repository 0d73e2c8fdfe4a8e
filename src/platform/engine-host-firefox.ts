import * as Comlink from 'comlink';
import type { EngineApi } from '../engine/api';
import type { EngineHost } from './engine-host';
import { startEngineWorker } from '../engine/start-worker';
import { EngineFailed, EngineUnreachable } from './engine-errors';
import { watchWorker } from './worker-liveness';

let worker: Worker | null = null;
let remote: Comlink.Remote<EngineApi> | null = null;

function stop(): void {
  worker?.terminate();
  worker = null;
  remote = null;
}

function start(): Comlink.Remote<EngineApi> {
  let w: Worker;
  try {
    w = startEngineWorker();
  } catch (err) {
    throw new EngineUnreachable(`engine worker could not start: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const r = Comlink.wrap<EngineApi>(w);
  // A dead worker never answers again: drop it, so the engine client's retry starts a new one.
  watchWorker(w, r, () => {
    if (worker === w) stop();
  });
  worker = w;
  remote = r;
  return r;
}

/** Calls through Comlink: a rejection is the engine's own error (the worker answered). */
const api = new Proxy({} as EngineApi, {
  // Not a thenable: `await host.api()` must not mistake the proxy for a promise.
  get: (_t, method: string | symbol) =>
    method === 'then' || typeof method === 'symbol'
      ? undefined
      : async (...args: unknown[]) => {
          const r = remote ?? start();
          try {
            return await (r as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
          } catch (err) {
            throw new EngineFailed(err instanceof Error ? err.message : String(err), { cause: err });
          }
        },
});

export const firefoxEngineHost: EngineHost = {
  api: async () => api,
  running: async () => remote !== null,
  reset: async () => stop(),
};
