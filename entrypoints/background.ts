/**
 * The background: receives what content scripts record, writes it to the store, keeps the
 * registered content scripts in line with the granted host permissions, prunes old data on
 * a schedule, and hosts the engine worker (through the platform's engine host).
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { route } from '../src/background/router';
import { injectIntoOpenTabs, reconcileContentScripts } from '../src/background/content-registration';
import { scheduleRetention, runRetention, RETENTION_ALARM } from '../src/background/retention-alarm';
import { useEngineHost } from '../src/background/engine-client';
import { handleExtensionPageMessage, isExtensionPageMessage } from '../src/background/page-messages';
import { openStore } from '../src/store/db';
import { diagnose, useDiagnosticStore } from '../src/store/diagnostics';
import { closeStaleSessions } from '../src/store/events';
import { chromeEngineHost } from '../src/platform/engine-host-chrome';
import { firefoxEngineHost } from '../src/platform/engine-host-firefox';

/** A session with no progress for this long was cut off (crash, kill): close it as it stands. */
const STALE_SESSION_MS = 2 * 60 * 1000;

/**
 * Session storage is emptied when the browser stops (or is killed), so a missing marker means
 * this is the first time the background runs since the browser started. More dependable
 * than runtime.onStartup, which does not fire for every kind of start.
 */
async function isFirstRunThisBrowserSession(): Promise<boolean> {
  const session = (browser.storage as unknown as { session?: typeof browser.storage.local }).session;
  if (!session) return false;
  const { booted } = await session.get('booted');
  if (booted) return false;
  await session.set({ booted: true });
  return true;
}

export default defineBackground({
  type: 'module',
  main() {
    // Listeners must be registered synchronously; the store opens in the meantime.
    const dbReady = openStore();
    // A store that cannot open cannot hold notes either: diagnose() then writes to the console.
    useDiagnosticStore(() => dbReady.catch(() => null));
    useEngineHost(import.meta.env.FIREFOX ? firefoxEngineHost : chromeEngineHost);

    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      // Engine calls are answered by the offscreen document, not here.
      if ((message as { target?: string } | null)?.target === 'tasteful-engine') return undefined;
      // Our own pages (popup, dashboard, the panel iframe inside a tab) have our origin as URL.
      const fromExtensionPage = sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
      if (fromExtensionPage && isExtensionPageMessage(message)) return dbReady.then((db) => handleExtensionPageMessage(db, message));
      return dbReady.then((db) => route(db, message, sender, browser.runtime.id));
    });

    const startUp = async (staleAfterMs: number) => {
      const db = await dbReady;
      await reconcileContentScripts();
      // Sessions a crash or kill left open are closed as they stand (the last progress
      // message is at most a few seconds old, so that is all that is lost).
      await closeStaleSessions(db, Date.now(), staleAfterMs);
      await scheduleRetention();
    };
    // A browser start means no tab is playing yet: every open session is a leftover. The
    // service worker also wakes up mid-session; then only long-silent sessions are stale.
    void isFirstRunThisBrowserSession()
      .then((fresh) => startUp(fresh ? 0 : STALE_SESSION_MS))
      .catch((err: unknown) => diagnose('background/start-up', err));

    browser.permissions.onAdded.addListener(async (p) => {
      await reconcileContentScripts();
      await injectIntoOpenTabs(p.origins ?? []);
    });
    browser.permissions.onRemoved.addListener(
      () => void reconcileContentScripts().catch((err: unknown) => diagnose('background/content-scripts', err)),
    );

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === RETENTION_ALARM) void dbReady.then((db) => runRetention(db)).catch((err: unknown) => diagnose('background/retention', err));
    });
  },
});
