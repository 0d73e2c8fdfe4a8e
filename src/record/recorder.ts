/**
 * The recorder for one page: asks the background whether recording is on for this tab, and
 * only then wires the parts (catalog, impressions, watch sessions, skips, searches). It asks
 * again when the tab becomes visible and every RECHECK_MS, and tears everything down the
 * moment the answer is anything but 'on' (paused, site paused, private window, not enabled,
 * store full): nothing is recorded and nothing more is sent.
 */
import type { PageState } from '../messages/replies';
import type { SiteAdapter } from '../sites/types';
import { isSite } from '../store/limits';
import { contextFactory, deviceClass, readDeviceEnv, siteOf } from './context';
import { startImpressions, type ObserverFactory } from './impressions';
import { startSearches } from './searches';
import { skipSender } from './skips';
import { createTileScanner, type TileScanner } from './tile-scanner';
import { startTitlePages } from './title-pages';
import { startTitlesSeen } from './titles-seen';
import { systemClock, type Clock, type IdleScheduler, type Send } from './types';
import { watchUrl } from './url-watcher';
import { startWatchRecorder } from './watch-recorder';

/** How often the recording state is asked again (the user may pause from the popup). */
export const RECHECK_MS = 30_000;

export interface RecorderOptions {
  adapter: SiteAdapter;
  /** Aborts on content-script invalidation: everything stops. */
  signal: AbortSignal;
  send: Send;
  /** Shared with the badges; created here when not given. */
  scanner?: TileScanner;
  clock?: Clock;
  doc?: Document;
  win?: Window;
  idle?: IdleScheduler;
  makeObserver?: ObserverFactory;
  newId?: () => string;
}

export interface Recorder {
  readonly scanner: TileScanner;
  /** The last state the background gave (null before the first answer). */
  state(): PageState | null;
  isRecording(): boolean;
  /** Ask the background again now (also done on visibility and every RECHECK_MS). */
  recheck(): Promise<void>;
}

export function startRecorder(opts: RecorderOptions): Recorder {
  const { adapter, signal, send } = opts;
  const doc = opts.doc ?? document;
  const win = opts.win ?? window;
  const clock = opts.clock ?? systemClock;
  const scanner = opts.scanner ?? createTileScanner({ adapter, doc, signal, idle: opts.idle, clock });
  let state: PageState | null = null;
  let session: AbortController | null = null;
  let asked = 0;

  function startSession(site: string) {
    const life = new AbortController();
    signal.addEventListener('abort', () => life.abort(), { once: true, signal: life.signal });
    // Anything still in flight after recording turned off is dropped here.
    const gated: Send = (message) => (life.signal.aborted ? Promise.resolve({ ok: false, error: 'recording is off' }) : send(message));
    const base = { doc, win, signal: life.signal, send: gated, clock };
    const context = contextFactory({ now: clock.now, device: deviceClass(readDeviceEnv(win)), site });
    const skip = skipSender({ send: gated, context, enabled: () => !life.signal.aborted });

    startTitlesSeen({ scanner, win, signal: life.signal, send: gated });
    startImpressions({ ...base, scanner, context, makeObserver: opts.makeObserver });
    const searches = startSearches({ ...base, adapter, scanner, context, newId: opts.newId });
    const pages = startTitlePages({ ...base, adapter, onTitleShown: (t) => searches.titleOpened(t) });
    const watch = startWatchRecorder({
      ...base,
      adapter,
      context,
      skip,
      scanner,
      newId: opts.newId,
      onRealPlay: (t) => searches.titleOpened(t),
    });
    watchUrl(win, life.signal, () => {
      watch.urlChanged();
      searches.urlChanged();
      pages.urlChanged();
    });
    return life;
  }

  async function recheck(): Promise<void> {
    if (signal.aborted) return;
    const mine = ++asked;
    const reply = await send({ type: 'state/get' });
    if (signal.aborted || mine !== asked) return; // a newer answer wins
    state = reply.ok ? reply.value : null;
    const on = state?.recording === 'on';
    if (on && !session) {
      let site = state?.site ?? '';
      if (!isSite(site)) site = siteOf(new URL(win.location.href));
      session = startSession(site);
    } else if (!on && session) {
      session.abort();
      session = null;
    }
  }

  doc.addEventListener(
    'visibilitychange',
    () => {
      if (doc.visibilityState === 'visible') void recheck();
    },
    { signal },
  );
  const timer = win.setInterval(() => void recheck(), RECHECK_MS);
  signal.addEventListener(
    'abort',
    () => {
      win.clearInterval(timer);
      session?.abort();
      session = null;
    },
    { once: true },
  );
  void recheck();

  return {
    scanner,
    state: () => state,
    isRecording: () => session !== null,
    recheck,
  };
}
