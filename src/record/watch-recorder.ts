import type { TitleInput, WatchProgress } from '../messages/protocol';
import { isAdPlaying, isAdSlot } from '../sites/shared/ads';
import { findMainMedia } from '../sites/shared/media';
import type { SiteAdapter, TileInfo } from '../sites/types';
import type { EventContext } from '../store/records';
import { pickPlayingTitle, trackClickedTile, trackPlayPressed } from './click-to-play';
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
/** An ad SDK lays its container next to the content, in the player's own box: this many levels up at most. */
const AD_SLOT_REACH = 6;
/**
 * A reloading player (a new source in its element, or a new element in its place) must play
 * within this to carry the session on: a quality switch or a re-mounted player plays on within
 * seconds, and a player closed in place (its source removed) or a page left with some other,
 * idle, media must not hold the session open until the page goes.
 */
export const REPLACED_PLAY_MS = 10_000;

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
  /**
   * Opened on media the player moved on to by itself (the next episode): the page may name it
   * only just after it starts, so its title is read again until its first report.
   */
  rebind: boolean;
  /** Monotonic ms since when the session has been waiting for a reloaded source to play (see REPLACED_PLAY_MS). */
  reloadingSince: number | null;
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
 * Whether the user can see `el`: its tab is visible, or it plays in picture-in-picture, the
 * floating window people watch in while they work in another tab.
 */
