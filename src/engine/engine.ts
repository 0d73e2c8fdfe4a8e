/**
 * The engine: the calls the engine worker answers. It holds the model session
 * (model-session.ts), the ranking state built from the store for the current data version
 * (state-keeper.ts, which observes the store's changes from every context) and the last page
 * per site (page-memory.ts); what to show and why is src/rank's job. Runs in the engine
 * worker (extension origin): it opens the store itself and fetches /models/ and /ort/ from
 * its own origin.
 */
import type { EngineApi, EngineStatus, Picks } from './api';
import { describeLeanings, describePeriod, pickRows, scorePage, timeToPick, type Embed } from '../rank';
import { openStore, type TastefulDB } from '../store/db';
import { ModelSession, type ModelPort } from './model-session';
import { PageMemory } from './page-memory';
import { StateKeeper } from './state-keeper';
import { tasteSummary } from './taste';

export type { ModelPort } from './model-session';

export interface EngineDeps {
  openDb?: () => Promise<TastefulDB>;
  model?: () => ModelPort;
  now?: () => number;
  /** Model idle time before unloading (default 5 minutes). */
  idleMs?: number;
}

export type Engine = EngineApi & {
  /** The engine's data version (moves when the store changes; for tests and the bench). */
  dataVersion(): number;
  /** Resolves once every store change observed so far counts in `dataVersion()` (tests, bench). */
  settled(): Promise<void>;
};

export const ENGINE_RULES = { idleMs: 5 * 60_000 } as const;

export function createEngine(deps: EngineDeps = {}): Engine {
  const clock = deps.now ?? (() => Date.now());
  let db: Promise<TastefulDB> | null = null;
  const getDb = (): Promise<TastefulDB> => {
    db ??= (deps.openDb ?? (() => openStore()))().catch((e: unknown) => {
      db = null;
      throw e;
    });
    return db;
  };
  // Without a store the embedding cache answers from memory; the build itself reports the store's error.
  const model = new ModelSession({ model: deps.model, idleMs: deps.idleMs ?? ENGINE_RULES.idleMs, store: () => getDb().catch(() => null) });
  const states = new StateKeeper({ db: getDb, model, clock });
  const pages = new PageMemory();
  const embed: Embed = async (texts) => (await model.cache()).get(texts);

  const engine: Engine = {
    async rankPage(site, titles) {
      model.touch();
      const st = await states.get();
      pages.remember(site, titles);
      return scorePage(st, site, titles, { now: clock(), embed });
    },

    async picks(site, options): Promise<Picks> {
      model.touch();
      const st = await states.get();
      return pickRows(st, site, pages.of(site), { now: clock(), embed, interleave: options?.interleave });
    },

    async taste() {
      model.touch();
      const st = await states.get();
      const d = st.data;
      const now = clock();
      // The period the taste horizon's popularity lift speaks for, when one clearly does.
      const period = st.taste.period && describePeriod(st.taste.period.index, st.taste.period.weights);
      return tasteSummary(st.taste.profile, {
        leanings: [...describeLeanings(st.taste.leanings), ...(period ? [period] : [])],
        now,
        halfLifeDays: d.settings.halfLifeDays,
        sessions: d.sessions,
        counts: {
          titles: st.catalog.length,
          watchSessions: d.sessions.length,
          skips: d.skips.length,
          ratings: d.ratings.length,
          impressions: d.impressions.length,
        },
        timeToPick: timeToPick([...d.impressions, ...d.searches, ...d.skips], d.sessions, now),
      });
    },

    async status(): Promise<EngineStatus> {
      const cache = model.currentCache;
      await cache?.settled();
      let cached = cache?.size ?? 0;
      const info = model.info;
      if (info) {
        const v = info.modelVersion;
        cached = await getDb()
          .then((d) => d.embeddings.where('modelVersion').equals(v).count())
          // The store is not readable: report what the memory cache holds.
          .catch(() => cached);
      }
      return { modelLoaded: model.loaded, modelVersion: info?.modelVersion ?? '', cachedEmbeddings: cached };
    },

    async warm() {
      await states.get();
    },

    async forget() {
      states.drop({ reads: true });
      pages.clear();
      await model.currentCache?.forget();
    },

    async unload() {
      states.drop({ reads: false });
      pages.clear();
      await model.unload();
    },

    dataVersion: () => states.version.current(),
    settled: () => states.settled(),
  };
  return engine;
}
