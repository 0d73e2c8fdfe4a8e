/**
 * The content script: picks the site adapter, starts the recorder, and draws the badges and
 * the "Picked for you" panel. Registered at runtime by the background (only on sites the user
 * enabled). Everything shares one tile scanner and one IntersectionObserver rather than
 * watching the DOM twice.
 *
 * It runs at document_start only to ask early: the badge mode and this page's recent scores
 * travel while the page parses. Everything that reads the page waits for the DOM
 * (DOMContentLoaded), so the adapter's page checks see a parsed document and nothing slows
 * the parse; from then on the scan does not wait for those answers (see the badge layer's
 * pending mode) nor for an idle period (see the tile scanner's prompt tiles).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '../../src/messages/send';
import { pickAdapter } from '../../src/sites/registry';
import { startRecorder } from '../../src/record/recorder';
import { createTileScanner } from '../../src/record/tile-scanner';
import { siteOf } from '../../src/record/context';
import { createViewportObserver } from '../../src/record/viewport-observer';
import { BADGE_TIMINGS_ON, createBadgeLayer, fetchWarmScores, getBadgeTimings, recordBadgeTiming } from '../../src/ui/badges';
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

/** Asked by the benchmark (through the background's tabs.sendMessage): plain numbers only. */
const BADGE_TIMINGS = 'tasteful/badge-timings';

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
      const warm = fetchWarmScores(send);
      whenDomReady(() => {
        if (ctx.signal.aborted) return;
        try {
          start();
        } catch {
          // A malformed page or an adapter bug must never break the page: do nothing here.
        }
      });
      function start() {
        recordBadgeTiming.milestone('domReady');
        const adapter = pickAdapter(new URL(location.href), document);
        const scanner = createTileScanner({ adapter, doc: document, signal: ctx.signal });
        const viewport = createViewportObserver({ win: window });
        ctx.signal.addEventListener('abort', () => viewport.disconnect(), { once: true });
        // The badge layer subscribes first, so the scan starts now: the tiles are collected
        // while the mode and the warm scores (asked at document start, usually here already)
        // travel; nothing is asked or painted before both are known, since a tile scored
        // before the warm scores came would cost a needless round trip.
        const badges = createBadgeLayer({ send, mode: null, signal: ctx.signal, observer: viewport.observer });
        scanner.subscribe(badges.listener, ctx.signal);
        // The first slice runs in this task, before the page's first layout and paint.
        scanner.scanNow();
        startRecorder({ adapter, scanner, signal: ctx.signal, send, makeObserver: viewport.observer });
        // No answer about the mode (the background is restarting): badges on, the default.
        const mode = state.then(
          (r) => (r.ok ? r.value.badgeMode : 'on'),
          () => 'on' as const,
        );
        void Promise.all([mode, warm]).then(([badgeMode, known]) => {
          if (ctx.signal.aborted) return;
          badges.setKnown(known);
          badges.setMode(badgeMode);
        });
        whenIdle(() => {
          if (!ctx.signal.aborted && window.top === window) mountPanel({ site: siteOf(new URL(location.href)), signal: ctx.signal });
        }, 1000);
      }

      // Bench and test builds only (see src/ui/badges/timings.ts).
      if (BADGE_TIMINGS_ON) {
        browser.runtime.onMessage.addListener((message: unknown, sender) => {
          if (sender.id !== browser.runtime.id || (message as { type?: unknown } | null)?.type !== BADGE_TIMINGS) return undefined;
          return Promise.resolve(getBadgeTimings());
        });
      }
    } catch {
      // A malformed page or an adapter bug must never break the page: do nothing here.
    }
  },
});