function inSight(doc: Document, el: HTMLMediaElement): boolean {
  if (isVisible(doc)) return true;
  try {
    return el.ownerDocument.pictureInPictureElement === el;
  } catch {
    return false; // no picture-in-picture here: hidden is hidden
  }
}

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
  const pagePlaying = (el: HTMLMediaElement | null = null) => {
    const url = safe(() => new URL(win.location.href), null);
    return url ? safe(() => adapter.readPlaying(doc, url, el), null) : null;
  };
  // A details page's Play button opens a player route whose metadata names nothing: what the
  // page named when Play was pressed names what plays. A named adapter reads its player itself.
  const pressed = adapter.guessesPlaying ? trackPlayPressed(doc, signal, clock, pagePlaying) : null;

  // What the media session said when the last title was bound, and the media it was bound for.
  let bound: { session: string | null; src: string } | null = null;
  const srcOf = (el: HTMLMediaElement) => el.currentSrc || el.getAttribute('src') || '';

  function readTitle(el: HTMLMediaElement): TileInfo | null {
    const playing = asShown(pagePlaying(el));
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
    return named ?? pickPlayingTitle(adapter, playing, click?.info ?? null) ?? pressed?.recent() ?? null;
  }

  /**
   * A title the generic adapter read from the page by name only (a player's overlay, a document
   * title), joined to the tile of that name the page shows: a player opened by its address (a
   * deep link, a bookmark, a reload) then records the title the badges and the panel know, with
   * its id and year, not a second record keyed by its name.
   */
  function asShown(playing: TileInfo | null): TileInfo | null {
    if (!playing || !names) return playing;
    const tile = names.byName(playing.title);
    if (!tile || tile.siteItemId === playing.siteItemId) return playing;
    // A dated reading joins only a tile of that year: an undated tile of its name may be a namesake.
    if (playing.year !== null && tile.year !== playing.year) return playing;
    return { ...tile, kind: playing.kind === 'episode' ? 'episode' : tile.kind, description: playing.description ?? tile.description };
  }

  return {
    /**
     * The player of the title this page is about (a watch or title page), not a preview in a
     * tile of a browse row: muted playback here that the user lets run is watching
     * (watch-session.ts, LET_RUN_SECONDS).
     */
    ownTitlePlayer(el: HTMLMediaElement): boolean {
      // A looping video is ambience (a hero trailer behind a title's page), never a title watched.
      if (el.loop || deps.scanner?.tileFor(el)) return false;
      return pagePlaying(el) !== null;
    },
    /** Binds the title on first need; later reads only refresh its text (ids may lag the URL). */
    ensureTitle(c: Current) {
      const fresh = readTitle(c.el);
      if (!c.title || (c.rebind && fresh)) {
        c.title = fresh;
        if (fresh) bound = { session: session()?.title ?? null, src: srcOf(c.el) };
      } else if (fresh && fresh.siteItemId === c.title.siteItemId) c.title = fresh;
    },
    /** Whether the page names another title than the one `c` was bound to (false when it cannot tell). */
    namesOther(c: Current): boolean {
      const fresh = readTitle(c.el);
      return !!fresh && !!c.title && fresh.siteItemId !== c.title.siteItemId;
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
    c.rebind = false;
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

  /**
   * Opens a session on `el`. `freshSource`: the element has just loaded other media, which has
   * not started whatever `paused` says yet. `movedOn`: the player moved on to other media by
   * itself (see `rebind`).
   */
  function open(el: HTMLMediaElement, freshSource = false, movedOn = false): Current {
    const c: Current = {
      id: makeId(),
      el,
      session: new WatchSession({ visible: inSight(deps.doc, el), letRun: titles.ownTitlePlayer(el) }),
      title: null,
      lastSentWatched: -1,
      lastSentAt: clock.mono(),
      announced: false,
      rebind: movedOn,
      reloadingSince: null,
    };
    current = c;
    // Already playing when we arrived (content scripts start at document_idle): count from now.
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
    // Not an `ended` the session did not take (the end of a source it waits past, see reloads).
    if (type === 'ended' && s.ended) close();
  }

  /**
   * The player's element was replaced (a re-mounted player, a tech swap): the session follows
   * the new element as it would a reload in the same one — it goes on if the new element plays
   * on where the title was (watch-session.ts, RESUME_SLACK_S), else closes then.
   */
  function moveTo(el: HTMLMediaElement, sample: Input) {
    const c = current;
    if (!c) return;
    if (c.session.feed(sample('emptied', c.el)) === 'new-source') return close();
    c.el = el;
    c.reloadingSince = clock.mono();
  }

  return { current: () => current, open, close, moveTo, sendProgress, afterFeed, namesOther: (c: Current) => titles.namesOther(c) };
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
    ad: isAdPlaying(el) || adBreak(el),
  });
  const sessions = createSessions(deps, input);
  /** An ad SDK's players playing now (onAdSlotEvent). */
  const adSlots = new Set<HTMLMediaElement>();
  /**
   * Whether an ad SDK's player plays over `el` now: one in the same player box. An ad video
   * elsewhere in the page (a sidebar's outstream ad) does not stop the title's count.
   */
  const adBreak = (el: HTMLMediaElement) => {
    for (const slot of adSlots) if (!slot.isConnected || slot.paused || slot.ended) adSlots.delete(slot);
    for (const slot of adSlots) {
      let box: Element | null = slot;
      for (let i = 0; box && i < AD_SLOT_REACH; i++, box = box.parentElement) if (box.contains(el)) return true;
    }
    return false;
  };
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

  /**
   * An ad SDK's own player starting or stopping (`isAdSlot`): while one plays, the content is
   * in an ad break, and the pause the SDK made for it is not the user's.
   */
  function onAdSlotEvent(target: HTMLMediaElement) {
    if (!target.paused && !target.ended) adSlots.add(target);
    else adSlots.delete(target);
    const c = sessions.current();
    if (c && adSlots.has(target)) c.session.feed(input('tick', c.el));
  }

  /** Hands the session to `found`, the page's player now, when its element was replaced. */
  function follow(found: HTMLMediaElement | null) {
    const current = sessions.current();
    if (!current || current.el === found) return;
    if (found && !inPage(current.el)) sessions.moveTo(found, input);
    else close();
  }

  function onMediaEvent(ev: Event) {
    const target = ev.target;
    // By tag, not `instanceof`: a framed player's elements are of its frame's window.
    if (!isMedia(target)) return;
    if (target !== player) {
      if (isAdSlot(target)) return onAdSlotEvent(target);
      const found = findPlayer() ?? shadowPlayer(target) ?? framePlayer(target);
      if (found !== player) {
        follow(found);
        player = found;
      }
      if (target !== player) return;
    }
    const type = ev.type as MediaEventType;
    let c = sessions.current() ?? sessions.open(target);
    const fed = input(type, target);
    const result = c.session.feed(fed);
    // A reload that plays on where the title was, while the page names another title: the app
    // moved on to a title of the same length, from the same point (both near the start).
    if (result === 'new-source' || (result === 'resumed' && sessions.namesOther(c))) {
      close();
      const fresh = type === 'emptied' || type === 'loadstart';
      c = sessions.open(target, fresh, true);
      c.session.feed(fed);
    }
    // An ad's end is not the title's: the session goes on into what the player plays next.
    if (!fed.ad) sessions.afterFeed(c, type);
  }

  const onGesture = (ev: Event) => {
    if (ev.isTrusted) lastGestureAt = clock.mono();
  };
  /** Whether the session's player is in sight changed: the tab's visibility, or picture-in-picture. */
  function onSight() {
    const c = sessions.current();
    if (!c) return;
    c.session.feed(input(inSight(doc, c.el) ? 'visible' : 'hidden', c.el));
    // Hidden is often the last moment we get (mobile tab switch, then killed): report now.
    if (!visible()) sendProgress(c, false);
  }
  const listen = (target: Document | ShadowRoot) => {
    for (const type of MEDIA_EVENTS) target.addEventListener(type, onMediaEvent, on);
    // Fired at the video: a capturing listener on its document or root hears them.
    for (const type of ['enterpictureinpicture', 'leavepictureinpicture']) target.addEventListener(type, onSight, on);
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

  doc.addEventListener('visibilitychange', onSight, { signal });
  win.addEventListener('pagehide', () => close(), { signal });

  const timer = win.setInterval(() => {
    const c = sessions.current();
    if (c && !inPage(c.el)) {
      // The player was removed (SPA navigation, closed overlay, its frame removed), or replaced.
      player = findPlayer();
      follow(player);
      return;
    }
    if (!player || !inPage(player)) player = findPlayer();
    if (c) {
      if (!c.session.reloading) c.reloadingSince = null;
      else if (c.reloadingSince === null) c.reloadingSince = clock.mono();
      else if (clock.mono() - c.reloadingSince > REPLACED_PLAY_MS) return close();
    }
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
