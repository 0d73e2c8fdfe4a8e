/**
 * From stored records to one signed event per title (by title key): the evidence the
 * profile is built from. Pure; every number here is a product rule (see RULES).
 *
 *  - watch: per session q = clamp(completion / 0.8) × (0.5 + 0.5 · min(1, minutes / 30))
 *    (duration unknown: q = min(1, minutes / 45)); weight = 0.1 + 0.9 q. Sessions below
 *    5 % completion and under 2 minutes are noise (a skip record covers them). Per title:
 *    the best session × min(2, 1 + 0.25 · (sessions − 1)); × 1.5 when any session is a
 *    rewatch. A finished film watched once (≥ 80 %, ≥ 30 min) weighs exactly 1, so a plain
 *    watch history reaches the core profile with uniform weights, as it was tuned.
 *  - skips: abandoned −0.5, preview −0.2, not-interested −1.0; summed, floored at −1.2;
 *    halved when the title also has a watch weight ≥ 0.5.
 *  - ratings (latest per title): love +1.5, up +0.75, down −0.75, not-interested −0.5,
 *    added to the title's weight.
 *  - impressions (tile seen, never opened, skipped or rated): −0.04 per distinct day in
 *    the last 30 days, capped at −0.12 per title; all impressions together weigh at most
 *    25 % of the positive mass (scaled down otherwise) and nothing when there is no
 *    positive evidence (a profile made only of "not these" would rank the opposite of the
 *    site's front page).
 *  - searches: the 20 most recent distinct queries (case-folded) are weak positives of
 *    intent: +0.2, +0.1 per repeat, at most +0.4, embedded as query text; they decay like
 *    history but are not evidence.
 *  - onboarding: each picked title +0.4, each picked genre +0.25; they sit before all
 *    history in the item order and do not decay by wall clock, so real history takes over.
 */
import type { ImpressionRecord, RatingRecord, RatingValue, SearchRecord, SkipRecord, WatchSessionRecord } from '../store/records';

export const RULES = {
  watch: {
    minCompletion: 0.05,
    minSeconds: 120,
    fullCompletion: 0.8,
    fullMinutes: 30,
    noDurationMinutes: 45,
    floor: 0.1,
    repeatBonus: 0.25,
    maxRepeat: 2,
    rewatch: 1.5,
  },
  skip: { abandoned: -0.5, preview: -0.2, 'not-interested': -1.0, floor: -1.2, afterWatch: 0.5 },
  rating: { love: 1.5, up: 0.75, down: -0.75, 'not-interested': -0.5 } satisfies Record<RatingValue, number>,
  impression: { perDay: -0.04, cap: -0.12, windowDays: 30, maxShareOfPositive: 0.25 },
  onboarding: { title: 0.4, genre: 0.25 },
  search: { weight: 0.2, repeat: 0.1, max: 0.4, maxQueries: 20 },
  /** A title counts as a "real watch" for the evidence rule at this completion. */
  strongCompletion: 0.5,
  /** Finished: filtered from discovery rows (unless a series). */
  finishedCompletion: 0.9,
  /** Continue watching window. */
  continueFrom: 0.05,
} as const;

export type EventSource = 'history' | 'onboarding' | 'search';

/**
 * Where an event comes from, typed: the user's own history of a title (its `key` is the
 * title key), a search query, or an onboarding pick of a title or a genre. Consumers switch
 * on `source` (and `pick`) instead of parsing the key.
 */
export type EventOrigin =
  | { source: 'history' }
  | { source: 'search'; query: string }
  | { source: 'onboarding'; pick: 'title'; title: string }
  | { source: 'onboarding'; pick: 'genre'; genre: string };

