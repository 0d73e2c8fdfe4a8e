/**
 * The background's handle on the engine worker. It survives the worker (or the offscreen
 * document) crashing: a failed call resets the host and is retried once, so badges come back.
 */
import type { EngineApi } from '../engine/api';
import type { TitleInput } from '../messages/protocol';
import type { PageScore } from '../messages/replies';
import type { EngineHost } from '../platform/engine-host';

let host: EngineHost | null = null;
/** Bumped after every write the profile depends on (events, ratings, imports, deletes). */
let dataVersion = Date.now();

export function bumpDataVersion(): void {
  dataVersion++;
}

export function currentDataVersion(): number {
  return dataVersion;
}

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

export function rankPage(site: string, titles: TitleInput[]): Promise<{ scores: PageScore[]; evidence: number }> {
  return withEngine((api) => api.rankPage(site, titles, dataVersion));
}
