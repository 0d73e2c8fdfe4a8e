/**
 * The toolbar popup, for the active tab: the site, whether Tasteful records there and why
 * not, buttons to enable/disable the site and pause/resume, a few top picks, and a link to
 * the dashboard.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PickItem } from '../../engine/api';
import { originPatternFor } from '../../background/content-registration';
import { lowOnSpace } from '../../store/space';
import type { TastefulDB } from '../../store/db';
import { diagnose } from '../../store/diagnostics';
import { DEFAULT_SETTINGS, getSettings, updateSettings, type Settings } from '../../store/settings';
import { getPicks } from '../common/messages';
import {
  availableActions,
  describeState,
  permissionCheckOrigin,
  recordingState,
  siteOfUrl,
  STORE_FULL_MESSAGE,
  type PopupRecordingState,
} from './state';

export interface PopupProps {
  /** The store, or null when it could not be opened (the popup still shows the site). */
  readonly db: TastefulDB | null;
  /** How long to wait for picks before showing the empty state. */
  readonly picksTimeoutMs?: number;
}

interface TabInfo {
  readonly url: string | null;
  readonly site: string | null;
  readonly incognito: boolean;
}

type PicksState = { status: 'loading' } | { status: 'ready'; items: PickItem[] } | { status: 'unavailable' };

const PICKS_SHOWN = 5;

async function activeTab(): Promise<TabInfo> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const url = tab?.url ?? null;
  const site = siteOfUrl(url ?? undefined);
  return { url: site ? url : null, site, incognito: tab?.incognito ?? false };
}

async function hasPermission(url: string | null): Promise<boolean> {
  if (!url) return false;
  try {
    return await browser.permissions.contains({ origins: [permissionCheckOrigin(url)] });
  } catch {
    return false; // not a URL the permissions API accepts (chrome://, about:): no permission to show
  }
}

/** Whether the store is too short of space to record: the background's own rule, on the same estimate. */
async function storeLooksFull(): Promise<boolean> {
  try {
    return lowOnSpace(await navigator.storage?.estimate?.());
  } catch {
    return false; // no estimate in this browser: the store-full notice then comes from a failed write instead
  }
}

/** The first few distinct titles across the pick rows, in row order. */
export function topPicks(rows: readonly { items: readonly PickItem[] }[], n = PICKS_SHOWN): PickItem[] {
  const seen = new Set<string>();
  const out: PickItem[] = [];
  for (const row of rows) {
    for (const item of row.items) {
      if (out.length >= n) return out;
      if (seen.has(item.titleKey)) continue;
      seen.add(item.titleKey);
      out.push(item);
    }
  }
  return out;
}

/** The errors the popup shows, as text. */
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** What the popup knows about the active tab and the store, and a way to read it again after a change. */
function usePopupData(db: TastefulDB | null, picksTimeoutMs: number | undefined) {
  const [tab, setTab] = useState<TabInfo | null>(null);
  const [permission, setPermission] = useState(false);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [storeFull, setStoreFull] = useState(false);
  const [picks, setPicks] = useState<PicksState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    // No active tab (a devtools window is focused): the popup shows its no-site state.
    const t = await activeTab().catch((): TabInfo => ({ url: null, site: null, incognito: false }));
    const [perm, s, full] = await Promise.all([
      hasPermission(t.url),
      db
        ? getSettings(db).catch((err: unknown) => {
            diagnose('popup/settings', err); // shown with the defaults rather than not at all
            return DEFAULT_SETTINGS;
          })
        : Promise.resolve(DEFAULT_SETTINGS),
      storeLooksFull(),
    ]);
    setTab(t);
    setPermission(perm);
    setSettings(s);
    setStoreFull(full);
    return t;
  }, [db]);

  useEffect(() => {
    let live = true;
    void refresh().then(async (t) => {
      const reply = await getPicks(t.site, picksTimeoutMs);
      if (!live) return;
      if (reply.ok && reply.value && Array.isArray(reply.value.rows)) setPicks({ status: 'ready', items: topPicks(reply.value.rows) });
      else setPicks({ status: 'unavailable' });
    });
    return () => {
      live = false;
    };
  }, [refresh, picksTimeoutMs]);

  return { tab, permission, settings, setSettings, storeFull, picks, refresh };
}

