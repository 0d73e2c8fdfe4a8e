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
  /** Positive weight per release year, for the year-density era term (`yearLeanTable`). */
  years: Map<number, number>;
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
  const years = new Map<number, number>();
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
      years.set(t.year as number, (years.get(t.year as number) ?? 0) + t.weight);
    }
  }
  const gb = base?.genres ?? flatShares(g.keys());
  const db = base?.decades ?? flatShares(d.keys());
  return { genre: lean(g, mass, gb), decade: lean(d, dmass, db), mass, years };
}

/** Release years the year-density era term covers; years outside are clamped to the ends. */
export const YEAR_SPAN = { first: 1890, last: 2039 } as const;
const yearTables = new WeakMap<Leanings, { sigma: number; table: Float32Array }>();

/**
 * The era lean of every release year, with no population to compare against: the log of the
 * user's smoothed density of release years (Gaussian kernel, σ years, shrunk toward a flat
 * density by `prior` pseudo-titles) over the flat density. Population decade shares describe
 * the period their users lived in (users who joined before 2004 hardly watched 2010s films),
 * so a lean against them explodes for a user of another period; a flat base does not.
 */
export function yearLeanTable(l: Leanings, sigma: number): Float32Array {
  const hit = yearTables.get(l);
  if (hit && hit.sigma === sigma) return hit.table;
  const { first, last } = YEAR_SPAN;
  const n = last - first + 1;
  const flat = 1 / n;
  const dens = new Float64Array(n);
  let mass = 0;
  for (const [y, w] of l.years) {
    const c = Math.min(last, Math.max(first, y)) - first;
    mass += w;
    // ±4σ covers all but 6e-5 of the kernel's weight.
    const reach = Math.ceil(4 * sigma);
    for (let i = Math.max(0, c - reach); i <= Math.min(n - 1, c + reach); i++) {
      dens[i] = (dens[i] as number) + (w * Math.exp(-((i - c) ** 2) / (2 * sigma * sigma))) / (sigma * Math.sqrt(2 * Math.PI));
    }
  }
  const prior = LEANING_RULES.prior;
  const table = new Float32Array(n);
  for (let i = 0; i < n; i++) table[i] = Math.log(((dens[i] as number) + prior * flat) / (mass + prior) / flat);
  yearTables.set(l, { sigma, table });
  return table;
}

/** Per candidate: the mean genre lean of its genres (0 when it has none). */
export function genreTerms(l: Leanings, genres: readonly (readonly string[])[] | undefined, n: number): Float32Array {
  const genre = new Float32Array(n);
  // Genre lists repeat across a catalog: memoise by their joined form.
  const memo = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const gs = genres?.[i] ?? [];
    if (!gs.length) continue;
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
  return genre;
}

/**
 * Per candidate: the era lean of its release year (0 when unknown) — the year-density lean
 * when `eraSigma` > 0, else the decade lean. The year path allocates nothing per candidate:
 * the recent horizon scores every title of a 100k catalog with it.
 */
export function eraTerms(l: Leanings, years: readonly (number | null)[], n: number, eraSigma = 0): Float32Array {
  const era = new Float32Array(n);
  const yt = eraSigma > 0 ? yearLeanTable(l, eraSigma) : null;
  const { first, last } = YEAR_SPAN;
  for (let i = 0; i < n; i++) {
    const y = years[i];
    // The same years decadeOf accepts.
    if (!y || !(y > 1800 && y < 2200)) continue;
    era[i] = yt ? (yt[Math.min(last, Math.max(first, Math.floor(y))) - first] as number) : (l.decade.get(decadeOf(y) as string) ?? 0);
  }
  return era;
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
