/**
 * The onboarding's starting set: well-known films and series, as plain text (no images),
 * with the MovieLens-style genres the engine knows. Offered alongside titles the user has
 * already met on streaming sites (the store's `titles` table).
 */
import { GENRE_VOCABULARY } from '../../rank/genres';

export const ONBOARDING_GENRES = GENRE_VOCABULARY;

export interface StarterTitle {
  readonly title: string;
  readonly year: number;
  readonly kind: 'movie' | 'series';
  readonly genres: readonly string[];
}

export const STARTER_TITLES: readonly StarterTitle[] = [
  { title: 'The Shawshank Redemption', year: 1994, kind: 'movie', genres: ['Crime', 'Drama'] },
  { title: 'The Godfather', year: 1972, kind: 'movie', genres: ['Crime', 'Drama'] },
  { title: 'Pulp Fiction', year: 1994, kind: 'movie', genres: ['Comedy', 'Crime', 'Drama', 'Thriller'] },
  { title: 'The Dark Knight', year: 2008, kind: 'movie', genres: ['Action', 'Crime', 'Drama'] },
  { title: 'Forrest Gump', year: 1994, kind: 'movie', genres: ['Comedy', 'Drama', 'Romance', 'War'] },
  { title: 'The Matrix', year: 1999, kind: 'movie', genres: ['Action', 'Sci-Fi', 'Thriller'] },
  { title: 'Inception', year: 2010, kind: 'movie', genres: ['Action', 'Sci-Fi', 'Thriller'] },
  { title: 'Star Wars', year: 1977, kind: 'movie', genres: ['Action', 'Adventure', 'Sci-Fi'] },
  { title: 'Alien', year: 1979, kind: 'movie', genres: ['Horror', 'Sci-Fi'] },
  { title: 'Jurassic Park', year: 1993, kind: 'movie', genres: ['Action', 'Adventure', 'Sci-Fi', 'Thriller'] },
  { title: 'Toy Story', year: 1995, kind: 'movie', genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'] },
  { title: 'Spirited Away', year: 2001, kind: 'movie', genres: ['Adventure', 'Animation', 'Fantasy'] },
  { title: 'Finding Nemo', year: 2003, kind: 'movie', genres: ['Adventure', 'Animation', 'Children', 'Comedy'] },
  { title: 'The Lion King', year: 1994, kind: 'movie', genres: ['Adventure', 'Animation', 'Children', 'Drama', 'Musical'] },
  { title: 'The Lord of the Rings: The Fellowship of the Ring', year: 2001, kind: 'movie', genres: ['Adventure', 'Fantasy'] },
  { title: "Harry Potter and the Sorcerer's Stone", year: 2001, kind: 'movie', genres: ['Adventure', 'Children', 'Fantasy'] },
  { title: 'Titanic', year: 1997, kind: 'movie', genres: ['Drama', 'Romance'] },
  { title: 'Amélie', year: 2001, kind: 'movie', genres: ['Comedy', 'Romance'] },
  { title: 'Notting Hill', year: 1999, kind: 'movie', genres: ['Comedy', 'Romance'] },
  { title: 'La La Land', year: 2016, kind: 'movie', genres: ['Comedy', 'Drama', 'Musical', 'Romance'] },
  { title: 'The Silence of the Lambs', year: 1991, kind: 'movie', genres: ['Crime', 'Horror', 'Thriller'] },
  { title: 'Get Out', year: 2017, kind: 'movie', genres: ['Horror', 'Mystery', 'Thriller'] },
  { title: 'The Shining', year: 1980, kind: 'movie', genres: ['Horror'] },
  { title: 'Se7en', year: 1995, kind: 'movie', genres: ['Mystery', 'Thriller'] },
  { title: 'Knives Out', year: 2019, kind: 'movie', genres: ['Comedy', 'Crime', 'Drama', 'Mystery'] },
  { title: 'Casablanca', year: 1942, kind: 'movie', genres: ['Drama', 'Romance'] },
  { title: 'The Maltese Falcon', year: 1941, kind: 'movie', genres: ['Film-Noir', 'Mystery'] },
  { title: 'Saving Private Ryan', year: 1998, kind: 'movie', genres: ['Action', 'Drama', 'War'] },
  { title: '1917', year: 2019, kind: 'movie', genres: ['Drama', 'War'] },
  { title: 'The Good, the Bad and the Ugly', year: 1966, kind: 'movie', genres: ['Action', 'Adventure', 'Western'] },
  { title: 'Groundhog Day', year: 1993, kind: 'movie', genres: ['Comedy', 'Fantasy', 'Romance'] },
  { title: 'Superbad', year: 2007, kind: 'movie', genres: ['Comedy'] },
  { title: 'Parasite', year: 2019, kind: 'movie', genres: ['Comedy', 'Drama', 'Thriller'] },
  { title: 'March of the Penguins', year: 2005, kind: 'movie', genres: ['Documentary'] },
  { title: 'Breaking Bad', year: 2008, kind: 'series', genres: ['Crime', 'Drama', 'Thriller'] },
  { title: 'Game of Thrones', year: 2011, kind: 'series', genres: ['Action', 'Adventure', 'Drama', 'Fantasy'] },
  { title: 'Stranger Things', year: 2016, kind: 'series', genres: ['Drama', 'Fantasy', 'Horror', 'Mystery', 'Sci-Fi'] },
  { title: 'The Office', year: 2005, kind: 'series', genres: ['Comedy'] },
  { title: 'Friends', year: 1994, kind: 'series', genres: ['Comedy', 'Romance'] },
  { title: 'The Crown', year: 2016, kind: 'series', genres: ['Drama'] },
  { title: 'Planet Earth', year: 2006, kind: 'series', genres: ['Documentary'] },
  { title: 'Sherlock', year: 2010, kind: 'series', genres: ['Crime', 'Drama', 'Mystery', 'Thriller'] },
];

/** "Title (Year)", or just the title when the year is unknown: the form saved in settings. */
export function titleLabel(title: string, year: number | null | undefined): string {
  const t = title.trim();
  return typeof year === 'number' ? `${t} (${year})` : t;
}
