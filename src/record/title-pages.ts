/**
 * The title shown by a title/detail or watch page (adapter.readPlaying), followed across SPA
 * navigations: tells searches which title was opened.
 *
 * Leaving a title page is never a skip. Opening a detail page is the user reaching for the
 * title, and reading it for a few seconds is interest: it used to be stored as "Skipped —
 * preview left" when left within 10 s, which taught the profile the opposite of the truth.
 * A watch page's player has its own rules (watch-recorder.ts: a muted autoplay left at once
 * is a preview; real play left early is an abandon).
 */
import type { SiteAdapter, TileInfo } from '../sites/types';

export interface TitlePagesDeps {
  adapter: SiteAdapter;
  doc: Document;
  win: Window;
  onTitleShown?: (title: TileInfo) => void;
}

export interface TitlePages {
  urlChanged(): void;
}

export function startTitlePages(deps: TitlePagesDeps): TitlePages {
  const { adapter, doc, win } = deps;
  let current: TileInfo | null = null;

  function read(): TileInfo | null {
    try {
      return adapter.readPlaying(doc, new URL(win.location.href));
    } catch {
      return null; // an adapter failing on odd markup means "no title shown", not a broken recorder
    }
  }

  function urlChanged() {
    const title = read();
    // The same title across URLs (detail → watch) is one visit.
    if (current && title && title.siteItemId === current.siteItemId) return;
    current = title;
    if (title) deps.onTitleShown?.(title);
  }

  urlChanged();
  return { urlChanged };
}
