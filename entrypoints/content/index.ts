/**
 * The content script: picks the site adapter, starts the recorder, and draws the badges and
 * the "Picked for you" panel. Registered at runtime by the background (only on sites the user
 * enabled). Everything shares one tile scanner rather than watching the DOM twice.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '../../src/messages/send';
import { pickAdapter } from '../../src/sites/registry';
import { startRecorder } from '../../src/record/recorder';
import { createTileScanner } from '../../src/record/tile-scanner';
import { siteOf } from '../../src/record/context';
import { BADGE_TIMINGS_ON, createBadgeLayer, getBadgeTimings, recordBadgeTiming } from '../../src/ui/badges';
import { mountPanel } from '../../src/ui/panel-host';
import { SERVICE_SITE_PATTERNS } from '../../src/platform/site-patterns';

/** Idle time, but not later than `timeout`: a page busy loading must not hold the badges back for long. */
function whenIdle(fn: () => void, timeout = 250): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout });
  else setTimeout(fn, 50);
}

/** Asked by the benchmark (through the background's tabs.sendMessage): plain numbers only. */
const BADGE_TIMINGS = 'tasteful/badge-timings';

export default defineContentScript({
  // WXT adds these to host_permissions; the demo site's hosts come only from the manifest of
  // development and test builds (scripts/manifest.ts). The background registers the script.
  matches: [...SERVICE_SITE_PATTERNS],
  registration: 'runtime',
  runAt: 'document_idle',
  // WXT's default also announces the script to the page with window.postMessage, naming our
  // extension id: a page could fingerprint the user by it. The custom event alone suffices.
  noScriptStartedPostMessage: true,
  main(ctx) {
    recordBadgeTiming.milestone('scriptStart');
    try {
      const adapter = pickAdapter(new URL(location.href), document);
      const scanner = createTileScanner({ adapter, doc: document, signal: ctx.signal });
      startRecorder({ adapter, scanner, signal: ctx.signal, send });

      // Picks and badges are shown wherever Tasteful runs, even while recording is paused:
      // pausing stops learning, not recommending. The badge mode comes from the settings.
      // Both start in idle time so the script's first task stays short on the page; the mode
      // is asked for at once so it is known by then.
      const state = send({ type: 'state/get' });
      whenIdle(() => {
        if (ctx.signal.aborted) return;
        const badges = createBadgeLayer({ send, mode: 'off', signal: ctx.signal });
        scanner.subscribe(badges.listener, ctx.signal);
        void state.then((r) => badges.setMode(r.ok ? r.value.badgeMode : 'on'));
        whenIdle(() => {
          if (!ctx.signal.aborted && window.top === window) mountPanel({ site: siteOf(new URL(location.href)), signal: ctx.signal });
        }, 1000);
      });

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
