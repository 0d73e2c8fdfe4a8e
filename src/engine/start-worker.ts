/** Starts the engine worker. Vite bundles the worker file and rewrites this URL at build time. */
export function startEngineWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'tasteful-engine' });
}
