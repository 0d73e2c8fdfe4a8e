import * as Comlink from 'comlink';
import type { EngineApi } from '../engine/api';
import type { EngineHost } from './engine-host';
import { startEngineWorker } from '../engine/start-worker';

let worker: Worker | null = null;
let remote: Comlink.Remote<EngineApi> | null = null;

export const firefoxEngineHost: EngineHost = {
  api: async () => {
    if (!remote) {
      worker = startEngineWorker();
      remote = Comlink.wrap<EngineApi>(worker);
    }
    return remote as unknown as EngineApi;
  },
  running: async () => remote !== null,
  reset: async () => {
    worker?.terminate();
    worker = null;
    remote = null;
  },
};
