/**
 * The taste summary the dashboard draws (engine method `taste(dataVersion)`).
 */
import type { WatchSessionRecord } from '../store/records';
import type { UserProfile } from '../rank/user-profile';
import type { TimeToPick } from '../rank/time-to-pick';

export interface TasteCluster {
  /** Row id of its "Picked for you" row: `cluster:<n>`. */
  id: string;
  label: string;
  /** Share of the positive (recency-weighted) evidence, 0..1. */
  share: number;
  genres: string[];
  examples: { titleKey: string; title: string }[];
}

export interface TasteHabit {
  /** e.g. "weekend:evening", "day:5:night", "device:tv" */
  context: string;
  genre: string;
  /** Share of this genre in that context ÷ its overall share. */
  lift: number;
  sessions: number;
  /** "You often watch comedies on Friday nights" */
  text: string;
}

export interface TasteSummary {
  generatedAt: number;
  /** Sum of the positive weights of the user's own events (same number as Picks.evidence). */
  evidence: number;
  /** Whether match badges are shown (the evidence rule). */
  confident: boolean;
  /** Settings value used for recency weighting. */
  halfLifeDays: number;
  /** Signed affinity per genre, scaled so the strongest |value| is 1, strongest first. */
  genres: { genre: string; affinity: number }[];
  /** Genre and release-era leanings in plain words ("Mostly thrillers and dramas"): src/rank/leanings.ts. */
  leanings?: string[];
  /** Interests, heaviest first (one entry when the data shows a single interest). */
  clusters: TasteCluster[];
  /** Strong context habits (the only ones used in ranking). */
  habits: TasteHabit[];
  /** Seconds watched by [weekday 0 = Sunday][local hour 0–23] (7 × 24), from session context. */
  watchTime: number[][];
  counts: { titles: number; watchSessions: number; skips: number; ratings: number; impressions: number };
  /** From starting to browse to starting something finished (src/rank/time-to-pick.ts). */
  timeToPick: TimeToPick;
}

/** Seconds watched per weekday × hour, attributed to the hour and weekday the session started. */
export function watchTimeGrid(sessions: readonly Pick<WatchSessionRecord, 'secondsWatched' | 'ctx'>[]): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const s of sessions) {
    const r = grid[s.ctx.weekday];
    if (r) r[s.ctx.hour] = (r[s.ctx.hour] ?? 0) + s.secondsWatched;
  }
  return grid.map((r) => r.map((x) => Math.round(x)));
}

export function tasteSummary(
  profile: UserProfile | null,
  o: {
    now: number;
    halfLifeDays: number;
    leanings?: string[];
    sessions: readonly Pick<WatchSessionRecord, 'secondsWatched' | 'ctx'>[];
    counts: TasteSummary['counts'];
    timeToPick: TimeToPick;
  },
): TasteSummary {
  return {
    generatedAt: o.now,
    evidence: profile?.evidence ?? 0,
    confident: profile?.confident ?? false,
    halfLifeDays: o.halfLifeDays,
    genres: profile?.genreAffinity ?? [],
    leanings: o.leanings ?? [],
    clusters: (profile?.global ? profile.clusters : [])
      .filter((c) => c.examples.length > 0)
      .map((c) => ({
        id: `cluster:${c.index}`,
        label: c.label,
        share: Math.round(c.share * 1000) / 1000,
        genres: c.genres,
        examples: c.examples.map((e) => ({ titleKey: e.key, title: e.title })),
      })),
    habits: (profile?.habits ?? []).map((h) => ({
      context: h.context,
      genre: h.genre,
      lift: Math.round(h.lift * 100) / 100,
      sessions: h.sessions,
      text: h.text,
    })),
    watchTime: watchTimeGrid(o.sessions),
    counts: o.counts,
    timeToPick: o.timeToPick,
  };
}
