/**
 * The one small interface every site adapter implements. Per-site knowledge lives only in
 * `src/sites/<site>/`; the recorder and the UI talk to sites through this and nothing else.
 * Everything read from a page is untrusted text: adapters return plain strings, never HTML.
 */
import type { TitleKind } from '../store/records';

/** A title as read from the page, before it is keyed and stored. */
export interface TileInfo {
  /** The site's own id for the title (URL pattern, data attribute); falls back to a slug of the title. */
  siteItemId: string;
  title: string;
  year: number | null;
  kind: TitleKind;
  genres: string[];
  description: string | null;
  imageUrl: string | null;
  /** Absolute URL that opens the title on the site. */
  url: string | null;
}

export interface SiteAdapter {
  /** Stable adapter name ("generic", "demo", "youtube", ...). */
  readonly name: string;
  /** Whether this adapter is meant for the page at `url` (the generic adapter matches all). */
  matches(url: URL): boolean;
  /** Recognise the site from the page when the URL says nothing (self-hosted apps). */
  detect?(doc: Document): boolean;
  /** Reject a page whose URL matched only loosely (the demo adapter matches any localhost). */
  confirm?(doc: Document): boolean;
  /** Title tiles in or under `root` (root itself included). Cheap: runs on every DOM batch. */
  findTiles(root: ParentNode): Element[];
  /** Read one tile. Read ids fresh every time: sites recycle tile elements. */
  readTile(tile: Element): TileInfo | null;
  /** The row/shelf name a tile sits in, if the page has rows. */
  readRow(tile: Element): string | null;
  /** The main player on the page, if any. */
  findPlayer(doc: Document): HTMLMediaElement | null;
  /**
   * The title now playing/shown on a watch or title page. `media`: the element playing, when the
   * recorder asks for it (it may sit in a shadow root the document's own queries do not enter).
   */
  readPlaying(doc: Document, url: URL, media?: HTMLMediaElement | null): TileInfo | null;
  /**
   * readPlaying only guesses from page-wide metadata (document title, Open Graph) that
   * single-page apps leave stale: a tile the user just clicked names what plays better.
   */
  readonly guessesPlaying?: boolean;
  /** The query when `url` is a search-results URL. */
  readSearchQuery(url: URL): string | null;
  /** Search boxes on the page (submits are recorded). */
  findSearchInputs(root: ParentNode): HTMLInputElement[];
}
