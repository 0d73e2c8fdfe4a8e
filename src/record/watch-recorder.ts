import type { TitleInput, WatchProgress } from '../messages/protocol';
import { isAdPlaying } from '../sites/shared/ads';
import { findMainMedia } from '../sites/shared/media';
import type { SiteAdapter, TileInfo } from '../sites/types';
import type { EventContext } from '../store/records';
import { pickPlayingTitle, trackClickedTile } from './click-to-play';
import { watchSameOriginFrames } from './frames';
import { readMediaSession, titleOfSession, trackTileNames } from './media-session';
import { isAbandoned, isPreviewLeft, MISCLICK_SECONDS } from './skips';
import type { TileScanner } from './tile-scanner';
import { toTitleInput } from './title-input';
import { newId, type PageEnv } from './types';
import { WatchSession, type MediaEventType, type MediaSample, type SessionInput, type SessionStats } from './watch-session';

/** Progress cadence: the most a killed browser can lose. */
export const PROGRESS_INTERVAL_MS = 5_000;
/** A play or unmute this soon after a click or key press was the user's doing. */
export const GESTURE_WINDOW_MS = 1_000;
/** How often we check that the player is still in the page (removal fires no event we can hear). */
const PLAYER_CHECK_MS = 1_000;

export const MEDIA_EVENTS: readonly MediaEventType[] = [
  'play',
  'playing',
  'pause',
  'seeking',
  'seeked',
  'timeupdate',
  'ended',
  'ratechange',
  'volumechange',
  'emptied',
  'loadstart',
];

export interface WatchRecorderDeps extends PageEnv {
  adapter: SiteAdapter;
  skip: (title: TileInfo, reason: 'abandoned' | 'preview', secondsWatched: number | null) => void;
  /** Used to name a preview playing inside a tile when the page has no "playing" title. */
  scanner?: TileScanner;
  /** The user really started watching `title` (cancels preview skips, attributes searches). */
  onRealPlay?: (title: TileInfo) => void;
  newId?: () => string;
}

export interface WatchRecorder {
  /** Call on SPA URL changes: closes a session whose player was left paused or removed. */
  urlChanged(): void;
}

interface Current {
  id: string;
  el: HTMLMediaElement;
  session: WatchSession;
  title: TileInfo | null;
  lastSentWatched: number;
  lastSentAt: number;
  announced: boolean;
}

const isMedia = (t: EventTarget | null): t is HTMLMediaElement => {
  const name = (t as Element | null)?.localName;
  return name === 'video' || name === 'audio';
};

function sample(el: HTMLMediaElement): MediaSample {
  return {
    currentTime: el.currentTime || 0,
    duration: el.duration,
    paused: el.paused,
    ended: el.ended,
    seeking: el.seeking,
    muted: el.muted,
    volume: el.volume,
    playbackRate: el.playbackRate,
  };
}

type Input = (type: SessionInput['type'], el: HTMLMediaElement) => SessionInput;

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback; // an adapter that breaks on this page records nothing, never breaks the page
  }
}

const isVisible = (doc: Document) => doc.visibilityState !== 'hidden';

/**
 * Names what a player plays: the tile it plays in, the page's media session, the page's
 * "playing" title, or the card clicked last.
 */
function createTitleReader(deps: WatchRecorderDeps) {
  const { adapter, doc, win, signal, clock } = deps;
  // A named adapter reads its own page; only one that guesses from page metadata asks the media session.
  const session = () => (adapter.guessesPlaying ? readMediaSession(win) : null);
  // Link-less cards open their player in place: the card clicked last names what plays.
  const clicked = deps.scanner ? trackClickedTile(doc, deps.scanner, signal, clock, () => session()?.title ?? null) : null;
  const names = adapter.guessesPlaying && deps.scanner ? trackTileNames(deps.scanner, signal) : null;
  const pagePlaying = () => {
    const url = safe(() => new URL(win.location.href), null);
    return url ? safe(() => adapter.readPlaying(doc, url), null) : null;
  };

  // What the media session said when the last title was bound, and the media it was bound for.
  let bound: { session: string | null; src: string } | null = null;
  const srcOf = (el: HTMLMediaElement) => el.currentSrc || el.getAttribute('src') || '';

  function readTitle(el: HTMLMediaElement): TileInfo | null {
    const playing = pagePlaying();
    const inTile = deps.scanner?.tileFor(el)?.info ?? null;
    if (inTile) return pickPlayingTitle(adapter, playing, inTile);
    const click = clicked?.recent() ?? null;
    const s = session();
    // The app names what plays for the system's media controls: surer than stale page metadata
    // and than a click (a "Next" button or autoplay has none). Not a name unchanged since the
    // click, nor one the previous media was bound under while other media plays now: that is the
    // title before's, left behind by an app that did not update it.
    const before = click ? click.sessionAtClick : bound && bound.src !== srcOf(el) ? bound.session : undefined;
    const named =
      s && s.title !== before
        ? titleOfSession(
            s,
            [playing, click?.info ?? null],
            names,
            safe(() => win.location.href, null),
          )
        : null;
    return named ?? pickPlayingTitle(adapter, playing, click?.info ?? null);
  }

  return {
    /**
     * The player of the title this page is about (a watch or title page), not a preview in a
     * tile of a browse row: muted playback here that the user lets run is watching
     * (watch-session.ts, LET_RUN_SECONDS).
     */
    ownTitlePlayer(el: HTMLMediaElement): boolean {
      if (deps.scanner?.tileFor(el)) return false;
      return pagePlaying() !== null;
    },
    /** Binds the title on first need; later reads only refresh its text (ids may lag the URL). */
    ensureTitle(c: Current) {
      const fresh = readTitle(c.el);
      if (!c.title) {
        c.title = fresh;
        if (fresh) bound = { session: session()?.title ?? null, src: srcOf(c.el) };
      } else if (fresh && fresh.siteItemId === c.title.siteItemId) c.title = fresh;
    },
  };
}

