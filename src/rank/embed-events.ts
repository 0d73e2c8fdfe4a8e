/**
 * Embeds the catalog and what the user told us outside it (search queries, onboarding picks
 * not in the catalog) in one batch, and attaches a vector, a display title and genres to
 * every event: the profile's input.
 */
import type { Embeddings } from '../model/embedder';
import { buildItemText, buildQueryText } from '../model/text';
import { titleKey } from '../titles/normalize';
import type { CatalogEntry } from './catalog';
import { canonicalGenres } from './genres';
import { completeTitle, type KnownTitles } from './known-titles';
import type { TitleEvent } from './events';
import type { CandidateSet } from './recommend';
import type { ProfileEvent } from './user-profile';
import { row as vrow } from './vec';

/** Texts → unit vectors + popularity (the engine's embedding cache in front of the model). */
export type Embed = (texts: string[]) => Promise<Embeddings>;

/** An onboarding pick names a title alone: the known film's year and genres, when there is one. */
function onboardingTitle(title: string, known: KnownTitles | null): { title: string; year: number | null; genres: readonly string[] } {
  return completeTitle(known, { title, year: null, genres: [] });
}

/** The text to embed for an event that is not a catalog title, or null when the catalog has it. */
function offCatalogText(e: TitleEvent, keyIndex: ReadonlyMap<string, number>, known: KnownTitles | null): string | null {
  switch (e.source) {
    case 'history':
      return null;
    case 'search':
      return buildQueryText(e.query);
    case 'onboarding':
      if (e.pick === 'genre') return buildQueryText(e.genre);
      return keyIndex.has(titleKey(e.title)) ? null : buildItemText(onboardingTitle(e.title, known));
  }
}

export async function embedCatalogAndEvents(
  catalog: readonly CatalogEntry[],
  keyIndex: ReadonlyMap<string, number>,
  events: readonly TitleEvent[],
  embed: Embed,
  known: KnownTitles | null = null,
): Promise<{ cands: CandidateSet; events: ProfileEvent[] }> {
  // Texts: the catalog, then the events that are not in it.
  const extraTexts: string[] = [];
  const extraOf = new Map<string, number>();
  for (const e of events) {
    const text = offCatalogText(e, keyIndex, known);
    if (text !== null) extraOf.set(e.key, extraTexts.push(text) - 1);
  }
  const n = catalog.length;
  const emb = await embed([...catalog.map((e) => e.text), ...extraTexts]);
  const dim = emb.dim;
  const cands: CandidateSet = {
    vectors: emb.vectors.subarray(0, n * dim),
    dim,
    popularity: emb.popularity.subarray(0, n),
    keys: catalog.map((e) => e.key),
    genres: catalog.map((e) => e.genres),
    years: catalog.map((e) => e.rankYear),
  };
  const extraVector = (e: TitleEvent): Float32Array => {
    const xi = extraOf.get(e.key) as number;
    return emb.vectors.subarray((n + xi) * dim, (n + xi + 1) * dim);
  };
  const fromCatalog = (e: TitleEvent, ci: number): ProfileEvent => {
    const ce = catalog[ci] as CatalogEntry;
    return { ...e, vector: vrow(cands.vectors, dim, ci), title: ce.title, genres: ce.genres, year: ce.rankYear };
  };

  const out: ProfileEvent[] = [];
  for (const e of events) {
    if (e.source === 'search') {
      out.push({ ...e, vector: extraVector(e), title: e.query, genres: [] });
    } else if (e.source === 'onboarding' && e.pick === 'genre') {
      out.push({ ...e, vector: extraVector(e), title: e.genre, genres: [e.genre] });
    } else if (e.source === 'onboarding') {
      const ci = keyIndex.get(titleKey(e.title));
      const film = onboardingTitle(e.title, known);
      out.push(
        ci !== undefined
          ? fromCatalog(e, ci)
          : { ...e, vector: extraVector(e), title: e.title, genres: canonicalGenres(film.genres), year: film.year },
      );
    } else {
      const ci = keyIndex.get(e.key);
      if (ci !== undefined) out.push(fromCatalog(e, ci));
    }
  }
  return { cands, events: out };
}
