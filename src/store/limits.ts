/**
 * Bounds on what is stored, in a module of their own (no schema library) so the content
 * script can clamp to them without carrying zod into every page.
 */
export const LIMITS = {
  text: 500, // titles, queries
  longText: 2_000, // descriptions
  url: 2_048,
  id: 256,
  genres: 16,
  genre: 64,
} as const;

export const TITLE_KINDS = ['movie', 'series', 'episode', 'video', 'unknown'] as const;
