/**
 * What the engine (model + profile + ranking, running in a dedicated worker) offers the rest
 * of the extension. The worker is exposed with Comlink; the background reaches it through the
 * platform's engine host (offscreen document on Chrome, the background page on Firefox).
 */
import type { TitleInput } from '../messages/protocol';
import type { PageScore } from '../messages/replies';
import type { Picks } from '../rank/types';
import type { TasteSummary } from './taste';

export type { PickItem, PickRow, Picks } from '../rank/types';

export interface PicksOptions {
  /** Interleave the "Top picks" row under the current experiment with this seed (the panel only). */
  interleave?: { seed: number };
}

export interface EngineStatus {
  modelLoaded: boolean;
  modelVersion: string;
  cachedEmbeddings: number;
}

export interface EngineApi {
  /**
   * The engine follows the store by itself: whatever any context commits moves its data
   * version (src/engine/data-version.ts), and it rebuilds its state when the version moved.
   */
  rankPage(site: string, titles: TitleInput[]): Promise<{ scores: PageScore[]; evidence: number }>;
  picks(site: string | null, options?: PicksOptions): Promise<Picks>;
  /** The dashboard's picture of the user's taste (genres, interests, habits, watch time). */
  taste(): Promise<TasteSummary>;
  status(): Promise<EngineStatus>;
  /** Build the state for the current data version now, ahead of the next page asking for scores. */
  warm(): Promise<void>;
  /** The user is about to wipe their data: drop every cache, and let no write from before land after. */
  forget(): Promise<void>;
  unload(): Promise<void>;
}

export type EngineMethod = keyof EngineApi;

/** Messages the background sends to the offscreen document to reach the engine. */
export interface EngineCall {
  target: 'tasteful-engine';
  method: EngineMethod;
  args: unknown[];
}
