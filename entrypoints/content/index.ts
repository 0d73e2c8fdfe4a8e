/**
 * The content script: picks the site adapter and starts the recorder. Registered at runtime
 * by the background (only on sites the user enabled). Badges subscribe to the same tile scanner
 * (`scanner.subscribe({ onTile, onTileChanged, onTileCleared }, signal)`) rather than watching
 * the DOM again.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '../../src/messages/send';
import { pickAdapter } from '../../src/sites/registry';
import { startRecorder } from '../../src/record/recorder';
import { createTileScanner } from '../../src/record/tile-scanner';

export default defineContentScript({
  matches: ['http://localhost/*', 'http://127.0.0.1/*', '*://*.youtube.com/*', '*://*.netflix.com/*'],
  registration: 'runtime',
  runAt: 'document_idle',
  // WXT's default also announces the script to the page with window.postMessage, naming our
  // extension id: a page could fingerprint the user by it. The custom event alone suffices.
  noScriptStartedPostMessage: true,
  main(ctx) {
    try {
      const adapter = pickAdapter(new URL(location.href), document);
      // One scanner per page, shared by everything that needs tiles (recorder now, badges later).
      const scanner = createTileScanner({ adapter, doc: document, signal: ctx.signal });
      startRecorder({ adapter, scanner, signal: ctx.signal, send });
    } catch {
      // A malformed page or an adapter bug must never break the page: record nothing here.
    }
  },
});
