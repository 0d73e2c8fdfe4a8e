/**
 * The background's handle on the engine worker. It survives the worker (or the offscreen
 * document) crashing: a failed call resets the host and is retried once, so badges come back.
 *
 * Nothing here tells the engine about data changes: the engine observes the store itself
 * (src/engine/store-changes.ts), whichever context wrote it.
 */
import type { EngineApi } from '../engine/api';
import type { TitleInput } from '../messages/protocol';
import type { PageScore } from '../messages/replies';
import type { EngineHost } from '../platform/engine-host';

let host: EngineHost | null = null;

export function useEngineHost(h: EngineHost): void {
  host = h;
}

export async function withEngine<T>(fn: (api: EngineApi) => Promise<T>): Promise<T> {
  if (!host) throw new Error('engine host not set');
  try {
    return await fn(await host.api());
  } catch (first) {
    await host.reset().catch(() => undefined);
    try {
      return await fn(await host.api());
    } catch {
      throw first;
    }
  }
}

/** Run `fn` on the engine only if one is up; never start one for it. */
export async function ifEngineRunning(fn: (api: EngineApi) => Promise<void>): Promise<void> {
  if (!host || !(await host.running().catch(() => false))) return;
  await fn(await host.api());
}

export function rankPage(site: string, titles: TitleInput[]): Promise<{ scores: PageScore[]; evidence: number }> {
  return withEngine((api) => api.rankPage(site, titles));
}
