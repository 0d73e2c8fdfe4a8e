/**
 * The content script: picks the site adapter, starts the recorder, and draws the badges and
 * the "Picked for you" panel. Registered at runtime by the background (only on sites the user
 * enabled). Everything shares one tile scanner and one IntersectionObserver rather than
 * watching the DOM twice.
 *
 * It runs at document_start to ask early: the badge mode and this page's recent scores travel
 * while the page parses. On a named site (src/sites/<site>/) the scan starts as soon as the
 * head is parsed and reads tiles as the parser inserts them, so the first screen's badges are
 * painted with the frames that first show it (a long page paints its top well before
 * DOMContentLoaded). The generic adapter, the recorder and the panel wait for the DOM
 * (DOMContentLoaded): they judge or read whole pages. From then on the scan does not wait for
 * the answers above (see the badge layer's pending mode) nor for an idle period (see the tile
 * scanner's prompt tiles).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '../../src/messages/send';
import { pickAdapter } from '../../src/sites/registry';
import { startRecorder } from '../../src/record/recorder';
import { createTileScanner, type TileScanner } from '../../src/record/tile-scanner';
import { whenBodyStarts } from '../../src/record/body-start';
import { siteOf } from '../../src/record/context';
import { createViewportObserver, type ViewportObserver } from '../../src/record/viewport-observer';
import type { BadgeMode } from '../../src/messages/replies';
import { genericAdapter } from '../../src/sites/generic';
import type { SiteAdapter } from '../../src/sites/types';
import { BADGE_TIMINGS_ON, createBadgeLayer, getBadgeTimings, recordBadgeTiming, whenSeen } from '../../src/ui/badges';
import { firstBadgeMode, type KnownScores, warmScoresFrom } from '../../src/ui/badges/warm-scores';
import { mountPanel } from '../../src/ui/panel-host';
import { SERVICE_SITE_PATTERNS } from '../../src/platform/site-patterns';

/** Idle time, but not later than `timeout`: a page busy loading must not hold the badges back for long. */
function whenIdle(fn: () => void, timeout = 250): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout });
  else setTimeout(fn, 50);
}

/** After the document is parsed (at once if it already is). */
function whenDomReady(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
  else fn();
}

/** Runs `fn` unless the script was invalidated. */
function guard(signal: AbortSignal, fn: () => void): void {
  if (signal.aborted) return;
  try {
    fn();
  } catch {
    // A malformed page or an adapter bug must never break the page: do nothing here.
  }
}

interface PageScan {
  adapter: SiteAdapter;
  scanner: TileScanner;
  viewport: ViewportObserver;
}

/**
 * The tile scanner, the page's shared viewport observer and the badge layer. The layer
 * subscribes first, so the scan starts now: the tiles are collected while the mode and the
 * warm scores (asked at document start, usually here already) travel; nothing is asked or
 * painted before both are known, since a tile scored before the warm scores came would cost a
 * needless round trip.
 */
function startScan(adapter: SiteAdapter, signal: AbortSignal, mode: Promise<BadgeMode>, warm: Promise<KnownScores>): PageScan {
  const scanner = createTileScanner({ adapter, doc: document, signal, promptInline: true });
  const viewport = createViewportObserver({ win: window });
  signal.addEventListener('abort', () => viewport.disconnect(), { once: true });
  const badges = createBadgeLayer({ send, mode: null, signal, observer: viewport.observer });
  scanner.subscribe(badges.listener, signal);
  // The first slice runs in this task, before the page's next layout and paint.
  scanner.scanNow();
  void Promise.all([mode, warm]).then(([badgeMode, known]) => {
    if (signal.aborted) return;
    badges.setKnown(known);
    badges.setMode(badgeMode);
  });
  return { adapter, scanner, viewport };
}

/**
 * Asked by the benchmark (through the background's tabs.sendMessage): plain numbers only. With
 * `waitTiles` (or `waitBadges`), the answer comes once that many tiles were seen (badges
 * painted), or after `timeoutMs`.
 */
const BADGE_TIMINGS = 'tasteful/badge-timings';
const MAX_WAIT_MS = 120_000;

export default defineContentScript({
  // WXT adds these to host_permissions; the demo site's hosts come only from the manifest of
  // development and test builds (scripts/manifest.ts). The background registers the script.
  matches: [...SERVICE_SITE_PATTERNS],
  registration: 'runtime',
  runAt: 'document_start',
  // WXT's default also announces the script to the page with window.postMessage, naming our
  // extension id: a page could fingerprint the user by it. The custom event alone suffices.
  noScriptStartedPostMessage: true,
  main(ctx) {
    recordBadgeTiming.milestone('scriptStart');
    try {
      // Picks and badges are shown wherever Tasteful runs, even while recording is paused:
      // pausing stops learning, not recommending. The badge mode comes from the settings.
      const state = send({ type: 'state/get' });
      const recent = send({ type: 'rank/recent' });
      const mode = firstBadgeMode([recent, state]);
      const warm = warmScoresFrom(recent, undefined, mode);
      let scan: PageScan | null = null;
      const begin = (adapter: SiteAdapter) => {
        scan ??= startScan(adapter, ctx.signal, mode, warm);
        return scan;
      };
      whenBodyStarts(document, () =>
        guard(ctx.signal, () => {
          // A named site's tiles are read while the page parses, so the badges of the first
          // screen come with the frames that first show it, not after the whole document. The
          // generic adapter judges a card by its peers, which a half-parsed page does not have
          // yet, and a self-hosted app may only be recognised from its body: both wait for the DOM.
          const adapter = pickAdapter(new URL(location.href), document);
          if (adapter !== genericAdapter) begin(adapter);
        }),
      );
      whenDomReady(() =>
        guard(ctx.signal, () => {
          recordBadgeTiming.milestone('domReady');
          const { adapter, scanner, viewport } = begin(pickAdapter(new URL(location.href), document));
          startRecorder({ adapter, scanner, signal: ctx.signal, send, makeObserver: viewport.observer });
          whenIdle(() => {
            if (!ctx.signal.aborted && window.top === window) mountPanel({ site: siteOf(new URL(location.href)), signal: ctx.signal });
          }, 1000);
        }),
      );

      // Bench and test builds only (see src/ui/badges/timings.ts).
      if (BADGE_TIMINGS_ON) {
        browser.runtime.onMessage.addListener((message: unknown, sender) => {
          const m = message as { type?: unknown; waitTiles?: unknown; waitBadges?: unknown; timeoutMs?: unknown } | null;
          if (sender.id !== browser.runtime.id || m?.type !== BADGE_TIMINGS) return undefined;
          const timeout = typeof m.timeoutMs === 'number' ? Math.min(m.timeoutMs, MAX_WAIT_MS) : MAX_WAIT_MS;
          if (typeof m.waitTiles === 'number') return whenSeen('tiles', m.waitTiles, timeout).then(getBadgeTimings);
          if (typeof m.waitBadges === 'number') return whenSeen('badges', m.waitBadges, timeout).then(getBadgeTimings);
          return Promise.resolve(getBadgeTimings());
        });
      }
    } catch {
      // A malformed page or an adapter bug must never break the page: do nothing here.
    }
  },
});
