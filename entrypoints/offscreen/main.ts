/**
 * Chrome only: hosts the engine worker (a service worker cannot create workers) and relays
 * the background's engine calls to it over Comlink. Idle for long, the worker is unloaded
 * to give its memory back; the next call starts it again.
 */
import * as Comlink from 'comlink';
import { browser } from 'wxt/browser';
import type { EngineApi, EngineCall } from '../../src/engine/api';
import { startEngineWorker } from '../../src/engine/start-worker';
import type { EngineReply } from '../../src/platform/engine-errors';
import { watchWorker } from '../../src/platform/worker-liveness';

const IDLE_UNLOAD_MS = 5 * 60 * 1000;

let worker: Worker | null = null;
let remote: Comlink.Remote<EngineApi> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function engine(): Comlink.Remote<EngineApi> {
  if (!remote) {
    const w = startEngineWorker();
    const r = Comlink.wrap<EngineApi>(w);
    // Only a worker that stopped answering is replaced (on the next call); an engine error is not a crash.
    watchWorker(w, r, () => {
      if (worker === w) stop();
    });
    worker = w;
    remote = r;
  }
  clearTimeout(idleTimer);
  idleTimer = setTimeout(stop, IDLE_UNLOAD_MS);
  return remote;
}

function stop(): void {
  worker?.terminate();
  worker = null;
  remote = null;
}

function isEngineCall(m: unknown): m is EngineCall {
  return typeof m === 'object' && m !== null && (m as EngineCall).target === 'tasteful-engine';
}

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  if (!isEngineCall(message) || sender.id !== browser.runtime.id) return undefined;
  const fn = (engine() as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[message.method];
  if (typeof fn !== 'function') return Promise.resolve<EngineReply>({ ok: false, error: `unknown engine method ${message.method}` });
  // The engine answered with a failure: the worker is alive and keeps its model, the caller reports it.
  return fn(...message.args).then(
    (value): EngineReply => ({ ok: true, value }),
    (err: unknown): EngineReply => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
