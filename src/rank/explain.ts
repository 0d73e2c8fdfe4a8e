/**
 * "Why" lines for picks and badges, naming the history titles and habits that drove them.
 * Every line must be true of the user's own events (tested as a property): a reason names
 * only events that exist, with the verb of what the user did with them.
 *
 * Contributors: the user's positive events (watches, likes, loves, onboarding titles,
 * searches) by contribution eff_j · cos(e_j, x), keeping those with cos ≥ 0.2 and within
 * 0.15 of the closest one, after two truth filters:
 *   - a search names a title only when the title answers it (search-match.ts: opened from
 *     it, a genre the query names, or a query word in the title);
 *   - a title in a genre the user turned away from (genre-leaning.ts, net leaning ≤ −0.25)
 *     is not explained by a neighbour that shares none of its genres.
 * At most two are named, of the same kind as the closest. Lines, at most three, in this order:
 *   - explore rows: "New to you: exploring Westerns" (the title's genre the user has least of)
 *   - the top contributor is loved: "You loved Amélie"
 *   - watched (a watch session that counted, events.ts): "Because you watched Alien and Arrival";
 *     rated up without a counted watch: "Because you liked Heat"
 *   - onboarding title: "Because you picked Alien"; a search: "Because you searched for “space”"
 *   - a history title the users of the user's period often watched this one with (the period
 *     co-watch term, horizons.ts `cowatchedWith`): "Often watched with Heat"; otherwise, popular
 *     (popularity in the catalog's top 20 %) with a history contributor:
 *     "Popular with people who liked Heat" (the model's collaborative signal)
 *   - an active strong context habit on one of its genres: "You often watch comedies on Friday nights"
 *   - onboarding genre (before the profile is confident): "Because you chose horror"
 *   - nothing else applies: "Popular right now" (popular) or "A change of pace".
 */
import type { Habit } from './context';
import { affinityMap, inDislikedGenre } from './genre-leaning';
import { genrePhrase } from './genres';
import { searchMatches } from './search-match';
import type { ProfileEvent, UserProfile } from './user-profile';
import { dot } from './vec';

export interface ExplainInput {
  profile: UserProfile | null;
  vector: Float32Array;
  genres: readonly string[];
  /** The title's key and display title: a search is named only for titles that answer it. */
  key?: string;
  title?: string;
  popular: boolean;
  /** Habits active now (strong ones only). */
  habits?: readonly Habit[];
  onboardingGenres?: readonly string[];
  explore?: boolean;
  /** A history title the users of the user's period often watched this one with (horizons.ts `cowatchedWith`). */
  watchedWith?: ProfileEvent | null;
}

export const EXPLAIN_RULES = { minCos: 0.2, window: 0.15, maxNamed: 2, maxLines: 3 } as const;

export interface Contributor {
  event: ProfileEvent;
  cos: number;
  contribution: number;
}

/** What the user did with an event, as a reason says it. */
export type EventVerb = 'loved' | 'watched' | 'liked' | 'picked' | 'searched';

export function verbOf(e: Pick<ProfileEvent, 'source' | 'rating' | 'watch'>): EventVerb {
  if (e.source === 'onboarding') return 'picked';
  if (e.source === 'search') return 'searched';
  if (e.rating === 'love') return 'loved';
  return e.watch > 0 ? 'watched' : 'liked';
}

/** One line and the events it names (for the truth property and the UI). */
export interface Reason {
  kind: EventVerb | 'watched-with' | 'popular-with' | 'habit' | 'chose' | 'explore' | 'popular' | 'change';
  text: string;
  events: ProfileEvent[];
}

export interface Candidate {
  key?: string;
  title?: string;
  genres: readonly string[];
}

/**
 * Whether naming `e` for this title is true and does not contradict the profile.
 * `disliked`: whether the title sits in a genre the user turned away from (computed once per title).
 */
export function fitsAsReason(
  profile: UserProfile,
  e: ProfileEvent,
  t: Candidate,
  disliked = inDislikedGenre(affinityMap(profile), t.genres),
): boolean {
  if (e.source === 'search') return searchMatches(e.title, e.opened, t);
  if (disliked) return e.genres.some((g) => t.genres.includes(g));
  return true;
}