/** The report of what `c` has sent last (`lastSentWatched`), as the background stores it. */
function progressReport(c: Current, s: SessionStats, startedAt: number, title: TitleInput, final: boolean, ctx: EventContext): WatchProgress {
  const position = s.duration !== null && s.completion !== null ? s.completion * s.duration : s.furthest;
  return {
    sessionId: c.id,
    title,
    startedAt: Math.round(startedAt),
    secondsWatched: c.lastSentWatched,
    duration: s.duration,
    position: Math.round(position * 10) / 10,
    pauses: s.pauses,
    seeks: s.seeks,
    final,
    ctx,
  };
}

/** A session closed early is an abandoned title; a preview left soon is one the user passed over. */
function reportSkip(deps: WatchRecorderDeps, title: TileInfo, s: SessionStats) {
  if (isAbandoned(s)) deps.skip(title, 'abandoned', Math.round(s.secondsWatched));
  else if (s.mode === 'preview' && s.firstPlayAt !== null && isPreviewLeft({ shownMs: deps.clock.mono() - s.firstPlayAt, pressedPlay: false })) {
    deps.skip(title, 'preview', null);
  }
}

/** The one session of the current player: opened, fed, reported while watched, and closed into skips. */
function createSessions(deps: WatchRecorderDeps, input: Input) {
  const { clock } = deps;
  const makeId = deps.newId ?? newId;
  const titles = createTitleReader(deps);
  let current: Current | null = null;

  function sendProgress(c: Current, final: boolean) {
    const s = c.session.stats();
    if (s.mode !== 'watching' || s.startedAt === null || s.secondsWatched < MISCLICK_SECONDS) return;
    titles.ensureTitle(c);
    const title = c.title ? toTitleInput(c.title) : null;
    if (!title) return;
    const watched = Math.round(s.secondsWatched * 10) / 10;
    if (!final && watched === c.lastSentWatched) return;
    c.lastSentWatched = watched;
    c.lastSentAt = clock.mono();
    void deps.send({ type: 'watch/progress', progress: progressReport(c, s, s.startedAt, title, final, deps.context()) });
  }

  function close() {
    const c = current;
    if (!c) return;
    current = null;
    const s = c.session.close(input('tick', c.el));
    titles.ensureTitle(c);
    sendProgress(c, true);
    if (c.title) reportSkip(deps, c.title, s);
  }

  function open(el: HTMLMediaElement, freshSource = false): Current {
    const c: Current = {
      id: makeId(),
      el,
      session: new WatchSession({ visible: isVisible(deps.doc), letRun: titles.ownTitlePlayer(el) }),
      title: null,
      lastSentWatched: -1,
      lastSentAt: clock.mono(),
      announced: false,
    };
    current = c;
    // Already playing when we arrived (content scripts start at document_idle): count from now.
    // Not after a source change: the new media has not started, whatever `paused` says yet.
    if (!freshSource && !el.paused && !el.ended) c.session.feed(input('playing', el));
    return c;
  }

  function afterFeed(c: Current, type: SessionInput['type']) {
    const s = c.session.stats();
    if (s.mode === 'watching' && !c.announced) {
      titles.ensureTitle(c);
      if (c.title) {
        c.announced = true;
        deps.onRealPlay?.(c.title);
      }
    }
    if (type === 'ended') close();
  }

  return { current: () => current, open, close, sendProgress, afterFeed };
}

