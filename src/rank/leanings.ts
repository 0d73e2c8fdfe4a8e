/**
 * Genre and release-era leanings: how much more of a genre or a decade the user watches than
 * the population does, as explicit scoring terms beside embedding similarity and popularity,
 * and in plain words for the dashboard.
 *
 * The user's share of genre g (each title's weight split over its genres) is shrunk toward
 * the population's share p₀(g) by `prior` pseudo-titles, so two titles do not make a leaning:
 *   p(g) = (Σ_j w_j·[g ∈ G_j]/|G_j| + prior·p₀(g)) / (Σ_j w_j + prior)
 *   lean(g) = ln((p(g) + ε) / (p₀(g) + ε))
 * A candidate's genre term is the mean lean over its genres; its era term is the lean of its
 * release decade (0 when the year is unknown). Population shares come with the shipped
 * neighbour model (training/neighbours.ts); without one, flat shares over what was seen.
 */
import { genrePhrase } from './genres';

export interface PopulationShares {
  /** Share of watches per canonical genre (sums to 1). */
  genres: Record<string, number>;
  /** Share of watches per release decade ("1990"). */
  decades: Record<string, number>;
}

export interface Leanings {
  genre: Map<string, number>;
  decade: Map<string, number>;
  /** Positive weight the leanings rest on. */
  mass: number;
}

export const LEANING_RULES = { prior: 5, eps: 0.01, wordsMinLean: 0.25, wordsMinMass: 3 } as const;

export interface WeightedTitle {
  genres: readonly string[];
  year: number | null;
  weight: number;
}

export function decadeOf(year: number | null | undefined): string | null {
  return year && year > 1800 && year < 2200 ? String(Math.floor(year / 10) * 10) : null;
}

function flatShares(keys: Iterable<string>): Record<string, number> {
  const list = [...new Set(keys)];
  return Object.fromEntries(list.map((k) => [k, 1 / Math.max(1, list.length)]));
}

function lean(user: Map<string, number>, mass: number, base: Record<string, number>): Map<string, number> {
  const { prior, eps } = LEANING_RULES;
  const out = new Map<string, number>();
  const keys = new Set([...user.keys(), ...Object.keys(base)]);
  for (const k of keys) {
    const p0 = base[k] ?? 0;
    const p = ((user.get(k) ?? 0) + prior * p0) / (mass + prior);
    out.set(k, Math.log((p + eps) / (p0 + eps)));
  }
  return out;
}

/** Leanings of a (positively) weighted history. Non-positive weights are ignored. */
export function computeLeanings(titles: readonly WeightedTitle[], base?: PopulationShares): Leanings {
  const g = new Map<string, number>();
  const d = new Map<string, number>();
  let mass = 0;
  let dmass = 0;
  for (const t of titles) {
    if (!(t.weight > 0)) continue;
    mass += t.weight;
    for (const x of t.genres) g.set(x, (g.get(x) ?? 0) + t.weight / t.genres.length);
    const dec = decadeOf(t.year);
    if (dec) {
      d.set(dec, (d.get(dec) ?? 0) + t.weight);
      dmass += t.weight;
    }
  }
  const gb = base?.genres ?? flatShares(g.keys());
  const db = base?.decades ?? flatShares(d.keys());
  return { genre: lean(g, mass, gb), decade: lean(d, dmass, db), mass };
}

/** Per candidate: mean genre lean and decade lean (0 when unknown). */
export function leaningTerms(
  l: Leanings,
  genres: readonly (readonly string[])[] | undefined,
  years: readonly (number | null)[],
  n: number,
): { genre: Float32Array; era: Float32Array } {
  const genre = new Float32Array(n);
  const era = new Float32Array(n);
  // Genre lists repeat across a catalog: memoise by their joined form.
  const memo = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const gs = genres?.[i] ?? [];
    if (gs.length) {
      const k = gs.join('|');
      let v = memo.get(k);
      if (v === undefined) {
        v = 0;
        for (const x of gs) v += l.genre.get(x) ?? 0;
        v /= gs.length;
        memo.set(k, v);
      }
      genre[i] = v;
    }
    const dec = decadeOf(years[i]);
    if (dec) era[i] = l.decade.get(dec) ?? 0;
  }
  return { genre, era };
}

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Plain words for the dashboard: "Mostly thrillers and dramas", "You lean toward 1990s films",
 * "You lean toward recent releases" / "… classics". Nothing until the history carries weight.
 */
export function describeLeanings(l: Leanings): string[] {
  const R = LEANING_RULES;
  if (l.mass < R.wordsMinMass) return [];
  const out: string[] = [];
  const gs = [...l.genre.entries()]
    .filter(([, v]) => v >= R.wordsMinLean)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2);
  if (gs.length) out.push(`Mostly ${list(gs.map(([g]) => genrePhrase(g)))}`);
  const ds = [...l.decade.entries()].filter(([, v]) => v >= R.wordsMinLean).sort((a, b) => b[1] - a[1]);
  const top = ds[0];
  if (top) out.push(`You lean toward ${top[0]}s films`);
  const decades = [...l.decade.entries()].filter(([, v]) => v >= R.wordsMinLean).map(([k]) => Number(k));
  if (decades.length && decades.every((x) => x < 1980)) out.push('You lean toward classics');
  return out;
}
