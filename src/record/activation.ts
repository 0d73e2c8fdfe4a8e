/**
 * "The user opened this tile": a click (any button: a middle click opens it in a new tab) or
 * Enter/Space on the tile or anything inside it. Used to cancel impressions (an opened tile
 * was not passed over) and to attribute searches (the result that was opened).
 */
import type { ScannedTile, TileScanner } from './tile-scanner';

export function onTileActivated(doc: Document, scanner: TileScanner, signal: AbortSignal, cb: (tile: ScannedTile) => void): void {
  // Capture phase: the page's own handlers may stop propagation or navigate away.
  const opts = { capture: true, passive: true, signal } as AddEventListenerOptions;
  const handle = (ev: Event) => {
    const target = eventOrigin(ev);
    const tile = scanner.tileFor(target instanceof Node ? target : null);
    if (tile) cb(tile);
  };
  doc.addEventListener('click', handle, opts);
  doc.addEventListener('auxclick', handle, opts);
  doc.addEventListener(
    'keydown',
    (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') handle(ev);
    },
    opts,
  );
}

/**
 * Where an event really happened. Seen from the document, an event inside a shadow root is
 * retargeted to the host; the composed path still starts at the element inside (open roots only).
 */
export function eventOrigin(ev: Event): EventTarget | null {
  return ev.composedPath()[0] ?? ev.target;
}
