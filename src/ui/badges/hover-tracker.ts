/**
 * Hover mode: which tile is under the pointer or holds focus (our badge included). Listeners
 * exist only while hover mode is on.
 */
import { eventOrigin } from '../../record/activation';

const HOVER_SETTLE_MS = 300;

export interface HoverTracker {
  hovered(): Element | null;
  focused(): Element | null;
  /** Listen (hover mode) or stop listening and forget. */
  enable(on: boolean): void;
  /** The tile went away. */
  forget(el: Element): void;
  destroy(): void;
}

export function createHoverTracker(opts: {
  doc: Document;
  win: Window;
  tileOf(target: EventTarget | null): Element | null;
  onChange(): void;
}): HoverTracker {
  const { doc, win, tileOf, onChange } = opts;
  let hovered: Element | null = null;
  let focused: Element | null = null;
  let listeners: AbortController | null = null;
  let settleTimer = 0;

  function setHovered(el: Element | null) {
    if (el === hovered) return;
    hovered = el;
    onChange();
    // Sites grow a hovered tile with a transition no observer reports: measure again after it.
    win.clearTimeout(settleTimer);
    settleTimer = win.setTimeout(onChange, HOVER_SETTLE_MS);
  }
  function setFocused(el: Element | null) {
    if (el === focused) return;
    focused = el;
    onChange();
  }

  return {
    hovered: () => hovered,
    focused: () => focused,
    enable(on) {
      if (on && !listeners) {
        listeners = new AbortController();
        const o = { capture: true, passive: true, signal: listeners.signal } as const;
        // The composed path: a tile inside a shadow root is behind its host in e.target.
        doc.addEventListener('pointerover', (e) => setHovered(tileOf(eventOrigin(e))), o);
        doc.addEventListener('mouseout', (e) => (e as MouseEvent).relatedTarget === null && setHovered(null), o);
        doc.addEventListener('focusin', (e) => setFocused(tileOf(eventOrigin(e))), o);
        doc.addEventListener('focusout', (e) => setFocused(tileOf((e as FocusEvent).relatedTarget)), o);
      } else if (!on && listeners) {
        listeners.abort();
        listeners = null;
        hovered = focused = null;
      }
    },
    forget(el) {
      if (hovered === el) hovered = null;
      if (focused === el) focused = null;
    },
    destroy() {
      win.clearTimeout(settleTimer);
      listeners?.abort();
      listeners = null;
    },
  };
}
