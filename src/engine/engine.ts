/**
 * The engine: model (lazy, unloaded after 5 idle minutes), embedding cache, the user's
 * profile (rebuilt only when `dataVersion` changes), page scores with match % and reasons,
 * the "Picked for you" rows and the dashboard's taste summary. Runs in the engine worker
 * (extension origin): it opens the store itself and fetches /models/ and /ort/ from its
 * own origin.
 */
import type { EngineApi, EngineStatus, PickItem, Picks } from './api';
import type { TitleInput } from '../messages/protocol';
import type { PageScore } from '../messages/replies';
import type { Embeddings } from '../model/embedder';
import { buildItemText, buildQueryText } from '../model/text';
import { createWorkerApi, type ModelInfo } from '../model/worker-api';
import { activeHabits, type ContextSession, type NowContext } from '../rank/context';
import { RULES, sessionWeight, titleEvents, type TitleEvent } from '../rank/events';
import { explain } from '../rank/explain';
import { canonicalGenres } from '../rank/genres';
import { badge, calibrate, type Calibration } from '../rank/match';
import { isBlocked, scoreCandidates, type Blocklist, type CandidateSet } from '../rank/recommend';
import { rankHistory } from '../rank/rank-history';
import { buildRows, type ItemBase } from '../rank/rows';
import type { ProfileEvent, UserProfile } from '../rank/user-profile';
import { row as vrow } from '../rank/vec';
import { openStore, type TastefulDB } from '../store/db';
import type { DeviceClass } from '../store/records';
import { titleKey } from '../titles/normalize';
import { groupCatalog, type CatalogEntry, type UserData } from './catalog';
import { UserDataCache } from './user-data-cache';
import { timeToPick } from '../rank/time-to-pick';
import { EmbeddingCache } from './embedding-cache';
import { tasteSummary, type TasteSummary } from './taste';
import { Lru } from './lru';
// Vite emits the binary once (ort's bundle refers to the same file) and gives us its URL.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

export interface ModelPort {
  load(): Promise<ModelInfo>;
  embed(texts: string[]): Promise<Embeddings>;
  unload(): Promise<void>;
}

export interface EngineDeps {
  openDb?: () => Promise<TastefulDB>;
  model?: () => ModelPort;
  now?: () => number;
  /** Model idle time before unloading (default 5 minutes). */
  idleMs?: number;
}

export interface Engine extends EngineApi {
  taste(dataVersion: number): Promise<TasteSummary>;
}

export const ENGINE_RULES = { idleMs: 5 * 60_000, trendingDays: 7, pageMemory: 300, pageSites: 20 } as const;

function defaultModel(): ModelPort {
  const api = createWorkerApi();
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin ?? '';
  return {
    load: () => api.load({ modelBaseUrl: `${origin}/models/`, wasmUrl: new URL(ortWasmUrl, `${origin}/`).href }),
    embed: (texts) => api.embed(texts),
    unload: () => api.unload(),
  };
}

interface State {
  dataVersion: number;
  info: ModelInfo;
  data: UserData;
  catalog: CatalogEntry[];
  keyIndex: Map<string, number>;
  cands: CandidateSet;
  profile: UserProfile;
  byKey: Map<string, TitleEvent>;
  cal: Calibration;
  block: Blocklist;
  disliked: Set<string>;
  continueWatching: { key: string; completion: number }[];
  seenKeys: Set<string>;
  popularAt: number;
  device: DeviceClass | null;
}