export function startWatchRecorder(deps: WatchRecorderDeps): WatchRecorder {
  const { adapter, doc, win, signal, clock } = deps;
  const on = { capture: true, passive: true, signal } as AddEventListenerOptions;
  let player: HTMLMediaElement | null = null;
  let lastGestureAt = -Infinity;

  const findPlayer = () => safe(() => adapter.findPlayer(doc), null);
  const visible = () => isVisible(doc);
  const input: Input = (type, el) => ({
    type,
    media: sample(el),
    at: clock.mono(),
    wall: clock.now(),
    gesture: clock.mono() - lastGestureAt <= GESTURE_WINDOW_MS,
    ad: isAdPlaying(el),
  });
  const sessions = createSessions(deps, input);
  const { close, sendProgress } = sessions;

  /**
   * A player inside a shadow root (a web-component app's player component), which the adapter's
   * `findPlayer(doc)` does not see: when the document has no player, the main media of the
   * event's own shadow tree is the player.
   */
  function shadowPlayer(target: HTMLMediaElement): HTMLMediaElement | null {
    const root = target.getRootNode();
    return root !== doc && root.nodeType === 11 ? safe(() => findMainMedia(root as ShadowRoot), null) : null;
  }

  /** A player in a same-origin frame (frames.ts): when the document has none, the frame's main media. */
  function framePlayer(target: HTMLMediaElement): HTMLMediaElement | null {
    const own = target.ownerDocument;
    return own !== doc && frames.frameOf(own) ? safe(() => findMainMedia(own), null) : null;
  }

  /** In the page: a framed player is in it while its frame is. */
  const inPage = (el: HTMLMediaElement) => el.isConnected && (el.ownerDocument === doc || frames.frameOf(el.ownerDocument)?.isConnected === true);

  function onMediaEvent(ev: Event) {
    const target = ev.target;
    // By tag, not `instanceof`: a framed player's elements are of its frame's window.
    if (!isMedia(target)) return;
    if (target !== player) {
      const found = findPlayer() ?? shadowPlayer(target) ?? framePlayer(target);
      if (found !== player) {
        const current = sessions.current();
        if (current && current.el !== found) close();
        player = found;
      }
      if (target !== player) return;
    }
    const type = ev.type as MediaEventType;
    let c = sessions.current() ?? sessions.open(target);
    const fed = input(type, target);
    if (c.session.feed(fed) === 'new-source') {
      close();
      c = sessions.open(target, true);
      c.session.feed(fed);
    }
    // An ad's end is not the title's: the session goes on into what the player plays next.
    if (!fed.ad) sessions.afterFeed(c, type);
  }

  const onGesture = (ev: Event) => {
    if (ev.isTrusted) lastGestureAt = clock.mono();
  };
  const listen = (target: Document | ShadowRoot) => {
    for (const type of MEDIA_EVENTS) target.addEventListener(type, onMediaEvent, on);
  };
  listen(doc);
  // A framed player's media events and the clicks on its controls stay in its frame's document.
  const frames = watchSameOriginFrames(doc, signal, (d) => {
    listen(d);
    for (const type of ['pointerdown', 'keydown', 'click'] as const) d.addEventListener(type, onGesture, on);
  });
  // Media events are not composed: they stay inside a shadow root, so listen inside each open one.
  deps.scanner?.onShadowRoot(listen, signal);
  for (const type of ['pointerdown', 'keydown', 'click'] as const) win.addEventListener(type, onGesture, on);

  doc.addEventListener(
    'visibilitychange',
    () => {
      const c = sessions.current();
      if (!c) return;
      c.session.feed(input(visible() ? 'visible' : 'hidden', c.el));
      // Hidden is often the last moment we get (mobile tab switch, then killed): report now.
      if (!visible()) sendProgress(c, false);
    },
    { signal },
  );
  win.addEventListener('pagehide', () => close(), { signal });

  const timer = win.setInterval(() => {
    const c = sessions.current();
    if (c && !inPage(c.el)) {
      close(); // the player was removed (SPA navigation, closed overlay, its frame removed)
      player = null;
      return;
    }
    if (!player || !inPage(player)) player = findPlayer();
    if (!c || c.el.paused) return;
    c.session.feed(input('tick', c.el));
    if (clock.mono() - c.lastSentAt >= PROGRESS_INTERVAL_MS) sendProgress(c, false);
  }, PLAYER_CHECK_MS);
  signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });

  player = findPlayer();
  if (player && !player.paused) sessions.open(player);

  return {
    urlChanged() {
      const c = sessions.current();
      if (!c) return;
      // Same title still playing (a mini-player over the next page): the session goes on.
      const stillPlaying = inPage(c.el) && !c.el.paused && !c.el.ended;
      if (!stillPlaying) close();
    },
  };
}
