/**
 * Search boxes and search URLs on unknown sites: `input[type=search]`, inputs in a search
 * landmark or a search-looking form, inputs named like a query parameter, and query
 * parameters named like a search.
 */
import { cleanText, queryAllIncludingRoot, readSearchParam, SEARCH_PARAMS, textInputs } from '../shared';

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

// Some apps keep the query in the path ("/search/the%20office", "#/search/dune") or in a
// parameter of their own ("/search/ref=atv_nb_sr?phrase=dune"); read only on a search path.
const PATH_QUERY = /\/search\/([^/?#]+)\/?$/i;
const NOT_A_QUERY = /^(?:ref=|results?$|index|all$|history$|suggest|details?$|movies?$|shows?$|tv$|series$|people$|videos?$)/i;

function pathQuery(path: string): string | null {
  const m = PATH_QUERY.exec(path);
  if (!m?.[1] || NOT_A_QUERY.test(m[1])) return null;
  try {
    return cleanText(decodeURIComponent(m[1].replace(/\+/g, ' ')));
  } catch {
    return null; // a stray "%": not a query this page put in its path
  }
}

export function readGenericSearchQuery(url: URL): string | null {
  const strong = readSearchParam(url, STRONG);
  if (strong) return strong;
  const onSearchPath = /search|results|find/i.test(url.pathname + url.hash);
  const weak = readSearchParam(url, onSearchPath ? ['s', 'k', 'phrase'] : ['s', 'k']);
  if (weak) return onSearchPath || url.pathname === '/' ? weak : null;
  return pathQuery(url.pathname) ?? pathQuery(url.hash.replace(/^#!?/, '/').replace(/\?.*$/, ''));
}
