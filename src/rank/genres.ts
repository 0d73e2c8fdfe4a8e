/**
 * Genre handling for profile, rows and explanations: site genres are mapped onto the
 * model's vocabulary (`canonicalGenres`, the same mapping the model text uses), and each
 * canonical genre has a display phrase for row labels and "why" lines.
 */
import { canonicalGenres } from '../model/text';

export { canonicalGenres };

/** The model's genre vocabulary (MovieLens's genres; IMAX is a format, not a taste): what onboarding offers. */
export const GENRE_VOCABULARY = [
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

export type Genre = (typeof GENRE_VOCABULARY)[number];

// Every genre of the vocabulary has its phrase (the type says so), and IMAX, which MovieLens lists too.
const PLURAL: Readonly<Record<Genre | 'IMAX', string>> = {
  Action: 'action',
  Adventure: 'adventure',
  Animation: 'animation',
  Children: 'family films',
  Comedy: 'comedies',
  Crime: 'crime',
  Documentary: 'documentaries',
  Drama: 'dramas',
  Fantasy: 'fantasy',
  'Film-Noir': 'film noir',
  Horror: 'horror',
  IMAX: 'IMAX',
  Musical: 'musicals',
  Mystery: 'mysteries',
  Romance: 'romance',
  'Sci-Fi': 'sci-fi',
  Thriller: 'thrillers',
  War: 'war films',
  Western: 'Westerns',
};

/** "comedies", "sci-fi", "Westerns"; unknown genres in lower case. */
export function genrePhrase(genre: string): string {
  return (PLURAL as Readonly<Record<string, string>>)[genre] ?? genre.toLowerCase();
}

function capitalise(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** A row label from up to two genres: "Sci-fi & thrillers", "Comedies". */
export function genresLabel(genres: readonly string[]): string {
  const parts = genres.slice(0, 2).map(genrePhrase);
  return capitalise(parts.join(' & ')) || 'More like this';
}

/** Stable slug for row ids ("genre:sci-fi"). */
export function genreSlug(genre: string): string {
  return genre
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