export interface EventFields {
  /** Unique per event: the title key for history; opaque for searches and onboarding picks (never parsed). */
  key: string;
  /** Latest time of any contributing record (epoch ms); onboarding: 0. */
  at: number;
  /** Signed total weight. */
  weight: number;
  watch: number;
  skip: number;
  impression: number;
  rating: RatingValue | null;
  maxCompletion: number;
  rewatch: boolean;
  sessions: number;
  /** A real watch (completion ≥ 0.5) or a thumbs up / love. */
  strong: boolean;
  /** Searches only: title keys opened from this query (explanations name the search only for them or matching titles). */
  opened?: readonly string[];
}

export type TitleEvent = EventFields & EventOrigin;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Weight of one watch session (0 when it is noise). */
export function sessionWeight(s: Pick<WatchSessionRecord, 'completion' | 'secondsWatched' | 'duration'>): number {
  const r = RULES.watch;
  if (s.completion < r.minCompletion && s.secondsWatched < r.minSeconds) return 0;
  const minutes = s.secondsWatched / 60;
  const q =
    s.duration === null
      ? Math.min(1, minutes / r.noDurationMinutes)
      : clamp01(s.completion / r.fullCompletion) * (0.5 + 0.5 * Math.min(1, minutes / r.fullMinutes));
  return r.floor + (1 - r.floor) * q;
}

export interface EventInputs {
  sessions: readonly WatchSessionRecord[];
  skips: readonly SkipRecord[];
  impressions: readonly ImpressionRecord[];
  ratings: readonly RatingRecord[];
  onboarding?: { done: boolean; genres: readonly string[]; titles: readonly string[] };
  searches?: readonly (Pick<SearchRecord, 'query' | 'at'> & { openedTitleId?: string | null })[];
  /**
   * Title id → title key (the titles table): names the titles opened from a search. Watches,
   * skips and ratings come keyed by their title record's key (`store/rekey.ts`).
   */
  keyOfId?: (id: string) => string | undefined;
  now: number;
}

function blank(key: string, origin: EventOrigin, at: number): TitleEvent {
  return {
    ...origin,
    key,
    at,
    weight: 0,
    watch: 0,
    skip: 0,
    impression: 0,
    rating: null,
    maxCompletion: 0,
    rewatch: false,
    sessions: 0,
    strong: false,
  };
}

