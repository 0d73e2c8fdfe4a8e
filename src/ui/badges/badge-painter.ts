/**
 * What a badge says and what the user's ratings on this page do to it: renders the badge for
 * a tile from its score, saves ratings, and hides a badge rated down / not interested (after
 * its status line was announced). Ratings are kept by siteItemId, so a recycled tile showing
 * the title again keeps it.
 */
import type { TitleInput } from '../../messages/protocol';
import type { PageScore } from '../../messages/replies';
import type { Send } from '../../record/types';
import type { HostSet } from './badge-hosts';
import type { Rating } from './badge-view';
import type { Entry } from './entry';
import { detectTheme, onColorSchemeChange, type Theme } from './theme';

/** How long a badge hidden by a rating keeps its (invisible) status line for screen readers. */
const STATUS_LINGER_MS = 5_000;
const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface BadgePainter {
  paint(e: Entry): void;
  hiddenByRating(e: Entry): boolean;
}

export interface PainterOptions {
  doc: Document;
  win: Window;
  send: Send;
  signal: AbortSignal;
  hosts: HostSet;
  scoreOf(siteItemId: string): PageScore | undefined;
  /** Every tile showing `siteItemId` must be rendered again (a rating changed it). */
  rerender(siteItemId: string): void;
  /** The tile's badge goes for good (hidden by a rating, status announced). */
  drop(e: Entry): void;
  /** Layout changed (a menu opened or closed). */
  schedule(): void;
  /** Every badge must be repainted (the page's colour scheme changed). */
  repaintAll(): void;
  destroyed(): boolean;
}

export function createBadgePainter(o: PainterOptions): BadgePainter {
  const ratings = new Map<string, Rating | null>();
  let theme: Theme | null = null;
  onColorSchemeChange(
    o.win,
    () => {
      theme = null;
      o.repaintAll();
    },
    o.signal,
  );

  function hiddenByRating(e: Entry): boolean {
    const r = e.input ? ratings.get(e.input.siteItemId) : undefined;
    return r === 'down' || r === 'not-interested';
  }

  async function rate(e: Entry, input: TitleInput, value: Rating | null): Promise<boolean> {
    const reply = await o.send({ type: 'rating/set', title: input, value });
    if (!reply.ok || o.destroyed()) return false;
    ratings.set(input.siteItemId, value);
    o.rerender(input.siteItemId);
    if (value === 'down' || value === 'not-interested') {
      // Keep the host a few seconds so the polite status is announced, then leave no trace.
      o.win.setTimeout(() => {
        if (!o.destroyed() && hiddenByRating(e)) o.drop(e);
      }, STATUS_LINGER_MS);
    }
    return true;
  }

  function focusTile(el: Element) {
    const target = el.matches(FOCUSABLE) ? el : el.querySelector(FOCUSABLE);
    (target as HTMLElement | null)?.focus?.({ preventScroll: true });
  }

  return {
    hiddenByRating,
    paint(e) {
      const input = e.input;
      const score = input ? o.scoreOf(input.siteItemId) : undefined;
      if (!e.host || !input || !score || score.match === null) return;
      theme ??= detectTheme(o.doc, e.el);
      o.hosts.paint(e, {
        theme,
        match: score.match,
        why: score.why,
        title: input.title,
        rating: ratings.get(input.siteItemId) ?? null,
        hidden: hiddenByRating(e),
        onRate: (value) => rate(e, input, value),
        onOpenChange: (open) => {
          e.open = open;
          if (open) o.hosts.raise(e);
          o.schedule();
        },
        onFocusAway: () => focusTile(e.el),
      });
    },
  };
}
