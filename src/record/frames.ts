/**
 * Same-origin frames, for the watch recorder. Some apps play their titles in a player page of
 * their own, framed into the page that shows the title (`<iframe src="/embed/123">`). Media
 * events do not cross a frame's document, and the page's `findPlayer` does not look into it;
 * the content script runs in the top document only (the title, the tiles and the click that
 * chose them are there). So each frame whose document this page may read is handed to
 * `onDocument` — now, and again whenever the frame loads another document (a `load` event,
 * which does not bubble but reaches a capturing listener on the document).
 *
 * A cross-origin frame's document cannot be read (`contentDocument` is null, or throws): its
 * playback is not recorded.
 */

export interface SameOriginFrames {
  /** The frame element that holds `d`, while it is one of ours (null for the top document). */
  frameOf(d: Document): HTMLIFrameElement | null;
}

function readable(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null; // cross-origin: nothing of it can be read, by design of the web
  }
}

const isFrame = (t: EventTarget | null): t is HTMLIFrameElement => (t as Element | null)?.localName === 'iframe';

export function watchSameOriginFrames(doc: Document, signal: AbortSignal, onDocument: (d: Document) => void): SameOriginFrames {
  const frames = new WeakMap<Document, HTMLIFrameElement>();
  const take = (frame: HTMLIFrameElement) => {
    const d = readable(frame);
    if (!d || frames.get(d) === frame) return;
    frames.set(d, frame);
    onDocument(d);
  };
  for (const frame of Array.from(doc.querySelectorAll('iframe'))) take(frame);
  doc.addEventListener(
    'load',
    (ev) => {
      if (isFrame(ev.target)) take(ev.target);
    },
    { capture: true, passive: true, signal },
  );
  return { frameOf: (d) => frames.get(d) ?? null };
}
