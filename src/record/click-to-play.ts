/**
 * Which title a player plays when the page says little: on single-page apps whose tiles are
 * not links, a click on a card opens the player in place, in a modal, or after a hash-route or
 * pushState change, and the page's own metadata (document title, Open Graph) often still names
 * the site or the previous page. The tile the user just activated names it better.
 */
import type { SiteAdapter, TileInfo } from '../sites/types';
import { onTileActivated } from './activation';
import type { TileScanner } from './tile-scanner';
import type { Clock } from './types';

/** A tile activated this long before playback is what plays (time to read a detail modal, then press play). */
export const CLICK_TO_PLAY_MS = 60_000;

/** A title's name for comparing two readings of it: case, punctuation and spacing aside. */
export const nameKey = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The title to record: the adapter's reading of the page, or the recently activated tile.
 * They agree (same id or same name): the tile, so the watch joins the title the user saw on
 * the page. They disagree: the page, unless the adapter only guesses from page metadata.
 */
export function pickPlayingTitle(adapter: Pick<SiteAdapter, 'guessesPlaying'>, playing: TileInfo | null, clicked: TileInfo | null): TileInfo | null {
  if (!clicked) return playing;
  if (!playing) return clicked;
  if (playing.siteItemId === clicked.siteItemId) return playing;
  if (nameKey(playing.title) === nameKey(clicked.title)) return clicked;
  return adapter.guessesPlaying ? clicked : playing;
}

export interface ClickedTile {
  info: TileInfo;
  /** What the page's media session named when the tile was activated (media-session.ts). */
  sessionAtClick: string | null;
}

/**
 * Remembers the last tile the user activated; `recent()` is it while within CLICK_TO_PLAY_MS.
 * `sessionNow` reads the media session's title at the click, so that metadata an app left
 * unchanged since then is known for the previous title's, not for what the click opened.
 */
export function trackClickedTile(
  doc: Document,
  scanner: TileScanner,
  signal: AbortSignal,
  clock: Clock,
  sessionNow: () => string | null = () => null,
): { recent(): ClickedTile | null } {
  let last: (ClickedTile & { at: number }) | null = null;
  onTileActivated(doc, scanner, signal, (tile) => {
    last = { info: tile.info, sessionAtClick: sessionNow(), at: clock.mono() };
  });
  return {
    recent: () => (last && clock.mono() - last.at <= CLICK_TO_PLAY_MS ? last : null),
  };
}
