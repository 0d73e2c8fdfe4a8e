/**
 * The one seam between browsers for running the engine worker. Chrome's service worker
 * cannot create workers, so the worker lives in an offscreen document; Firefox's background
 * page creates it directly. The rest of the code calls `engine()` and never asks which.
 */
import type { EngineApi } from '../engine/api';

export interface EngineHost {
  api(): Promise<EngineApi>;
  /** Drop the worker (idle unload, crash recovery); the next call starts a new one. */
  reset(): Promise<void>;
  /** Whether a worker is up now (asking this never starts one). */
  running(): Promise<boolean>;
}
