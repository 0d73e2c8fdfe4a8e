/**
 * What the page tells the operating system it plays: `navigator.mediaSession.metadata`, which
 * players set for the media keys, the lock screen and the browser's media controls. Single-page
 * apps leave their document title and Open Graph tags stale when a player opens in place, and a
 * player that moves on by itself ("Next episode", autoplay) has no click to name it; the media
 * session is what such apps keep current, because the user sees it in the system's controls.
 *
 * Reading it is a plain property read in the content script's own world: the metadata object is
 * the page's, but nothing is written to it or hooked, so the page cannot tell it was read.
 */
import { absoluteHttpUrl, cleanText, nameKey, slugId } from '../sites/shared';
import { EPISODE_MARK, splitEpisode } from '../sites/shared/episode';
import { isGenericTitle } from '../sites/generic/title';
import { isBrandName, siteBrandKeys } from '../sites/shared/brand';
import type { TileInfo } from '../sites/types';
import type { TileScanner } from './tile-scanner';

export interface MediaSessionTitle {
  title: string;
  /** The channel, the band, or a series' name (apps differ). */
  artist: string | null;
  /** Often the series or season of an episode. */
  album: string | null;
  imageUrl: string | null;
}

/** The page's media session metadata, cleaned as page text; null when the page set none. */
export function readMediaSession(win: Window): MediaSessionTitle | null {
  let meta: MediaMetadata | null | undefined;
  try {
    meta = win.navigator.mediaSession?.metadata;
  } catch {
    return null; // a browser without the API, or one that refuses the read: the page says nothing here
  }
  const title = cleanText(meta?.title);
  if (!meta || !title) return null;
  let imageUrl: string | null = null;
  try {
    imageUrl = absoluteHttpUrl(meta.artwork?.[0]?.src, win.location.href);
  } catch {
    imageUrl = null; // artwork is a nicety: an odd artwork list must not lose the title
  }
  return { title, artist: cleanText(meta.artist), album: cleanText(meta.album), imageUrl };
}

/** Tiles the page shows, by name, so a title named only by its text joins the tile of that name. */
export interface TileNames {
  byName(name: string): TileInfo | null;
}

/** Enough for any page a person can scroll; past it the oldest names are forgotten first. */
const MAX_NAMES = 5_000;

export function trackTileNames(scanner: TileScanner, signal: AbortSignal): TileNames {
  const names = new Map<string, TileInfo>();
  const remember = (info: TileInfo) => {
    const key = nameKey(info.title);
    if (!key) return;
    names.delete(key); // re-inserted last: the most recently shown tile of a name wins
    names.set(key, info);
    if (names.size > MAX_NAMES) names.delete(names.keys().next().value as string);
  };
  scanner.subscribe({ onTile: (_el, info) => remember(info), onTileChanged: (_el, info) => remember(info) }, signal);
  return { byName: (name) => names.get(nameKey(name)) ?? null };
}

/**
 * The title a media session names, as the page shows it: a reading of the page or a tile whose
 * name is the session's title (so the watch joins that title, with its id and year), or its
 * album or artist (an episode under its series' tile); else the session's own title under a name
 * key, which is how link-less cards are keyed too (`slug:<title>`). A title that is only "Episode
 * 3", or an episode's code and name ("S2:E4 Chapter 12"), names the series its album or artist
 * gives; "The Mandalorian - S2:E4 - Chapter 12" names The Mandalorian, an episode of it. A name
 * that is only the site's ("Disney+" on disneyplus.com, "Peacock" on peacocktv.com) names nothing,
 * unless a title tile on the page bears it (a series called "Peacock" on peacocktv.com).
 */
export function titleOfSession(
  s: MediaSessionTitle,
  known: readonly (TileInfo | null)[],
  names: TileNames | null,
  pageUrl: string | null,
): TileInfo | null {
  const brands = siteBrandKeys(null, pageUrl);
  const isSite = (name: string | null) => isBrandName(name, brands);
  const plain = (name: string | null): name is string => !!name && !isGenericTitle(name.trim()) && !isSite(name);
  // Some players add the site or the channel: "Paddington 2 - Telly", "Heat | Reelhouse". Only a
  // last piece that is one of those is cut: "Mission: Impossible - Dead Reckoning" is one title.
  const pieces = s.title.split(/\s[|\-–—·]\s/);
  const lastPiece = pieces.length > 1 ? (pieces[pieces.length - 1] as string) : null;
  const last = lastPiece !== null ? nameKey(lastPiece) : null;
  const decorated = last !== null && (isSite(lastPiece) || last === nameKey(s.artist ?? '') || last === nameKey(s.album ?? ''));
  const full = decorated ? pieces.slice(0, -1).join(' - ').trim() : s.title;
  // An episode's code in the title: before it the series, from it on the episode.
  const split = splitEpisode(full);
  const leadingCode = EPISODE_MARK.exec(full)?.index === 0;
  const title = leadingCode ? null : split.title;
  const episodeLine = split.episode ?? (leadingCode ? full : null) ?? [s.artist, s.album].find((x) => !!x && EPISODE_MARK.test(x)) ?? null;
  const series = [s.album, s.artist].find((x) => plain(x) && !EPISODE_MARK.test(x)) ?? null;
  for (const name of [title, s.album, s.artist]) {
    // A tile on the page of that name is a title even when the service bears its name ("Peacock").
    if (!name || isGenericTitle(name.trim()) || EPISODE_MARK.test(name)) continue;
    const key = nameKey(name);
    const hit = known.find((t) => t && nameKey(t.title) === key) ?? names?.byName(name);
    if (hit) return hit;
  }
  const ownTitle = plain(title) ? title : null;
  const named = ownTitle ?? series;
  if (!named) return null;
  const episode = !!episodeLine && EPISODE_MARK.test(episodeLine);
  return {
    siteItemId: slugId(named),
    title: named,
    year: null,
    kind: named === ownTitle ? (episode ? 'episode' : 'unknown') : 'series',
    genres: [],
    description: episodeLine ? cleanText(episodeLine) : named === ownTitle ? null : cleanText(s.title),
    imageUrl: s.imageUrl,
    url: pageUrl,
  };
}