function percentile(values: Float32Array, q: number): number {
  if (!values.length) return Infinity;
  const s = Float32Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

export function createEngine(deps: EngineDeps = {}): Engine {
  const clock = deps.now ?? (() => Date.now());
  const idleMs = deps.idleMs ?? ENGINE_RULES.idleMs;
  let port: ModelPort | null = null;
  let loaded = false;
  let loading: Promise<ModelInfo> | null = null;
  let info: ModelInfo | null = null;
  let db: Promise<TastefulDB> | null = null;
  let cache: EmbeddingCache | null = null;
  let state: { version: number; p: Promise<State> } | null = null;
  const userData = new UserDataCache();
  let idle: ReturnType<typeof setTimeout> | null = null;
  const lastPage = new Lru<string, TitleInput[]>(ENGINE_RULES.pageSites);

  const getDb = (): Promise<TastefulDB> => {
    db ??= (deps.openDb ?? (() => openStore()))().catch((e: unknown) => {
      db = null;
      throw e;
    });
    return db;
  };

  const touch = (): void => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => void unloadModel(), idleMs);
    (idle as { unref?: () => void }).unref?.();
  };

  const ensureModel = (): Promise<ModelInfo> => {
    touch();
    if (loaded && info) return Promise.resolve(info);
    loading ??= (async () => {
      port ??= (deps.model ?? defaultModel)();
      const i = await port.load();
      info = i;
      loaded = true;
      return i;
    })().finally(() => {
      loading = null;
    });
    return loading;
  };

  async function unloadModel(): Promise<void> {
    if (idle) clearTimeout(idle);
    idle = null;
    const p = port;
    loaded = false;
    await p?.unload();
  }

  const getCache = async (): Promise<EmbeddingCache> => {
    const i = info ?? (await ensureModel());
    if (!cache || cache.modelVersion !== i.modelVersion) {
      const store = await getDb().catch(() => null);
      cache = new EmbeddingCache(store, i.modelVersion, i.dim, async (texts) => {
        await ensureModel();
        return (port as ModelPort).embed(texts);
      });
    }
    return cache;
  };

  async function build(dataVersion: number): Promise<State> {
    const now = clock();
    const store = await getDb();
    const c = await getCache();
    const i = info as ModelInfo;
    const data = await userData.load(store, now);
    const catalog = groupCatalog(data.titles);
    const keyIndex = new Map(catalog.map((e, j) => [e.key, j]));
    const onb = data.settings.onboarding;
    const onbGenres = canonicalGenres(onb.genres);
    const events = titleEvents({ sessions: data.sessions, skips: data.skips, impressions: data.impressions, ratings: data.ratings, searches: data.searches, onboarding: { done: onb.done, genres: onbGenres, titles: onb.titles }, now });

    // Texts: the catalog, then onboarding picks that are not in it.
    const extraTexts: string[] = [];
    const extraOf = new Map<string, number>();
    for (const e of events) {
      if (e.source === 'search') {
        extraOf.set(e.key, extraTexts.push(buildQueryText(e.key.slice('search:'.length))) - 1);
        continue;
      }
      if (e.source !== 'onboarding') continue;
      if (e.key.startsWith('onboarding:title:')) {
        const t = e.key.slice('onboarding:title:'.length);
        if (keyIndex.has(titleKey(t))) continue;
        extraOf.set(e.key, extraTexts.push(buildItemText({ title: t })) - 1);
      } else {
        extraOf.set(e.key, extraTexts.push(buildQueryText(e.key.slice('onboarding:genre:'.length))) - 1);
      }
    }
    const n = catalog.length;
    const emb = await c.get([...catalog.map((e) => e.text), ...extraTexts]);
    const dim = emb.dim;
    const cands: CandidateSet = {
      vectors: emb.vectors.subarray(0, n * dim),
      dim,
      popularity: emb.popularity.subarray(0, n),
      keys: catalog.map((e) => e.key),
      genres: catalog.map((e) => e.genres),
    };

    const pevents: ProfileEvent[] = [];
    for (const e of events) {
      if (e.source === 'search') {
        const xi = extraOf.get(e.key) as number;
        pevents.push({ ...e, vector: emb.vectors.subarray((n + xi) * dim, (n + xi + 1) * dim), title: e.key.slice('search:'.length), genres: [] });
        continue;
      }
      if (e.source === 'onboarding') {
        const isTitle = e.key.startsWith('onboarding:title:');
        const name = e.key.slice(isTitle ? 'onboarding:title:'.length : 'onboarding:genre:'.length);
        const ci = isTitle ? keyIndex.get(titleKey(name)) : undefined;
        if (ci !== undefined) {
          const ce = catalog[ci] as CatalogEntry;
          pevents.push({ ...e, vector: vrow(cands.vectors, dim, ci), title: ce.title, genres: ce.genres });
        } else {
          const xi = extraOf.get(e.key) as number;
          pevents.push({ ...e, vector: emb.vectors.subarray((n + xi) * dim, (n + xi + 1) * dim), title: name, genres: isTitle ? [] : [name] });
        }
        continue;
      }
      const ci = keyIndex.get(e.key);
      if (ci === undefined) continue;
      const ce = catalog[ci] as CatalogEntry;
      pevents.push({ ...e, vector: vrow(cands.vectors, dim, ci), title: ce.title, genres: ce.genres });
    }

    const ctxSessions: ContextSession[] = data.sessions.map((s) => ({
      ctx: s.ctx,
      weight: sessionWeight(s),
      genres: catalog[keyIndex.get(s.titleKey) ?? -1]?.genres ?? [],
    }));
    // Profile + base scores (no context boost): the same function scripts/eval.ts measures.
    const { profile, scored: baseScored } = rankHistory(pevents, cands, {
      halfLifeItems: i.halfLifeItems,
      halfLifeDays: data.settings.halfLifeDays,
      now,
      popWeight: i.popWeight,
      onboardingDone: onb.done,
      onboardingGenres: onbGenres,
      sessions: ctxSessions,
    });

    const byKey = new Map(events.filter((e) => e.source === 'history').map((e) => [e.key, e]));
    // Calibration on base scores (no context boost).
    const base = baseScored.scores;
    const ref: number[] = [];
    const labelled: { score: number; positive: boolean }[] = [];
    cands.keys.forEach((k, j) => {
      const e = byKey.get(k);
      const s = base[j] as number;
      if (!(e && e.weight > 0 && e.strong)) ref.push(s);
      if (e && e.weight > 0 && e.strong) labelled.push({ score: s, positive: true });
      else if (e && e.weight < 0) labelled.push({ score: s, positive: false });
    });
    const cal = calibrate(ref, labelled);

    // Filters.
    const disliked = new Set<string>();
    for (const r of data.ratings) if (r.value === 'down' || r.value === 'not-interested') disliked.add(r.titleKey);
    for (const s of data.skips) if (s.reason === 'not-interested') disliked.add(s.titleKey);
    // A later thumbs up / love lifts an old "not interested".
    for (const r of data.ratings) if (r.value === 'up' || r.value === 'love') disliked.delete(r.titleKey);
    const latest = new Map<string, (typeof data.sessions)[number]>();
    for (const s of data.sessions) {
      const p = latest.get(s.titleKey);
      if (!p || s.startedAt > p.startedAt) latest.set(s.titleKey, s);
    }
    const blockKeys = new Set(disliked);
    const continueWatching: { key: string; completion: number; at: number }[] = [];
    for (const [key, e] of byKey) {
      const ce = catalog[keyIndex.get(key) ?? -1];
      if (e.maxCompletion >= RULES.finishedCompletion && ce?.kind !== 'series') blockKeys.add(key);
    }
    for (const [key, s] of latest) {
      if (s.completion >= RULES.continueFrom && s.completion < RULES.finishedCompletion && !disliked.has(key)) {
        const finished = (byKey.get(key)?.maxCompletion ?? 0) >= RULES.finishedCompletion && catalog[keyIndex.get(key) ?? -1]?.kind !== 'series';
        if (!finished) {
          continueWatching.push({ key, completion: s.completion, at: s.startedAt });
          blockKeys.add(key);
        }
      }
    }
    continueWatching.sort((a, b) => b.at - a.at);
    const blockVectors = [...disliked].flatMap((k) => {
      const j = keyIndex.get(k);
      return j === undefined ? [] : [Float32Array.from(vrow(cands.vectors, dim, j))];
    });
    const seenKeys = new Set<string>([...byKey.keys(), ...data.impressions.map((x) => x.titleKey), ...data.ratings.map((r) => r.titleKey)]);
    const lastSession = [...data.sessions].sort((a, b) => b.startedAt - a.startedAt)[0];

    return {
      dataVersion,
      info: i,
      data,
      catalog,
      keyIndex,
      cands,
      profile,
      byKey,
      cal,
      block: { keys: blockKeys, vectors: blockVectors },
      disliked,
      continueWatching,
      seenKeys,
      popularAt: percentile(cands.popularity ?? new Float32Array(), 0.8),
      device: lastSession?.ctx.device ?? null,
    };
  }

  const getState = (dataVersion: number): Promise<State> => {
    if (!state || state.version !== dataVersion) {
      const p = build(dataVersion);
      state = { version: dataVersion, p };
      p.catch(() => {
        if (state?.p === p) state = null;
      });
    }
    return state.p;
  };

  const nowContext = (st: State): NowContext => {
    const d = new Date(clock());
    return { hour: d.getHours(), weekday: d.getDay(), device: st.device };
  };

  const onboardingGenres = (st: State): string[] => canonicalGenres(st.data.settings.onboarding.genres);

  function rememberPage(site: string, titles: readonly TitleInput[]): void {
    lastPage.set(site, titles.slice(0, ENGINE_RULES.pageMemory));
  }

  /** The page's titles that are not in the catalog, once each by title key, embedded through the cache. */
  async function offCatalog(st: State, titles: readonly TitleInput[]): Promise<{ items: { input: TitleInput; key: string }[]; vectors: Float32Array; popularity: Float32Array }> {
    const items: { input: TitleInput; key: string }[] = [];
    const seen = new Set<string>();
    for (const t of titles) {
      const key = titleKey(t.title, t.year);
      if (st.keyIndex.has(key) || seen.has(key)) continue;
      seen.add(key);
      items.push({ input: t, key });
    }
    if (!items.length) return { items, vectors: new Float32Array(), popularity: new Float32Array() };
    const emb = await (await getCache()).get(items.map((x) => buildItemText(x.input)));
    return { items, vectors: emb.vectors, popularity: emb.popularity };
  }

  /** Candidates = catalog + page titles not in it (the picks). */
  async function withPage(st: State, titles: readonly TitleInput[]): Promise<{ cands: CandidateSet; extra: { input: TitleInput; key: string }[] }> {
    const off = await offCatalog(st, titles);
    const extra = off.items;
    if (!extra.length) return { cands: st.cands, extra };
    const n = st.catalog.length;
    const dim = st.cands.dim;
    const vectors = new Float32Array((n + extra.length) * dim);
    vectors.set(st.cands.vectors);
    vectors.set(off.vectors, n * dim);
    const popularity = new Float32Array(n + extra.length);
    popularity.set(st.cands.popularity ?? new Float32Array(n));
    popularity.set(off.popularity, n);
    return {
      cands: {
        vectors,
        dim,
        popularity,
        keys: [...st.cands.keys, ...extra.map((x) => x.key)],
        genres: [...(st.cands.genres ?? []), ...extra.map((x) => canonicalGenres(x.input.genres))],
      },
      extra,
    };
  }

  /**
   * Just the page's titles as candidates, one row per distinct title (a badge batch): catalog
   * rows are copied from the state, never the whole catalog (50k titles would be 13 MB per batch).
   */
  async function pageCandidates(st: State, titles: readonly TitleInput[]): Promise<CandidateSet & { rowOf: number[] }> {
    const dim = st.cands.dim;
    const keys: string[] = [];
    const rowByKey = new Map<string, number>();
    const rowOf = titles.map((t) => {
      const k = titleKey(t.title, t.year);
      let row = rowByKey.get(k);
      if (row === undefined) rowByKey.set(k, (row = keys.push(k) - 1));
      return row;
    });
    const vectors = new Float32Array(keys.length * dim);
    const popularity = new Float32Array(keys.length);
    const genres: (readonly string[])[] = new Array(keys.length);
    keys.forEach((k, row) => {
      const ci = st.keyIndex.get(k);
      if (ci === undefined) return;
      vectors.set(vrow(st.cands.vectors, dim, ci), row * dim);
      popularity[row] = st.cands.popularity?.[ci] ?? 0;
      genres[row] = st.cands.genres?.[ci] ?? [];
    });
    const off = await offCatalog(st, titles);
    off.items.forEach((x, j) => {
      const row = rowByKey.get(x.key) as number;
      vectors.set(off.vectors.subarray(j * dim, (j + 1) * dim), row * dim);
      popularity[row] = off.popularity[j] as number;
      genres[row] = canonicalGenres(x.input.genres);
    });
    return { vectors, dim, popularity, keys, genres, rowOf };
  }

  const engine: Engine = {
    async rankPage(site, titles, dataVersion) {
      touch();
      const st = await getState(dataVersion);
      rememberPage(site, titles);
      const habits = activeHabits(st.profile.habits, nowContext(st));
      const ogen = onboardingGenres(st);
      const sub = await pageCandidates(st, titles);
      const dim = sub.dim;
      const rowOf = sub.rowOf;
      const { scores } = scoreCandidates(st.profile, sub, { popWeight: st.info.popWeight, habits, onboardingGenres: ogen });
      const out: PageScore[] = titles.map((t, ti) => {
        const j = rowOf[ti] as number;
        const key = sub.keys[j] as string;
        const disliked = st.disliked.has(key) || isBlocked(sub, j, { keys: new Set(), vectors: st.block.vectors });
        const s = scores[j] as number;
        const match = badge(st.cal, s, { confident: st.profile.confident, disliked });
        const why = disliked
          ? []
          : explain({
              profile: st.profile.global ? st.profile : null,
              vector: vrow(sub.vectors, dim, j),
              genres: sub.genres?.[j] ?? [],
              popular: (sub.popularity?.[j] ?? 0) >= st.popularAt,
              habits,
              onboardingGenres: ogen,
            });
        return { siteItemId: t.siteItemId, match, why };
      });
      return { scores: out, evidence: st.profile.evidence };
    },

    async picks(site, dataVersion): Promise<Picks> {
      touch();
      const st = await getState(dataVersion);
      const now = clock();
      const page = site ? (lastPage.peek(site) ?? []) : [];
      const { cands, extra } = await withPage(st, page);
      const habits = activeHabits(st.profile.habits, nowContext(st));
      const ogen = onboardingGenres(st);
      const scored = scoreCandidates(st.profile, cands, { popWeight: st.info.popWeight, habits, onboardingGenres: ogen });

      const trendCount = new Map<string, number>();
      if (site) {
        const since = now - ENGINE_RULES.trendingDays * 86_400_000;
        for (const im of st.data.impressions) if (im.site === site && im.at >= since) trendCount.set(im.titleKey, (trendCount.get(im.titleKey) ?? 0) + 1);
      }
      const trending = [...trendCount.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);

      const n = st.catalog.length;
      const describe = (i: number): ItemBase => {
        if (i >= n) {
          const x = extra[i - n] as { input: TitleInput; key: string };
          const t = x.input;
          const http = (u: string | null): string | null => (u && /^https?:\/\//i.test(u) ? u : null);
          return { titleId: `${site}:${t.siteItemId}`, titleKey: x.key, title: t.title, year: t.year, kind: t.kind, genres: t.genres, imageUrl: http(t.imageUrl), url: http(t.url), site: site ?? '' };
        }
        const e = st.catalog[i] as CatalogEntry;
        const rec = e.records.find((r) => r.site === site) ?? (e.records[0] as CatalogEntry['records'][number]);
        return { titleId: rec.id, titleKey: e.key, title: rec.title, year: rec.year ?? e.year, kind: rec.kind, genres: rec.genres, imageUrl: rec.imageUrl, url: rec.url, site: rec.site };
      };
      const rows = buildRows({
        profile: st.profile,
        cands,
        scored,
        cal: st.cal,
        popWeight: st.info.popWeight,
        block: st.block,
        continueWatching: st.continueWatching,
        trending,
        seenKeys: st.seenKeys,
        habits,
        onboardingGenres: ogen,
        popularAt: st.popularAt,
        describe,
      });
      return { rows, evidence: st.profile.evidence, generatedAt: now };
    },

    async status(): Promise<EngineStatus> {
      await cache?.settled();
      let cached = cache?.size ?? 0;
      if (info) {
        const v = info.modelVersion;
        cached = await getDb()
          .then((d) => d.embeddings.where('modelVersion').equals(v).count())
          .catch(() => cached);
      }
      return { modelLoaded: loaded, modelVersion: info?.modelVersion ?? '', cachedEmbeddings: cached };
    },

    async warm(dataVersion) {
      await getState(dataVersion);
    },

    async dataReplaced() {
      userData.drop();
      state = null;
    },

    async forget() {
      await engine.dataReplaced();
      lastPage.clear();
      await cache?.forget();
    },

    async unload() {
      state = null;
      lastPage.clear();
      await unloadModel();
    },

    async taste(dataVersion) {
      touch();
      const st = await getState(dataVersion);
      const d = st.data;
      const now = clock();
      return tasteSummary(st.profile, {
        now,
        halfLifeDays: d.settings.halfLifeDays,
        sessions: d.sessions,
        counts: { titles: st.catalog.length, watchSessions: d.sessions.length, skips: d.skips.length, ratings: d.ratings.length, impressions: d.impressions.length },
        timeToPick: timeToPick([...d.impressions, ...d.searches, ...d.skips], d.sessions, now),
      });
    },
  };
  return engine;
}

export type { PickItem };
