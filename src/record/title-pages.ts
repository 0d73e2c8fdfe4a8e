/**
 * The title shown by a title/detail or watch page (adapter.readPlaying), followed across SPA
 * navigations: tells searches which title was opened, and applies the "preview left at once"
 * rule to title pages left within seconds without pressing play.
 */
import type { SiteAdapter, TileInfo } from '../sites/types';
import { isPreviewLeft } from './skips';
import type { Clock } from './types';

/**
 * Leaving a detail page is often how play is pressed (Netflix: /title/… → /watch/<episode>,
 * another id). A real play starting this soon after leaving means "pressed play", not a skip.
 */
export const PLAY_GRACE_MS = 5_000;
/** On pagehide we cannot wait for the next page; a click just before it may have been play. */
export const CLICK_BEFORE_LEAVE_MS = 2_000;

interface Presence {
  title: TileInfo;
  acc: number; // visible ms so far
  since: number | null; // null while hidden
  pressedPlay: boolean;
}

export interface TitlePagesDeps {
  adapter: SiteAdapter;
  doc: Document;
  win: Window;
  signal: AbortSignal;
  clock: Clock;
  skip: (title: TileInfo, reason: 'preview', secondsWatched: null) => void;
  onTitleShown?: (title: TileInfo) => void;
}

export interface TitlePages {
  urlChanged(): void;
  /** The user really started playing `title` (from the watch recorder). */
  realPlay(title: TileInfo): void;
}

export function startTitlePages(deps: TitlePagesDeps): TitlePages {
  const { adapter, doc, win, signal, clock } = deps;
  let current: Presence | null = null;
  let awaiting: { p: Presence; timer: number } | null = null;
  let lastClickAt = -Infinity;

  const shownMs = (p: Presence) => p.acc + (p.since === null ? 0 : clock.mono() - p.since);
  const visible = () => doc.visibilityState !== 'hidden';

  const verdict = (p: Presence, shown: number) => {
    if (!signal.aborted && isPreviewLeft({ shownMs: shown, pressedPlay: p.pressedPlay })) deps.skip(p.title, 'preview', null);
  };

  function leave(atPagehide: boolean) {
    const p = current;
    current = null;
    if (!p) return;
    const shown = shownMs(p);
    if (atPagehide) {
      if (clock.mono() - lastClickAt > CLICK_BEFORE_LEAVE_MS) verdict(p, shown);
      return;
    }
    settleAwaiting();
    awaiting = { p, timer: win.setTimeout(() => settleAwaiting(), PLAY_GRACE_MS) };
    awaiting.p.acc = shown;
    awaiting.p.since = null;
  }

  function settleAwaiting() {
    if (!awaiting) return;
    const { p, timer } = awaiting;
    awaiting = null;
    win.clearTimeout(timer);
    verdict(p, p.acc);
  }

  function read(): TileInfo | null {
    try {
      return adapter.readPlaying(doc, new URL(win.location.href));
    } catch {
      return null; // an adapter that breaks on this page sees no title, never breaks the page
    }
  }

  function urlChanged() {
    const title = read();
    if (current && title && title.siteItemId === current.title.siteItemId) {
      current.title = title;
      return;
    }
    leave(false);
    if (!title) return;
    current = { title, acc: 0, since: visible() ? clock.mono() : null, pressedPlay: false };
    deps.onTitleShown?.(title);
  }

  doc.addEventListener(
    'visibilitychange',
    () => {
      const p = current;
      if (!p) return;
      if (!visible() && p.since !== null) {
        p.acc += clock.mono() - p.since;
        p.since = null;
      } else if (visible() && p.since === null) p.since = clock.mono();
    },
    { signal },
  );
  win.addEventListener(
    'click',
    (ev) => {
      if (ev.isTrusted) lastClickAt = clock.mono();
    },
    { capture: true, passive: true, signal },
  );
  win.addEventListener(
    'pagehide',
    () => {
      leave(true);
      settleAwaiting();
    },
    { signal },
  );
  signal.addEventListener('abort', () => awaiting && win.clearTimeout(awaiting.timer), { once: true });

  urlChanged();
  return {
    urlChanged,
    realPlay(title) {
      if (current && current.title.siteItemId === title.siteItemId) current.pressedPlay = true;
      if (awaiting) {
        // Play began right after leaving the page: that is how play was pressed.
        win.clearTimeout(awaiting.timer);
        awaiting = null;
      }
    },
  };
}
