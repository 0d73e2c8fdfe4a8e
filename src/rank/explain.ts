/**
 * "Why" lines for picks and badges, naming the history titles and habits that drove them.
 *
 * Contributors: the user's positive events (watches, likes, loves, onboarding titles) by
 * contribution eff_j · cos(e_j, x), keeping those with cos ≥ 0.2 and within 0.15 of the
 * closest one; at most two are named. Lines, at most three, in this order:
 *   - explore rows: "New to you: exploring Westerns" (the title's genre the user has least of)
 *   - the top contributor is loved: "You loved Amélie"
 *   - else watched/liked: "Because you watched Alien and Arrival" / "Because you liked Heat"
 *   - onboarding title: "Because you picked Alien"; a search: "Because you searched for “space”"
 *   - popular (popularity in the catalog's top 20 %) with a contributor:
 *     "Popular with people who liked Heat" (the model's collaborative signal)
 *   - an active strong context habit on one of its genres: "You often watch comedies on Friday nights"
 *   - onboarding genre (before the profile is confident): "Because you chose horror"
 *   - nothing else applies: "Popular right now" (popular) or "A change of pace".
 */
import type { Habit } from './context';
import { genrePhrase } from './genres';
import type { ProfileEvent, UserProfile } from './user-profile';
import { dot } from './vec';

export interface ExplainInput {
  profile: UserProfile | null;
  vector: Float32Array;
  genres: readonly string[];
  popular: boolean;
  /** Habits active now (strong ones only). */
  habits?: readonly Habit[];
  onboardingGenres?: readonly string[];
  explore?: boolean;
}

export const EXPLAIN_RULES = { minCos: 0.2, window: 0.15, maxNamed: 2, maxLines: 3 } as const;

export interface Contributor {
  event: ProfileEvent;
  cos: number;
  contribution: number;
}

export function contributors(profile: UserProfile | null, x: Float32Array): Contributor[] {
  if (!profile) return [];
  const all: Contributor[] = [];
  profile.events.forEach((e, i) => {
    const w = profile.eff[i] as number;
    if (w <= 0 || (e.source === 'onboarding' && e.pick === 'genre')) return;
    const cos = dot(e.vector, x);
    if (cos >= EXPLAIN_RULES.minCos) all.push({ event: e, cos, contribution: w * cos });
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

export function explain(inp: ExplainInput): string[] {
  const lines: string[] = [];
  const p = inp.profile;
  if (inp.explore) {
    const aff = new Map((p?.genreAffinity ?? []).map((g) => [g.genre, g.affinity]));
    const g = [...inp.genres].sort((a, b) => (aff.get(a) ?? 0) - (aff.get(b) ?? 0))[0];
    lines.push(g ? `New to you: exploring ${genrePhrase(g)}` : 'New to you');
  }
  const cs = contributors(p, inp.vector);
  const top = cs[0];
  if (top) {
    const e = top.event;
    if (e.source === 'onboarding') lines.push(`Because you picked ${e.title}`);
    else if (e.source === 'search') lines.push(`Because you searched for “${e.title}”`);
    else if (e.rating === 'love') lines.push(`You loved ${e.title}`);
    else {
      const names = cs.filter((c) => c.event.source === 'history' && c.event.rating !== 'love').map((c) => c.event.title);
      const verb = e.watch > 0 ? 'watched' : 'liked';
      lines.push(`Because you ${verb} ${and(names.length ? names : [e.title])}`);
    }
    const liked = cs.find((c) => c.event.source === 'history' && c !== top) ?? (top.event.source === 'history' ? top : undefined);
    if (inp.popular && liked) lines.push(`Popular with people who liked ${liked.event.title}`);
  }
  const habit = (inp.habits ?? []).find((h) => inp.genres.includes(h.genre));
  if (habit) lines.push(habit.text);
  if (!p?.confident) {
    const g = (inp.onboardingGenres ?? []).find((x) => inp.genres.includes(x));
    if (g) lines.push(`Because you chose ${genrePhrase(g)}`);
  }
  if (!lines.length) lines.push(inp.popular ? 'Popular right now' : 'A change of pace');
  return [...new Set(lines)].slice(0, EXPLAIN_RULES.maxLines);
}