/** The popup's changes (site permission, pauses), with the busy flag and the message they leave. */
function usePopupCommands(db: TastefulDB | null, tab: TabInfo | null, setSettings: (s: Settings) => void, refresh: () => Promise<TabInfo>) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const enable = () => {
    if (!tab?.url) return;
    setMessage(null);
    // Must run inside the click's user gesture: nothing may be awaited before request().
    const request = browser.permissions.request({ origins: [originPatternFor(new URL(tab.url))] });
    void request.then(
      async (granted) => {
        setMessage(granted ? `Enabled on ${tab.site}. Reload the page if it was already open.` : 'Permission was not granted; nothing changed.');
        await refresh();
      },
      (err: unknown) => setMessage(`Could not enable: ${errorText(err)}`),
    );
  };

  const disable = async () => {
    if (!tab?.url) return;
    setBusy(true);
    try {
      await browser.permissions.remove({ origins: [originPatternFor(new URL(tab.url))] });
      const still = await hasPermission(tab.url);
      setMessage(still ? 'The browser still grants this site; remove it in the browser’s extension settings.' : `Disabled on ${tab.site}.`);
      await refresh();
    } catch (err) {
      diagnose('popup', err); // shown to the user below; noted for a problem report
      setMessage(`Could not disable: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const patch = async (p: Partial<Settings>, done: string) => {
    if (!db) return;
    setBusy(true);
    try {
      const res = await updateSettings(db, p);
      if (res.ok) {
        setSettings(res.settings);
        setMessage(done);
      } else setMessage(res.error);
    } catch (err) {
      diagnose('popup', err); // shown to the user below; noted for a problem report
      setMessage(`Not saved: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return { busy, message, enable, disable, patch };
}

function PopupPicks({ picks }: { picks: PicksState }) {
  return (
    <section aria-labelledby="popup-picks-heading" data-testid="popup-picks" data-state={picks.status}>
      <h2 id="popup-picks-heading">Top picks</h2>
      {picks.status === 'loading' && <p class="muted small">Loading…</p>}
      {picks.status === 'unavailable' && (
        <p class="muted small">Picks are not ready yet. They appear once Tasteful has seen a little of what you watch.</p>
      )}
      {picks.status === 'ready' &&
        (picks.items.length === 0 ? (
          <p class="muted small">No picks yet. Keep browsing as usual.</p>
        ) : (
          <ol class="picks">
            {picks.items.map((p) => (
              <li key={p.titleId} data-testid="popup-pick">
                {p.url ? (
                  <a href={p.url} target="_blank" rel="noreferrer">
                    {p.title}
                  </a>
                ) : (
                  <span>{p.title}</span>
                )}
                {p.match !== null && <span class="muted small">{Math.round(p.match <= 1 ? p.match * 100 : p.match)}% match</span>}
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}

function openDashboard() {
  void browser.runtime.openOptionsPage().then(
    () => window.close(),
    () => undefined,
  );
}

export function Popup({ db, picksTimeoutMs }: PopupProps) {
  const { tab, permission, settings, setSettings, storeFull, picks, refresh } = usePopupData(db, picksTimeoutMs);
  const { busy, message, enable, disable, patch } = usePopupCommands(db, tab, setSettings, refresh);

  if (!tab) {
    return (
      <div class="popup" aria-busy="true">
        <p class="muted" data-testid="popup-state" data-state="loading">
          Loading…
        </p>
      </div>
    );
  }

  const inputs = { site: tab.site, url: tab.url, permission, incognito: tab.incognito, settings, storeFull };
  const state: PopupRecordingState = recordingState(inputs);
  const actions = availableActions(inputs);
  const sitePaused = tab.site !== null && settings.pausedSites.includes(tab.site);

  const toggleSitePause = () => {
    const site = tab.site;
    if (!site) return;
    void patch(
      { pausedSites: sitePaused ? settings.pausedSites.filter((s) => s !== site) : [...settings.pausedSites, site] },
      sitePaused ? `Recording resumed on ${site}.` : `Recording paused on ${site}.`,
    );
  };

  const toggleGlobalPause = () =>
    void patch(
      { recordingPaused: !settings.recordingPaused },
      settings.recordingPaused ? 'Recording resumed everywhere.' : 'Recording paused everywhere.',
    );

  return (
    <div class="popup">
      <header>
        <h1 class="site" data-testid="popup-site">
          {tab.site ?? 'No web page'}
        </h1>
        <span class="muted small">Tasteful</span>
      </header>
      <p class={`state ${state === 'on' ? 'on' : ''}`} data-testid="popup-state" data-state={state} role="status">
        {describeState(state, tab.site)}
      </p>
      {storeFull && state !== 'store-full' && (
        // Recording is paused everywhere, whatever tab the popup was opened on.
        <p class="notice error" data-testid="popup-store-full" role="alert">
          {STORE_FULL_MESSAGE}
        </p>
      )}

      <div class="actions">
        {actions.enable && (
          <button type="button" class="primary" data-testid="popup-enable" onClick={enable}>
            Enable on this site
          </button>
        )}
        {actions.pauseSite && (
          <button type="button" data-testid="popup-pause-site" aria-pressed={sitePaused} disabled={busy || !db} onClick={toggleSitePause}>
            {sitePaused ? 'Resume on this site' : 'Pause on this site'}
          </button>
        )}
        <button
          type="button"
          data-testid="popup-pause-all"
          aria-pressed={settings.recordingPaused}
          disabled={busy || !db}
          onClick={toggleGlobalPause}
        >
          {settings.recordingPaused ? 'Resume everywhere' : 'Pause everywhere'}
        </button>
        {actions.disable && (
          <button type="button" data-testid="popup-disable" disabled={busy} onClick={() => void disable()}>
            Disable on this site
          </button>
        )}
      </div>
      <p class="small muted" aria-live="polite" data-testid="popup-message">
        {message ?? (db ? '' : 'The local store could not be opened.')}
      </p>

      <PopupPicks picks={picks} />

      <footer>
        <button type="button" class="link" data-testid="popup-open-dashboard" onClick={openDashboard}>
          Open dashboard
        </button>
      </footer>
    </div>
  );
}