export function titleEvents(inp: EventInputs): TitleEvent[] {
  const by = new Map<string, TitleEvent>();
  const get = (key: string, at: number): TitleEvent => {
    let e = by.get(key);
    if (!e) by.set(key, (e = blank(key, { source: 'history' }, at)));
    e.at = Math.max(e.at, at);
    return e;
  };

  // Watches.
  const best = new Map<string, number>();
  for (const s of inp.sessions) {
    const w = sessionWeight(s);
    if (w <= 0) continue;
    const key = s.titleKey;
    const e = get(key, s.startedAt);
    e.sessions++;
    e.rewatch ||= s.rewatch;
    e.maxCompletion = Math.max(e.maxCompletion, s.completion);
    best.set(key, Math.max(best.get(key) ?? 0, w));
  }
  for (const [key, w] of best) {
    const e = by.get(key) as TitleEvent;
    const r = RULES.watch;
    e.watch = w * Math.min(r.maxRepeat, 1 + r.repeatBonus * (e.sessions - 1)) * (e.rewatch ? r.rewatch : 1);
  }

  // Skips.
  for (const s of inp.skips) {
    const e = get(s.titleKey, s.at);
    e.skip += RULES.skip[s.reason];
  }
  for (const e of by.values()) {
    if (e.skip === 0) continue;
    e.skip = Math.max(RULES.skip.floor, e.skip);
    if (e.watch >= 0.5) e.skip *= RULES.skip.afterWatch;
  }

  // Ratings (one per key in the store; the latest wins if several are passed).
  const latest = new Map<string, RatingRecord>();
  for (const r of inp.ratings) {
    const key = r.titleKey;
    const prev = latest.get(key);
    if (!prev || r.at >= prev.at) latest.set(key, r);
  }
  for (const [key, r] of latest) get(key, r.at).rating = r.value;

  for (const e of by.values()) {
    e.weight = e.watch + e.skip + (e.rating ? RULES.rating[e.rating] : 0);
    e.strong = e.maxCompletion >= RULES.strongCompletion || e.rating === 'up' || e.rating === 'love';
  }

  // Impressions: only titles with no other evidence.
  const positive = [...by.values()].reduce((s, e) => s + Math.max(0, e.weight), 0);
  if (positive > 0) {
    const since = inp.now - RULES.impression.windowDays * 86_400_000;
    const days = new Map<string, { days: Set<string>; at: number }>();
    for (const im of inp.impressions) {
      if (im.at < since || by.has(im.titleKey)) continue;
      let d = days.get(im.titleKey);
      if (!d) days.set(im.titleKey, (d = { days: new Set(), at: 0 }));
      d.days.add(im.day);
      d.at = Math.max(d.at, im.at);
    }
    const imp: TitleEvent[] = [];
    let mass = 0;
    for (const [key, d] of days) {
      const e = blank(key, { source: 'history' }, d.at);
      e.impression = Math.max(RULES.impression.cap, RULES.impression.perDay * d.days.size);
      mass -= e.impression;
      imp.push(e);
    }
    const scale = mass > 0 ? Math.min(1, (RULES.impression.maxShareOfPositive * positive) / mass) : 1;
    for (const e of imp) {
      e.impression *= scale;
      e.weight = e.impression;
      by.set(e.key, e);
    }
  }

  const out = [...by.values()].filter((e) => e.weight !== 0 || e.rating !== null);
  const queries = new Map<string, TitleEvent>();
  for (const q of [...(inp.searches ?? [])].sort((a, b) => b.at - a.at)) {
    const text = q.query.trim().replace(/\s+/gu, ' ').toLowerCase();
    if (!text) continue;
    const openedKey = q.openedTitleId ? inp.keyOfId?.(q.openedTitleId) : undefined;
    const prev = queries.get(text);
    if (prev) {
      prev.weight = Math.min(RULES.search.max, prev.weight + RULES.search.repeat);
      if (openedKey && !prev.opened?.includes(openedKey)) prev.opened = [...(prev.opened ?? []), openedKey];
      continue;
    }
    if (queries.size >= RULES.search.maxQueries) continue;
    const e = blank(`search:${text}`, { source: 'search', query: text }, q.at);
    e.weight = RULES.search.weight;
    e.opened = openedKey ? [openedKey] : [];
    queries.set(text, e);
  }
  out.push(...queries.values());
  if (inp.onboarding) {
    for (const t of inp.onboarding.titles) {
      const e = blank(`onboarding:title:${t}`, { source: 'onboarding', pick: 'title', title: t }, 0);
      e.weight = RULES.onboarding.title;
      out.push(e);
    }
    for (const g of inp.onboarding.genres) {
      const e = blank(`onboarding:genre:${g}`, { source: 'onboarding', pick: 'genre', genre: g }, 0);
      e.weight = RULES.onboarding.genre;
      out.push(e);
    }
  }
  return out;
}

/** Evidence: the sum of positive weights of the user's own (non-onboarding) events. */
export function evidenceOf(events: readonly TitleEvent[]): { evidence: number; strongTitles: number } {
  let evidence = 0;
  let strongTitles = 0;
  for (const e of events) {
    if (e.source !== 'history') continue;
    if (e.weight > 0) evidence += e.weight;
    if (e.strong && e.weight > 0) strongTitles++;
  }
  return { evidence: Math.round(evidence * 100) / 100, strongTitles };
}

/**
 * The evidence rule for showing match badges: at least two real watches (completion ≥ 50 %,
 * or thumbs up / love), or onboarding done and one real watch; and evidence ≥ 1.
 */
export function isConfident(events: readonly TitleEvent[], onboardingDone: boolean): boolean {
  const { evidence, strongTitles } = evidenceOf(events);
  return evidence >= 1 && (strongTitles >= 2 || (onboardingDone && strongTitles >= 1));
}
