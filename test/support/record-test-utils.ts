/**
 * Test helpers shared by the recorder's tests: a fake adapter over simple markup, a manual
 * idle scheduler, a fake clock, a recording `send` and a controllable `<video>`. Not imported by production code.
 */
import { vi } from 'vitest';
import type { ContentMessage, Reply } from '../../src/messages/protocol';
import type { PageState, ReplyMap } from '../../src/messages/replies';
import type { SiteAdapter, TileInfo } from '../../src/sites/types';
import { skipSender } from '../../src/record/skips';
import { systemClock, type Clock, type IdleDeadlineLike, type IdleScheduler, type Send } from '../../src/record/types';
import { startWatchRecorder } from '../../src/record/watch-recorder';
import { createTileScanner } from '../../src/record/tile-scanner';
import { genericAdapter } from '../../src/sites/generic';
import type { EventContext } from '../../src/store/records';

/**
 * Tiles are `<a class="tile" data-id="m1" href="/title/m1">Title</a>` inside
 * `<section data-row="Row name">`; the player is the first `<video>`; the playing title is
 * `/watch/<id>` with the title in `<h1>`; search pages are `/search?q=`.
 */
export function fakeAdapter(overrides: Partial<SiteAdapter> = {}): SiteAdapter & { reads: number } {
  const adapter = {
    name: 'fake',
    reads: 0,
    matches: () => true,
    findTiles(root: ParentNode): Element[] {
      const out: Element[] = [];
      if (root instanceof Element && root.matches('a.tile')) out.push(root);
      out.push(...Array.from(root.querySelectorAll('a.tile')));
      return out;
    },
    readTile(tile: Element): TileInfo | null {
      adapter.reads++;
      const id = tile.getAttribute('data-id');
      const title = tile.textContent?.trim();
      if (!id || !title) return null;
      return {
        siteItemId: id,
        title,
        year: null,
        kind: 'movie',
        genres: [],
        description: null,
        imageUrl: null,
        url: `https://demo.test/title/${id}`,
      };
    },
    readRow: (tile: Element) => tile.closest('section[data-row]')?.getAttribute('data-row') ?? null,
    findPlayer: (doc: Document) => doc.querySelector('video'),
    readPlaying(doc: Document, url: URL): TileInfo | null {
      const m = /^\/(?:watch|title)\/([\w-]+)/.exec(url.pathname);
      if (!m?.[1]) return null;
      const title = doc.querySelector('h1')?.textContent?.trim() || m[1];
      return { siteItemId: m[1], title, year: null, kind: 'movie', genres: [], description: null, imageUrl: null, url: url.href };
    },
    readSearchQuery: (url: URL) => (url.pathname === '/search' ? url.searchParams.get('q') : null),
    findSearchInputs: (root: ParentNode) => Array.from(root.querySelectorAll<HTMLInputElement>('input[type=search]')),
    ...overrides,
  };
  return adapter;
}

export function tileInfo(id: string, title = `Title ${id}`): TileInfo {
  return { siteItemId: id, title, year: null, kind: 'movie', genres: [], description: null, imageUrl: null, url: `https://demo.test/title/${id}` };
}

/** An idle scheduler the test runs by hand: `run()` runs one pending idle callback. */
export function manualIdle(timeRemaining = 50): IdleScheduler & { pending(): number; run(): boolean; runAll(max?: number): number } {
  let queue: ((d: IdleDeadlineLike) => void)[] = [];
  const scheduler = ((cb: (d: IdleDeadlineLike) => void) => {
    queue.push(cb);
    return () => {
      queue = queue.filter((q) => q !== cb);
    };
  }) as IdleScheduler & { pending(): number; run(): boolean; runAll(max?: number): number };
  scheduler.pending = () => queue.length;
  scheduler.run = () => {
    const cb = queue.shift();
    cb?.({ didTimeout: false, timeRemaining: () => timeRemaining });
    return !!cb;
  };
  scheduler.runAll = (max = 100_000) => {
    let n = 0;
    while (n < max && scheduler.run()) n++;
    return n;
  };
  return scheduler;
}

export function fakeClock(startEpoch = new Date(2024, 4, 17, 20, 0).getTime()): Clock & { advance(ms: number): void } {
  let mono = 1_000;
  let epoch = startEpoch;
  return {
    now: () => epoch,
    mono: () => mono,
    advance(ms: number) {
      mono += ms;
      epoch += ms;
    },
  };
}

export type Sent = ContentMessage;

