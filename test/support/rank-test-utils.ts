/**
 * Test helpers for the ranking tests: a deterministic fake embedder (genre directions plus
 * a per-title hash direction), record builders and a small pipeline mirroring the engine
 * (records → events → profile → scores). Not imported by production code.
 */
import type { Embeddings } from '../../src/model/embedder';
import { buildItemText } from '../../src/model/text';
import type {
  ImpressionRecord,
  RatingRecord,
  RatingValue,
  SkipReason,
  SkipRecord,
  TitleKind,
  TitleRecord,
  WatchSessionRecord,
  EventContext,
} from '../../src/store/records';
import { titleKey } from '../../src/titles/normalize';
import { canonicalGenres, GENRE_VOCABULARY } from '../../src/rank/genres';
import { titleEvents, type EventInputs } from '../../src/rank/events';
import { scoreCandidates, type CandidateSet, type ScoreParams } from '../../src/rank/recommend';
import { buildUserProfile, type ProfileEvent, type UserProfile } from '../../src/rank/user-profile';
import type { ContextSession } from '../../src/rank/context';
import { seedOf } from '../../src/rank/random';

export const GENRES: readonly string[] = GENRE_VOCABULARY;
export const FAKE_DIM = 32;
const NOISE_DIMS = FAKE_DIM - GENRES.length;

const hash32 = (s: string, seed: number): number => seedOf(s, seed);

/** Popularity logits by display title (first text line); 0 when absent. */
export const fakePopularity = new Map<string, number>();

/** Genre directions + 1.0 × a per-title random direction, L2-normalised. */
export function fakeVector(text: string): Float32Array {
  const lines = text.split('\n');
  const v = new Float32Array(FAKE_DIM);
  const g =
    lines
      .find((l) => l.startsWith('genres: '))
      ?.slice(8)
      .split('|') ?? [];
  for (const x of g) {
    const i = GENRES.indexOf(x);
    if (i >= 0) v[i] = 1;
  }
  const noise = new Float32Array(NOISE_DIMS);
  let nn = 0;
  for (let d = 0; d < NOISE_DIMS; d++) {
    noise[d] = (hash32(lines[0] ?? '', d + 1) / 2 ** 32) * 2 - 1;
    nn += (noise[d] as number) ** 2;
  }
  for (let d = 0; d < NOISE_DIMS; d++) v[GENRES.length + d] = (1.0 * (noise[d] as number)) / Math.sqrt(nn);
  let n = 0;
  for (let d = 0; d < FAKE_DIM; d++) n += (v[d] as number) ** 2;
  return v.map((x) => x / Math.sqrt(n));
}

export function fakeEmbed(texts: readonly string[]): Embeddings {
  const vectors = new Float32Array(texts.length * FAKE_DIM);
  const popularity = new Float32Array(texts.length);
  texts.forEach((t, i) => {
    vectors.set(fakeVector(t), i * FAKE_DIM);
    popularity[i] = fakePopularity.get(t.split('\n')[0] ?? '') ?? 0;
  });
  return { vectors, popularity, dim: FAKE_DIM };
}

export const DAY = 86_400_000;
export const NOW = Date.UTC(2025, 5, 6, 20, 0, 0); // a Friday
const CTX: EventContext = { hour: 20, weekday: 5, device: 'desktop', site: 'demo.test' };

export interface T {
  title: string;
  genres: string[];
  kind?: TitleKind;
  year?: number;
}

export function titleRec(t: T, site = 'demo.test', seen = NOW - DAY): TitleRecord {
  const id = t.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    id: `${site}:${id}`,
    site,
    siteItemId: id,
    key: titleKey(t.title, t.year ?? null),
    title: t.title,
    year: t.year ?? null,
    kind: t.kind ?? 'movie',
    genres: t.genres,
    description: null,
    imageUrl: null,
    url: `https://${site}/title/${id}`,
    firstSeen: seen,
    lastSeen: seen,
  };
}

