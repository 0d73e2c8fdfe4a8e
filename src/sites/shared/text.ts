/**
 * Text cleaning for anything read from a page. Page text is untrusted: it is only ever read
 * through textContent/getAttribute, whitespace is collapsed, control characters dropped and
 * the result capped, so a hostile page cannot bloat the store or smuggle markup through us.
 */
import { LIMITS } from '../../store/limits';

export const CAPS = {
  title: LIMITS.text,
  description: LIMITS.longText,
  genres: LIMITS.genres,
  genre: LIMITS.genre,
  id: LIMITS.id,
  url: LIMITS.url,
} as const;

// Control characters, zero-width spaces and bidi overrides carry no meaning in a title but can
// hide or reorder text. Zero-width (non-)joiners stay: emoji sequences and several scripts need them.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

// Whitespace that collapsing would change: any other than a single interior space.
const EXTRA_SPACE = /[^\S ]| {2}|^ | $/;

/**
 * Runs of whitespace to one space, trimmed. Most page text (and every adapter's output) has
 * nothing to collapse: it is returned after one test, not rewritten (this runs several times per tile).
 */
export function collapseWhitespace(s: string): string {
  return EXTRA_SPACE.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

/** Collapse whitespace, drop invisible characters, trim and cap; empty becomes null. */
export function cleanText(raw: string | null | undefined, max: number = CAPS.title): string | null {
  if (raw == null) return null;
  // Cap the raw input first so a megabyte of text is not regex-scanned in full.
  const text = collapseWhitespace(raw.slice(0, max * 4).replace(INVISIBLE, ' '));
  if (!text) return null;
  return text.length > max ? text.slice(0, max).trimEnd() : text;
}

/** An element's text as plain text (textContent, never innerHTML), cleaned and capped. */
export function textOf(el: Element | null | undefined, max: number = CAPS.title): string | null {
  return el ? cleanText(el.textContent, max) : null;
}

/** An attribute's value, cleaned and capped. */
export function attrOf(el: Element | null | undefined, name: string, max: number = CAPS.title): string | null {
  return el ? cleanText(el.getAttribute(name), max) : null;
}

/** A title's name for comparing two readings of it: case, punctuation and spacing aside. */
export const nameKey = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export const cleanTitle = (raw: string | null | undefined): string | null => cleanText(raw, CAPS.title);
export const cleanDescription = (raw: string | null | undefined): string | null => cleanText(raw, CAPS.description);

/**
 * Genres from strings or one delimited string ("Drama, Sci-Fi · Thriller"): cleaned, capped at
 * 16 of 64 characters, de-duplicated case-insensitively, order kept.
 */
export function cleanGenres(raw: Iterable<string | null | undefined>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    if (!item) continue;
    for (const part of item.slice(0, 4096).split(/\s*[,|·•/]\s*/)) {
      const genre = cleanText(part, CAPS.genre);
      if (!genre || /^\d+$/.test(genre)) continue;
      const key = genre.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(genre);
      if (out.length >= CAPS.genres) return out;
    }
  }
  return out;
}

/**
 * An element's text with a space between elements. textContent glues adjacent elements
 * together ("1994" + "2h 22m" → "19942h 22m"), which hides years and durations; this does not.
 * Bounded by `max` characters so a huge card costs little.
 */
export function spacedText(el: Element, max = 2000): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child && length < max; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const value = child.nodeValue;
        if (value) {
          parts.push(value);
          length += value.length + 1;
        }
      } else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'TEMPLATE') walk(child);
      }
    }
  };
  walk(el);
  return parts.join(' ').replace(/\s+/g, ' ').slice(0, max);
}