/** A `send` that records messages and answers like the background would. */
export function fakeSend(
  state: Partial<PageState> = {},
): Send & { sent: Sent[]; state: PageState; of<T extends Sent['type']>(type: T): Extract<Sent, { type: T }>[] } {
  const pageState: PageState = { site: 'demo.test', recording: 'on', badgeMode: 'on', ...state };
  const sent: Sent[] = [];
  const fn = (async (message: ContentMessage): Promise<Reply<ReplyMap[ContentMessage['type']]>> => {
    sent.push(message);
    if (message.type === 'state/get') return { ok: true, value: { ...pageState } };
    return { ok: true, value: { stored: true } as never };
  }) as Send & { sent: Sent[]; state: PageState; of<T extends Sent['type']>(type: T): Extract<Sent, { type: T }>[] };
  fn.sent = sent;
  fn.state = pageState;
  fn.of = <T extends Sent['type']>(type: T) => sent.filter((m): m is Extract<Sent, { type: T }> => m.type === type);
  return fn;
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/**
 * A <video> (new, or `opts.el`) whose media state the test controls; its events are not
 * composed, as a browser's media events, so they stay inside a shadow root.
 */
export function fakeVideo(opts: { duration?: number; muted?: boolean; el?: HTMLVideoElement } = {}) {
  const el = opts.el ?? document.createElement('video');
  const st = {
    currentTime: 0,
    duration: opts.duration ?? 3600,
    paused: true,
    ended: false,
    seeking: false,
    muted: opts.muted ?? false,
    volume: 1,
    playbackRate: 1,
  };
  for (const key of Object.keys(st) as (keyof typeof st)[]) {
    Object.defineProperty(el, key, { get: () => st[key], set: (v) => ((st as Record<string, unknown>)[key] = v), configurable: true });
  }
  const fire = (type: string) => el.dispatchEvent(new Event(type));
  return {
    el,
    st,
    fire,
    play() {
      st.paused = false;
      fire('play');
      fire('playing');
    },
    pause() {
      st.paused = true;
      fire('pause');
    },
    /** Plays `seconds`, advancing fake time, with timeupdates every 250 ms. */
    run(seconds: number) {
      for (let i = 0; i < seconds * 4; i++) {
        vi.advanceTimersByTime(250);
        if (!st.paused) {
          st.currentTime = Math.min(st.duration, st.currentTime + 0.25 * st.playbackRate);
          fire('timeupdate');
        }
      }
    },
    /**
     * Loads other media as a browser does (the media element load algorithm): `emptied` with
     * the element already paused at 0 and no duration, then `loadstart`; the new duration; and
     * when `resumeAt` is given, the player's own seek to it (a quality switch, a recovery).
     */
    load(duration: number, resumeAt?: number) {
      Object.assign(st, { paused: true, ended: false, seeking: false, currentTime: 0, duration: Number.NaN });
      fire('emptied');
      fire('loadstart');
      st.duration = duration;
      if (resumeAt === undefined) return;
      Object.assign(st, { seeking: true, currentTime: resumeAt });
      fire('seeking');
      st.seeking = false;
      fire('timeupdate');
      fire('seeked');
    },
    end() {
      st.currentTime = st.duration;
      fire('timeupdate');
      st.paused = true;
      fire('pause');
      st.ended = true;
      fire('ended');
    },
  };
}

const TEST_CTX = () => ({ hour: 20, weekday: 5, device: 'desktop' as const, site: 'demo.test' });

/**
 * A watch recorder on the test document at `path` (a `/watch/<id>` path names the playing title
 * from the page's `<h1>`), with a recording `send`, session ids s1, s2, … and the real skip sender.
 */
export function startTestRecorder(o: { path?: string; html?: string; adapter?: SiteAdapter } = {}) {
  history.replaceState(null, '', o.path ?? '/watch/m1');
  document.body.innerHTML = o.html ?? '<h1>Alien</h1>';
  const send = fakeSend();
  const life = new AbortController();
  let n = 0;
  const rec = startWatchRecorder({
    adapter: o.adapter ?? fakeAdapter(),
    doc: document,
    win: window,
    signal: life.signal,
    send,
    clock: systemClock,
    context: TEST_CTX,
    skip: skipSender({ send, context: TEST_CTX }),
    newId: () => `s${++n}`,
  });
  const reports = () => send.of('watch/progress').map((m) => m.progress);
  const finals = () => reports().filter((r) => r.final);
  return { send, life, rec, reports, finals };
}

/**
 * The watch recorder with the generic adapter and a tile scanner over the test's document, as
 * the content script starts them on a site without a named adapter. The page must be in the
 * document already: its tiles are scanned (and replayed to the recorder) before this returns.
 */
export function startGenericRecorder(site: string) {
  const ctx = (): EventContext => ({ hour: 21, weekday: 6, device: 'desktop', site });
  const life = new AbortController();
  const idle = manualIdle();
  const scanner = createTileScanner({ adapter: genericAdapter, doc: document, signal: life.signal, idle });
  scanner.subscribe({ onTile() {}, onTileChanged() {}, onTileCleared() {} }, life.signal);
  idle.runAll();
  const send = fakeSend({ site });
  const rec = startWatchRecorder({
    adapter: genericAdapter,
    doc: document,
    win: window,
    signal: life.signal,
    send,
    clock: systemClock,
    context: ctx,
    skip: skipSender({ send, context: ctx }),
    scanner,
  });
  idle.runAll(); // known tiles are replayed to the recorder's own subscribers in idle slices
  return { send, life, rec };
}
