/**
 * Search queries from URLs. Sites name the parameter differently; single-page apps often put
 * it in the hash route (`#/search?query=`), so the hash is read as a second query string.
 */
import { cleanText } from './text';

export const SEARCH_PARAMS = ['q', 'query', 'search', 'search_query', 'searchTerm', 'term', 'keyword', 'keywords', 's', 'k'] as const;

/** The query string inside a hash route ("#/search?query=x" → "query=x"). */
export function hashParams(url: URL): URLSearchParams {
  const hash = url.hash.replace(/^#!?/, '');
  const q = hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
}

/** The first non-empty search-like parameter in the query or hash route, cleaned. */
export function readSearchParam(url: URL, names: readonly string[] = SEARCH_PARAMS): string | null {
  for (const params of [url.searchParams, hashParams(url)]) {
    for (const name of names) {
      const value = cleanText(params.get(name));
      if (value) return value;
    }
  }
  return null;
}

const TEXT_TYPES = new Set(['', 'text', 'search']);

/** Text-like inputs among `els`, de-duplicated, in order. */
export function textInputs(els: Iterable<Element>): HTMLInputElement[] {
  const out = new Set<HTMLInputElement>();
  for (const el of els) {
    if (el.tagName !== 'INPUT') continue;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (TEXT_TYPES.has(type)) out.add(el as HTMLInputElement);
  }
  return Array.from(out);
}
