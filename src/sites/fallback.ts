/**
 * A named adapter with the generic rules behind it. Real services change their markup: a named
 * adapter whose selectors no longer match would leave the page without a tile, a badge or an
 * impression. Until the named adapter has read a tile on this page, the generic rules look
 * too; once it has, they stop for the page's lifetime (the named adapter knows the site, and
 * the generic rules' guesses would only add noise beside it). Tiles are read back by the
 * adapter that found them. The generic rules wait for the parsed document: they judge a card
 * by its peers, which a half-parsed page does not have yet.
 */
import type { SiteAdapter } from './types';

function parsing(root: ParentNode): boolean {
  const doc = (root as Node).nodeType === 9 ? (root as Document) : (root as Node).ownerDocument;
  return doc?.readyState === 'loading';
}

export function withGenericFallback(named: SiteAdapter, generic: SiteAdapter): SiteAdapter {
  let namedFound = false;
  const byGeneric = new WeakSet<Element>();
  return {
    ...named,
    findTiles(root) {
      const own = named.findTiles(root);
      // Found is not enough: selectors may still match elements whose content moved elsewhere.
      namedFound ||= own.some((el) => named.readTile(el) !== null);
      if (namedFound || parsing(root)) return own;
      const found = generic.findTiles(root);
      for (const el of found) byGeneric.add(el);
      return found;
    },
    readTile: (tile) => (byGeneric.has(tile) ? generic.readTile(tile) : named.readTile(tile)),
    readRow: (tile) => (byGeneric.has(tile) ? generic.readRow(tile) : named.readRow(tile)),
    readSearchQuery: (url) => named.readSearchQuery(url) ?? generic.readSearchQuery(url),
    findSearchInputs(root) {
      const own = named.findSearchInputs(root);
      return own.length || parsing(root) ? own : generic.findSearchInputs(root);
    },
  };
}