let seq = 0;
export function session(
  t: T,
  o: { at?: number; completion?: number; minutes?: number; rewatch?: boolean; ctx?: Partial<EventContext>; duration?: number | null } = {},
): WatchSessionRecord {
  const r = titleRec(t);
  const duration = o.duration === undefined ? 6000 : o.duration;
  const completion = o.completion ?? 1;
  const at = o.at ?? NOW - DAY;
  return {
    id: `s${++seq}`,
    titleId: r.id,
    titleKey: r.key,
    site: r.site,
    startedAt: at,
    endedAt: at + 1000,
    secondsWatched: (o.minutes ?? (duration ? (completion * duration) / 60 : 60)) * 60,
    duration,
    completion,
    pauses: 0,
    seeks: 0,
    rewatch: o.rewatch ?? false,
    state: 'closed',
    ctx: { ...CTX, ...o.ctx },
  };
}

export function skip(t: T, reason: SkipReason = 'abandoned', at = NOW - DAY): SkipRecord {
  const r = titleRec(t);
  return { id: `k${++seq}`, titleId: r.id, titleKey: r.key, site: r.site, at, reason, secondsWatched: 30, ctx: CTX };
}

export function rating(t: T, value: RatingValue, at = NOW - DAY): RatingRecord {
  const r = titleRec(t);
  return { titleKey: r.key, titleId: r.id, site: r.site, value, at };
}

export function impression(t: T, day: number, site = 'demo.test'): ImpressionRecord {
  const r = titleRec(t, site);
  const at = NOW - day * DAY;
  return {
    id: `i${++seq}`,
    titleId: r.id,
    titleKey: r.key,
    site,
    at,
    day: new Date(at).toISOString().slice(0, 10),
    row: null,
    ctx: { ...CTX, site },
  };
}

/** A catalog of titles as candidates (fake embeddings). */
export function candidates(titles: readonly T[]): CandidateSet & { index: (title: string) => number } {
  const e = fakeEmbed(titles.map((t) => buildItemText({ title: t.title, year: t.year ?? null, kind: t.kind ?? 'movie', genres: t.genres })));
  const keys = titles.map((t) => titleKey(t.title, t.year ?? null));
  return {
    vectors: e.vectors,
    dim: e.dim,
    popularity: e.popularity,
    keys,
    genres: titles.map((t) => canonicalGenres(t.genres)),
    index: (title: string) => titles.findIndex((t) => t.title === title),
  };
}

export interface PipelineInput extends Partial<Omit<EventInputs, 'now'>> {
  catalog: readonly T[];
  halfLifeDays?: number;
  halfLifeItems?: number;
  now?: number;
}

/** records → events → profile (like the engine, with fake embeddings). */
export function pipeline(p: PipelineInput): {
  profile: UserProfile;
  cands: ReturnType<typeof candidates>;
  score: (params?: Partial<ScoreParams>) => Float32Array;
} {
  const now = p.now ?? NOW;
  const cands = candidates(p.catalog);
  const sessions = p.sessions ?? [];
  const events = titleEvents({
    sessions,
    skips: p.skips ?? [],
    impressions: p.impressions ?? [],
    ratings: p.ratings ?? [],
    onboarding: p.onboarding,
    now,
  });
  const pe: ProfileEvent[] = [];
  for (const e of events) {
    if (e.source === 'onboarding') {
      const isGenre = e.pick === 'genre';
      const name = e.pick === 'genre' ? e.genre : e.title;
      const text = isGenre ? `\ngenres: ${name}` : buildItemText({ title: name });
      pe.push({ ...e, vector: fakeVector(text), title: name, genres: isGenre ? [name] : [] });
      continue;
    }
    const i = cands.keys.indexOf(e.key);
    if (i < 0) throw new Error(`no candidate for ${e.key}`);
    const t = p.catalog[i] as T;
    pe.push({ ...e, vector: cands.vectors.subarray(i * cands.dim, (i + 1) * cands.dim), title: t.title, genres: canonicalGenres(t.genres) });
  }
  const ctxSessions: ContextSession[] = sessions.map((s) => ({
    ctx: s.ctx,
    weight: 1,
    genres: canonicalGenres(p.catalog[cands.keys.indexOf(s.titleKey)]?.genres ?? []),
  }));
  const profile = buildUserProfile(pe, {
    halfLifeItems: p.halfLifeItems ?? 8,
    halfLifeDays: p.halfLifeDays ?? 30,
    now,
    onboardingDone: p.onboarding?.done ?? false,
    sessions: ctxSessions,
  });
  return { profile, cands, score: (params = {}) => scoreCandidates(profile, cands, { popWeight: 0.05, ...params }).scores };
}
