/**
 * Ids of link-less cards from where their handlers say they go. Single-page apps often keep
 * the destination in the markup even without an `<a href>`: `onclick="location.href='/watch/81234'"`,
 * `onclick="openTitle('tt0111161')"`, `data-href="#/title/42"`. The text is only searched with
 * regular expressions for a quoted path or a quoted/numeric argument; it is never run.
 */
import type { TitleKind } from '../../store/records';
import { baseOf, CAPS, idFromRoute, idFromUrl, parseUrl, routeParts } from '../shared';
import { linkParts } from './links';

// A path, hash route or absolute URL as a whole attribute value or a quoted string inside one.
const QUOTED_PATH = /(?:^|['"`])((?:\/|#!?\/|https?:\/\/)[^'"`\s<>]{1,300})(?:['"`]|$)/;
// The one id-like argument of a call: openTitle('tt0111161'), play(81234), show("m-8812").
const CALL_ARG = /\(\s*(['"`]?)([A-Za-z0-9][A-Za-z0-9_.:-]{0,63})\1\s*[,)]/;

export function idFromRouteText(text: string, el: Element): { id: string; kind: TitleKind | null } | null {
  const path = QUOTED_PATH.exec(text.trim())?.[1];
  if (path) {
    const base = parseUrl(baseOf(el));
    const parts = path.startsWith('#') ? { ...routeParts(path), route: true } : linkParts(path, base);
    const id = parts ? (parts.route ? idFromRoute(parts) : idFromUrl(parts)) : null;
    if (id) return id;
  }
  const arg = CALL_ARG.exec(text)?.[2];
  // An argument without a digit is a word ("open('details')"), not an id.
  if (arg && /\d/.test(arg) && !/^\d{1,2}$/.test(arg)) return { id: `id:${arg}`.slice(0, CAPS.id), kind: null };
  return null;
}
