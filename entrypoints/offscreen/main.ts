/**
 * Chrome only: hosts the engine worker (a service worker cannot create workers) and relays
 * the background's engine calls to it over Comlink. Idle for long, the worker is unloaded
 * to give its memory back; the next call starts it again.
 */
import * as Comlink from 'comlink';
import { browser } from 'wxt/browser';
import type { EngineApi, EngineCall } from '../../src/engine/api';
import { startEngineWorker } from '../../src/engine/start-worker';

const IDLE_UNLOAD_MS = 5 * 60 * 1000;

let worker: Worker | null = null;
let remote: Comlink.Remote<EngineApi> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function engine(): Comlink.Remote<EngineApi> {
  if (!remote) {
    worker = startEngineWorker();
    // A crashed worker is replaced on the next call.
    worker.addEventListener('error', () => stop());
    remote = Comlink.wrap<EngineApi>(worker);
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
  if (typeof fn !== 'function') return Promise.resolve({ ok: false, error: `unknown engine method ${message.method}` });
  return fn(...message.args).then(
    (value) => ({ ok: true, value }),
    (err: unknown) => {
      stop();
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    },
  );
});
