/**
 * Release years from free text: "(1999)", "1999 · 2h 16m", "2019–2022", "Released 12 May 2004".
 * Only plausible film years count (1870..2100, the store's bounds), and a number glued to
 * other digits or to letters ("2160p", "1080", "S2024") is not a year.
 */
import { isPlausibleYear } from '../../store/limits';

const YEAR = /(?<![\d\p{L}])(1[89]\d\d|20\d\d|2100)(?![\d\p{L}])/u;

export function parseYear(text: string | null | undefined): number | null {
  if (!text) return null;
  // A parenthesised year is the strongest signal: "Blade Runner 2049 (2017)" is 2017.
  const paren = /\((1[89]\d\d|20\d\d|2100)(?:\s*[-–—]\s*(?:\d{4})?\s*)?\)/.exec(text);
  const match = paren ?? YEAR.exec(text.slice(0, 2000));
  if (!match?.[1]) return null;
  const year = Number(match[1]);
  return isPlausibleYear(year) ? year : null;
}

/** The year of an ISO-ish date ("1999-03-31", "1999"), as in JSON-LD datePublished. */
export function yearOfDate(date: unknown): number | null {
  if (typeof date !== 'string') return null;
  const match = /^\s*(\d{4})/.exec(date);
  if (!match?.[1]) return parseYear(date);
  const year = Number(match[1]);
  return isPlausibleYear(year) ? year : null;
}
