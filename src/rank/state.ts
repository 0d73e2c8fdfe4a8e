/**
 * Everything ranking needs, built once per data version from the user's data: the catalog
 * and its embeddings, the profile, calibration, filters and "Continue watching". The page
 * scores and the picks (page.ts, picks.ts) read it; nothing here touches the store.
 */
import type { DeviceClass } from '../store/records';
import { groupCatalog, type CatalogEntry, type UserData } from './catalog';
import type { ContextSession, Habit, NowContext } from './context';
import { embedCatalogAndEvents, type Embed } from './embed-events';
import { sessionWeight, titleEvents, type TitleEvent } from './events';
import { blocklist, dislikedKeys } from './filters';
import { BADGE_RULES, badgeScores, buildHorizon, HORIZONS, horizonScores, type HorizonState } from './horizons';
import { continueWatching as continueWatchingRule, type ContinueItem } from './continue-watching';
import { calibrationRows, selectRows } from './candidates';
import { canonicalGenres } from './genres';
import type { Calibration } from './match';
import { rankHistory } from './rank-history';
import { scoreCandidates, type Blocklist, type CandidateSet, type Scores } from './recommend';
import { applyPrior, horizonPrior, priorBlendOf, type HorizonPrior, type PriorIndex } from './prior';
import { TASTE_KERNEL } from './taste-kernel';
import { calibrateOnHistory } from './user-calibration';
import type { UserProfile } from './user-profile';

/** The model's ranking constants (models/model.json → ranking). */
export interface RankModel {
  popWeight: number;
  halfLifeItems: number;
  /** The short-history prior shipped beside the model (prior.ts), if any. */
  prior?: PriorIndex | null;
}

export interface RankInput {
  data: UserData;
  model: RankModel;
  now: number;
  embed: Embed;
}

export interface RankState {
  model: RankModel;
  data: UserData;
  catalog: CatalogEntry[];
  keyIndex: Map<string, number>;
  cands: CandidateSet;
  profile: UserProfile;
  /** The user's own (history) events by title key. */
  history: Map<string, TitleEvent>;
  cal: Calibration;
  /** Long-term taste (badges, match %) and its calibration: horizons.ts. `profile`/`cal` above are the recent horizon (picks). */
  taste: HorizonState;
  tasteCal: Calibration;
  /** The recent horizon's short-history prior (added to every recent-horizon score: picks, badges' recent share). */
  recentPrior: HorizonPrior | null;
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

export async function buildRankState({ data, model, now, embed }: RankInput): Promise<RankState> {
  const catalog = groupCatalog(data.titles);
  const keyIndex = new Map(catalog.map((e, j) => [e.key, j]));
  const entryOf = (key: string): CatalogEntry | undefined => catalog[keyIndex.get(key) ?? -1];
  const onb = data.settings.onboarding;
  const onboardingGenres = canonicalGenres(onb.genres);
  const keyById = new Map(data.titles.map((t) => [t.id, t.key]));
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
  const { cands, events: pevents } = await embedCatalogAndEvents(catalog, keyIndex, events, embed);

  const ctxSessions: ContextSession[] = data.sessions.map((s) => ({
    ctx: s.ctx,
    weight: sessionWeight(s),
    genres: entryOf(s.titleKey)?.genres ?? [],
  }));
  // Profile + base scores (no context boost): the same function scripts/eval.ts measures.
  const { profile, scored } = rankHistory(pevents, cands, {
    halfLifeItems: model.halfLifeItems,
    halfLifeDays: data.settings.halfLifeDays,
    now,
    popWeight: model.popWeight,
    onboardingDone: onb.done,
    onboardingGenres,
    sessions: ctxSessions,
  });
  const recentPrior = horizonPrior(model.prior, pevents, priorBlendOf('recent', HORIZONS.recent));
  applyPrior(scored.scores, cands, recentPrior);

  const history = new Map(events.filter((e) => e.source === 'history').map((e) => [e.key, e]));
  // Badges speak for the long-term taste profile; picks keep the recent horizon above.
  const taste = buildHorizon('taste', pevents, {
    halfLifeDays: data.settings.halfLifeDays,
    now,
    index: null,
    prior: model.prior,
    onboardingDone: onb.done,
  });
  const calRows = calibrationRows(
    cands.keys.length,
    [...history.keys()].flatMap((k) => keyIndex.get(k) ?? []),
    TASTE_KERNEL.exactRows,
  );
  const calSet = selectRows(cands, calRows);
  const tasteBase = badgeScores(
    horizonScores(taste, calSet, { onboardingGenres }).scores,
    Float32Array.from(calRows, (r) => scored.scores[r] as number),
    BADGE_RULES.recentMix,
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
    cands,
    profile,
    history,
    // Calibration on base scores (no context boost).
    cal: calibrateOnHistory(cands.keys, history, scored.scores),
    taste,
    tasteCal: calibrateOnHistory(calSet.keys, history, tasteBase),
    recentPrior,
    block: blocklist(cands, keyIndex, history, entryOf, disliked, continueWatching),
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
  const scored = scoreCandidates(st.profile, c, {
    popWeight: st.model.popWeight,
    ...(habits ? { habits } : {}),
    onboardingGenres: st.onboardingGenres,
  });
  applyPrior(scored.scores, c, st.recentPrior);
  return scored;
}

/** The context habits are matched against: local hour, weekday, the latest device. */
export function nowContext(st: RankState, now: number): NowContext {
  const d = new Date(now);
  return { hour: d.getHours(), weekday: d.getDay(), device: st.device };
}
