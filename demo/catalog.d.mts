// Types for demo/catalog.mjs.
export type Genre =
  | 'Action'
  | 'Adventure'
  | 'Animation'
  | 'Children'
  | 'Comedy'
  | 'Crime'
  | 'Documentary'
  | 'Drama'
  | 'Fantasy'
  | 'Film-Noir'
  | 'Horror'
  | 'Musical'
  | 'Mystery'
  | 'Romance'
  | 'Sci-Fi'
  | 'Thriller'
  | 'War'
  | 'Western';
export interface CatalogEntry {
  readonly id: string;
  readonly title: string;
  readonly year: number;
  readonly kind: 'movie' | 'series';
  readonly genres: readonly Genre[];
  readonly description: string;
  readonly seasons?: number;
  readonly episodesPerSeason?: number;
}
export const GENRES: readonly Genre[];
export const CATALOG: readonly CatalogEntry[];
export const BY_ID: ReadonlyMap<string, CatalogEntry>;
export function slugify(title: string, year?: number | null): string;
export function hash(text: string): number;
export function parseCatalog(text: string): readonly CatalogEntry[];
export function catalogStats(list?: readonly CatalogEntry[]): {
  total: number;
  kinds: Record<string, number>;
  genres: Record<string, number>;
  decades: Record<string, number>;
};
