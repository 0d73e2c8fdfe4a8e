/**
 * Search boxes and search URLs on unknown sites: `input[type=search]`, inputs in a search
 * landmark or a search-looking form, inputs named like a query parameter, and query
 * parameters named like a search.
 */
import { queryAllIncludingRoot, readSearchParam, SEARCH_PARAMS, textInputs } from '../shared';

const NAMED = SEARCH_PARAMS.map((n) => `input[name="${n}"]`).join(', ');
export const SEARCH_INPUTS = [
  'input[type="search"]',
  '[role="search"] input',
  'form[action*="search" i] input',
  'form[name*="search" i] input',
  'form[id*="search" i] input',
  'input[id*="search" i]',
  'input[aria-label*="search" i]',
  'input[placeholder*="search" i]',
  NAMED,
].join(', ');

export function findGenericSearchInputs(root: ParentNode): HTMLInputElement[] {
  return textInputs(queryAllIncludingRoot(root, SEARCH_INPUTS));
}

// `s` and `k` are search parameters on WordPress and shop sites, but also used for other
// things; elsewhere the path must look like a search page for them to count.
const STRONG = SEARCH_PARAMS.filter((n) => n !== 's' && n !== 'k');

export function readGenericSearchQuery(url: URL): string | null {
  const strong = readSearchParam(url, STRONG);
  if (strong) return strong;
  const weak = readSearchParam(url, ['s', 'k']);
  if (!weak) return null;
  return /search|results|find/i.test(url.pathname + url.hash) || url.pathname === '/' ? weak : null;
}
