/**
 * What the engine (model + profile + ranking, running in a dedicated worker) offers the rest
 * of the extension. The worker is exposed with Comlink; the background reaches it through the
 * platform's engine host (offscreen document on Chrome, the background page on Firefox).
 */
import type { TitleInput } from '../messages/protocol';
import type { PageScore } from '../messages/replies';
import type { TasteSummary } from './taste';

export interface PickItem {
  titleId: string;
  titleKey: string;
  title: string;
  year: number | null;
  kind: string;
  genres: string[];
  imageUrl: string | null;
  url: string | null;
  site: string;
  match: number | null;
  why: string[];
  /** Which profile spoke: 'recent' (what next) for picks. */
  horizon?: 'taste' | 'recent';
}

export interface PickRow {
  id: string;
  label: string;
  items: PickItem[];
}

export interface Picks {
  rows: PickRow[];
  /** How much of the user's own behaviour the profile rests on (weighted events). */
  evidence: number;
  generatedAt: number;
}

export interface EngineStatus {
  modelLoaded: boolean;
  modelVersion: string;
  cachedEmbeddings: number;
}

export interface EngineApi {
  /**
   * `dataVersion` changes whenever the background wrote something the profile depends on;
   * the engine rebuilds its cached profile when it differs from the one it was built at.
   */
  rankPage(site: string, titles: TitleInput[], dataVersion: number): Promise<{ scores: PageScore[]; evidence: number }>;
  picks(site: string | null, dataVersion: number): Promise<Picks>;
  /** The dashboard's picture of the user's taste (genres, interests, habits, watch time). */
  taste(dataVersion: number): Promise<TasteSummary>;
  status(): Promise<EngineStatus>;
  /** Rebuild the profile for `dataVersion` now, ahead of the next page asking for scores. */
  warm(dataVersion: number): Promise<void>;
  /** Data was deleted or replaced (import, delete, retention): the next build reads the store whole. */
  dataReplaced(): Promise<void>;
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
