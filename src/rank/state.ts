/**
 * Everything ranking needs, built once per data version from the user's data: the catalog
 * and its embeddings, the profile, calibration, filters and "Continue watching". The page
 * scores and the picks (page.ts, picks.ts) read it; nothing here touches the store.
 */
import type { DeviceClass } from '../store/records';
import { rekeyEvents, type KeyOfId } from '../store/rekey';
import { groupCatalog, type CatalogEntry, type UserData } from './catalog';
import type { ContextSession, Habit, NowContext } from './context';
import { embedCatalogAndEvents, type Embed } from './embed-events';
import { sessionWeight, titleEvents, type TitleEvent } from './events';
import { blocklist, dislikedKeys } from './filters';
import { badgeMixFor, badgeScores, buildHorizon, HORIZONS, horizonScores, type HorizonParams, type HorizonState } from './horizons';
import { continueWatching as continueWatchingRule, type ContinueItem } from './continue-watching';
import { calibrationRows, selectRows } from './candidates';
import { canonicalGenres } from './genres';
import type { Calibration } from './match';
import type { Blocklist, CandidateSet, Scores } from './recommend';
import type { PriorIndex } from './prior';
import { TASTE_KERNEL } from './taste-kernel';
import { calibrateOnHistory } from './user-calibration';
import type { UserProfile } from './user-profile';

/**
 * What the model ships for ranking (models/model.json → ranking, and beside it). The recent
 * horizon's half-life is the horizon's own (HORIZONS.recent), not the model's training-time one.
 */
export interface RankModel {
  popWeight: number;
  /** The short-history prior shipped beside the model (prior.ts), if any. */
  prior?: PriorIndex | null;
  /** The training catalog's mean embedding (model/catalog-mean.ts), if the model has one. */
  catalogMean?: Float32Array | null;
}

export interface RankInput {
  data: UserData;
  model: RankModel;
  now: number;
  embed: Embed;
  /**
   * Offline experiments only (scripts/badge-check.ts): the taste horizon's parameters and the
   * badge rule, in place of HORIZONS.taste and BADGE_RULES. The engine never passes it.
   */
  tuning?: { taste?: Partial<HorizonParams>; badge?: { recentMix: number; mixTitles: number } };
}

export interface RankState {
  model: RankModel;
  data: UserData;
  catalog: CatalogEntry[];
  keyIndex: Map<string, number>;
  /** Title id → its record's key: a page's tile is keyed as its stored record is (`pageTitleKey`). */
  keyById: ReadonlyMap<string, string>;
  cands: CandidateSet;
  profile: UserProfile;
  /** The user's own (history) events by title key. */
  history: Map<string, TitleEvent>;
  cal: Calibration;
  /** Long-term taste (badges, match %) and its calibration: horizons.ts. `profile`/`cal` above are the recent horizon (picks). */
  taste: HorizonState;
  /** The recent horizon's share in the badges for this history (horizons.ts `badgeMixFor`). */
  badgeMix: number;
  tasteCal: Calibration;
  /** The recent horizon (picks, badges' recent share): `profile` is its profile. */
  recent: HorizonState;
  block: Blocklist;
  disliked: Set<string>;
  continueWatching: ContinueItem[];
  seenKeys: Set<string>;
  /** Popularity threshold for "popular" (the catalog's 80th percentile). */
  popularAt: number;
  /** Device of the latest session (context habits). */
  device: DeviceClass | null;
  onboardingGenres: string[];
}

