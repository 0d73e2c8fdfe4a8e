/**
 * Which title a player plays when the page says little: on single-page apps whose tiles are
 * not links, a click on a card opens the player in place, in a modal, or after a hash-route or
 * pushState change, and the page's own metadata (document title, Open Graph) often still names
 * the site or the previous page. The tile the user just activated names it better.
 */
import { attrOf, nameKey, textOf } from '../sites/shared';
import type { SiteAdapter, TileInfo } from '../sites/types';
import { eventOrigin, onTileActivated } from './activation';
import type { TileScanner } from './tile-scanner';
import type { Clock } from './types';

/** A tile activated this long before playback is what plays (time to read a detail modal, then press play). */
export const CLICK_TO_PLAY_MS = 60_000;

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

// What a control that starts playback says: "Play", "Resume Episode 3", "Watch now", "Continue
// watching", "Start over", and the same in French, German and Spanish.
const PLAY_CONTROL =
  /^(?:play|resume|watch|continue|start|restart|lecture|lire|regarder|reprendre|abspielen|ansehen|fortsetzen|weiterschauen|reproducir|ver|continuar)(?![\p{L}\p{N}])/iu;
// …and what only looks like one: saving for later is not playing.
const NOT_PLAY = /^(?:watch\s*later|watchlist|watch\s*list|start\s+(?:your\s+)?(?:free\s+)?trial)/i;

/** The words a control shows or is labelled with, short and plain. */
function controlLabel(el: Element): string | null {
  return attrOf(el, 'aria-label', 80) ?? textOf(el, 80);
}

/**
 * The title the page named when the user pressed a Play control that is not a tile (the Play
 * button of a details page), for `CLICK_TO_PLAY_MS`. Apps go from a title's details page to
 * their player route by pushState and reset the document title, Open Graph tags and JSON-LD to
 * the landing page's on the way: the details page named what the player then plays.
 */
export function trackPlayPressed(doc: Document, signal: AbortSignal, clock: Clock, readPage: () => TileInfo | null): { recent(): TileInfo | null } {
  let last: { info: TileInfo; at: number } | null = null;
  const onClick = (ev: Event) => {
    const origin = eventOrigin(ev);
    const control = origin instanceof Element ? origin.closest('button, a[href], [role="button"], [role="link"]') : null;
    const label = control ? controlLabel(control) : null;
    if (!label || !PLAY_CONTROL.test(label) || NOT_PLAY.test(label)) return;
    const info = readPage();
    if (info) last = { info, at: clock.mono() };
  };
  doc.addEventListener('click', onClick, { capture: true, passive: true, signal });
  return {
    recent: () => (last && clock.mono() - last.at <= CLICK_TO_PLAY_MS ? last.info : null),
  };
}