export function contributors(profile: UserProfile | null, x: Float32Array, t?: Candidate): Contributor[] {
  if (!profile) return [];
  const all: Contributor[] = [];
  const disliked = t ? inDislikedGenre(affinityMap(profile), t.genres) : false;
  profile.events.forEach((e, i) => {
    const w = profile.eff[i] as number;
    if (w <= 0 || (e.source === 'onboarding' && e.pick === 'genre')) return;
    const cos = dot(e.vector, x);
    // Cheapest test first: most events are too far from the title to be named at all.
    if (cos < EXPLAIN_RULES.minCos) return;
    if (t && !fitsAsReason(profile, e, t, disliked)) return;
    all.push({ event: e, cos, contribution: w * cos });
  });
  if (!all.length) return [];
  const bestCos = Math.max(...all.map((c) => c.cos));
  return all
    .filter((c) => c.cos >= bestCos - EXPLAIN_RULES.window)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, EXPLAIN_RULES.maxNamed);
}

function and(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The "because" line for one event as a row label or reason ("Because you liked Aliens"). */
export function becauseText(e: Pick<ProfileEvent, 'source' | 'rating' | 'watch' | 'title'>): string {
  const v = verbOf(e);
  if (v === 'loved') return `You loved ${e.title}`;
  if (v === 'searched') return `Because you searched for “${e.title}”`;
  return `Because you ${v} ${e.title}`;
}

export function explainReasons(inp: ExplainInput): Reason[] {
  const out: Reason[] = [];
  const p = inp.profile;
  if (inp.explore) {
    const aff = affinityMap(p);
    const g = [...inp.genres].sort((a, b) => (aff.get(a) ?? 0) - (aff.get(b) ?? 0))[0];
    out.push({ kind: 'explore', text: g ? `New to you: exploring ${genrePhrase(g)}` : 'New to you', events: [] });
  }
  const cs = contributors(p, inp.vector, { key: inp.key, title: inp.title, genres: inp.genres });
  const top = cs[0];
  if (top) {
    const verb = verbOf(top.event);
    // Name a second contributor only when the same verb is true of it.
    const named = verb === 'watched' || verb === 'liked' ? cs.filter((c) => verbOf(c.event) === verb).map((c) => c.event) : [top.event];
    const text = named.length > 1 ? `Because you ${verb} ${and(named.map((e) => e.title))}` : becauseText(top.event);
    out.push({ kind: verb, text, events: named });
  }
  // What people of the user's period watched together: the more concrete of the two collaborative lines.
  const w = inp.watchedWith;
  const together =
    w && p && w.source === 'history' && w.weight > 0 && fitsAsReason(p, w, { key: inp.key, title: inp.title, genres: inp.genres }) ? w : null;
  if (together) out.push({ kind: 'watched-with', text: `Often watched with ${together.title}`, events: [together] });
  else if (top) {
    const liked = cs.find((c) => c.event.source === 'history' && c !== top) ?? (top.event.source === 'history' ? top : undefined);
    if (inp.popular && liked) out.push({ kind: 'popular-with', text: `Popular with people who liked ${liked.event.title}`, events: [liked.event] });
  }
  const habit = (inp.habits ?? []).find((h) => inp.genres.includes(h.genre));
  if (habit) out.push({ kind: 'habit', text: habit.text, events: [] });
  if (!p?.confident) {
    const g = (inp.onboardingGenres ?? []).find((x) => inp.genres.includes(x));
    if (g) out.push({ kind: 'chose', text: `Because you chose ${genrePhrase(g)}`, events: [] });
  }
  if (!out.length)
    out.push(inp.popular ? { kind: 'popular', text: 'Popular right now', events: [] } : { kind: 'change', text: 'A change of pace', events: [] });
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(r.text) && seen.add(r.text)).slice(0, EXPLAIN_RULES.maxLines);
}

export function explain(inp: ExplainInput): string[] {
  return explainReasons(inp).map((r) => r.text);
}