function percentile(values: Float32Array, q: number): number {
  if (!values.length) return Infinity;
  const s = Float32Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

/**
 * Every event under its title record's key. The store keeps them so (`store/rekey.ts`); a store
 * written before it did, or an import merged over a title, may hold events under a key their
 * title has since left, and a watch there would drop out of the profile and Continue watching.
 */
function withRecordKeys(data: UserData, keyOfId: KeyOfId): UserData {
  const ev = rekeyEvents({ watchSessions: data.sessions, skips: data.skips, impressions: data.impressions, ratings: data.ratings }, keyOfId);
  return { ...data, sessions: ev.watchSessions, skips: ev.skips, impressions: ev.impressions, ratings: ev.ratings };
}

export async function buildRankState({ data: stored, model, now, embed, tuning }: RankInput): Promise<RankState> {
  const keyById = new Map(stored.titles.map((t) => [t.id, t.key]));
  const data = withRecordKeys(stored, (id) => keyById.get(id));
  const known = model.prior?.known ?? null;
  const catalog = groupCatalog(data.titles, known);
  const keyIndex = new Map(catalog.map((e, j) => [e.key, j]));
  const entryOf = (key: string): CatalogEntry | undefined => catalog[keyIndex.get(key) ?? -1];
  const onb = data.settings.onboarding;
  const onboardingGenres = canonicalGenres(onb.genres);
  const events = titleEvents({
    sessions: data.sessions,
    skips: data.skips,
    impressions: data.impressions,
    ratings: data.ratings,
    searches: data.searches,
    keyOfId: (id) => keyById.get(id),
    onboarding: { done: onb.done, genres: onboardingGenres, titles: onb.titles },
    now,
  });
  const { cands, events: pevents } = await embedCatalogAndEvents(catalog, keyIndex, events, embed, known);

  const ctxSessions: ContextSession[] = data.sessions.map((s) => ({
    ctx: s.ctx,
    weight: sessionWeight(s),
    genres: entryOf(s.titleKey)?.genres ?? [],
  }));
  // The recent horizon (picks) and its base scores (no context boost): horizons.ts, the same
  // functions scripts/eval.ts measures (profile, era term, short-history prior), with the
  // model's half-life and popularity weight.
  const recent = buildHorizon(
    'recent',
    pevents,
    {
      halfLifeDays: data.settings.halfLifeDays,
      now,
      index: null,
      prior: model.prior,
      catalogMean: model.catalogMean,
      onboardingDone: onb.done,
      sessions: ctxSessions,
    },
    recentParams(model),
  );
  const profile = recent.profile;
  const scored = horizonScores(recent, cands, { onboardingGenres });

  const history = new Map(events.filter((e) => e.source === 'history').map((e) => [e.key, e]));
  // Badges speak for the long-term taste profile; picks keep the recent horizon above.
  const taste = buildHorizon(
    'taste',
    pevents,
    { halfLifeDays: data.settings.halfLifeDays, now, index: null, prior: model.prior, catalogMean: model.catalogMean, onboardingDone: onb.done },
    { ...HORIZONS.taste, ...tuning?.taste },
  );
  const calRows = calibrationRows(
    cands.keys.length,
    [...history.keys()].flatMap((k) => keyIndex.get(k) ?? []),
    TASTE_KERNEL.exactRows,
  );
  const calSet = selectRows(cands, calRows);
  const badgeMix = badgeMixFor(taste.titles, tuning?.badge);
  const tasteBase = badgeScores(
    // The user's own titles are the calibration's positive labels: scored by their other titles.
    horizonScores(taste, calSet, { onboardingGenres, leaveOwnOut: true }).scores,
    Float32Array.from(calRows, (r) => scored.scores[r] as number),
    badgeMix,
  );
  const disliked = dislikedKeys(data);
  const continueWatching = continueWatchingRule({
    sessions: data.sessions,
    skips: data.skips,
    ratings: data.ratings,
    kindOf: (k) => entryOf(k)?.kind,
  });
  const lastSession = [...data.sessions].sort((a, b) => b.startedAt - a.startedAt)[0];
  return {
    model,
    data,
    catalog,
    keyIndex,
    keyById,
    cands,
    profile,
    history,
    // Calibration on base scores (no context boost).
    cal: calibrateOnHistory(cands.keys, history, scored.scores),
    taste,
    badgeMix,
    tasteCal: calibrateOnHistory(calSet.keys, history, tasteBase),
    recent,
    block: blocklist(cands, keyIndex, history, entryOf, disliked, continueWatching, now),
    disliked,
    continueWatching,
    seenKeys: new Set<string>([...history.keys(), ...data.impressions.map((x) => x.titleKey), ...data.ratings.map((r) => r.titleKey)]),
    popularAt: percentile(cands.popularity ?? new Float32Array(), 0.8),
    device: lastSession?.ctx.device ?? null,
    onboardingGenres,
  };
}

/**
 * The recent horizon's scores over a candidate set (picks; the badges' recent share when mixed):
 * the engine's profile, then its short-history prior — the one place both are applied.
 */
export function recentScores(st: RankState, c: CandidateSet, habits?: readonly Habit[]): Scores {
  return horizonScores(st.recent, c, { ...(habits ? { habits } : {}), onboardingGenres: st.onboardingGenres });
}

/** The recent horizon's parameters in the engine: HORIZONS.recent (its own half-life) with the model's popularity weight. */
export function recentParams(model: RankModel): HorizonParams {
  return { ...HORIZONS.recent, popWeight: model.popWeight };
}

/** The context habits are matched against: local hour, weekday, the latest device. */
export function nowContext(st: RankState, now: number): NowContext {
  const d = new Date(now);
  return { hour: d.getHours(), weekday: d.getDay(), device: st.device };
}
