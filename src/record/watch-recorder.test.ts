// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { skipSender } from './skips';
import { fakeAdapter, fakeSend, fakeVideo, settle, startTestRecorder } from '../../test/support/record-test-utils';
import { systemClock } from './types';
import { startWatchRecorder, PROGRESS_INTERVAL_MS } from './watch-recorder';
import { findMainMedia } from '../sites/shared/media';

const ctx = () => ({ hour: 20, weekday: 5, device: 'desktop' as const, site: 'demo.test' });

function setup(path = '/watch/m1', adapter = fakeAdapter()) {
  return startTestRecorder({ path, adapter });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('watch recorder', () => {
  it('sends progress about every 5 s while playing and a final one on ended', () => {
    const { send } = setup();
    const v = fakeVideo({ duration: 40 });
    document.body.appendChild(v.el);
    v.play();
    v.run(21);
    const ticks = send.of('watch/progress');
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks.every((m) => !m.progress.final && m.progress.sessionId === 's1')).toBe(true);
    expect(ticks[0]!.progress.title).toMatchObject({ siteItemId: 'm1', title: 'Alien' });
    v.run(19);
    v.end();
    const last = send.of('watch/progress').at(-1)!.progress;
    expect(last).toMatchObject({ final: true, duration: 40, position: 40, pauses: 0 });
    expect(last.secondsWatched).toBeCloseTo(40, 0);
    expect(send.of('skip/record')).toEqual([]);
  });

  it("a pre-roll in the player's own element is not the title: one session, from the title's start (no phantom finished watch)", () => {
    const { send } = setup();
    document.body.innerHTML = '<h1>Alien</h1><div id="movie_player" class="html5-video-player ad-showing"></div>';
    const v = fakeVideo({ duration: 15 });
    document.getElementById('movie_player')!.appendChild(v.el);
    v.play();
    v.run(15);
    v.end();
    document.getElementById('movie_player')!.classList.remove('ad-showing');
    Object.assign(v.st, { duration: 5400, currentTime: 0, ended: false });
    v.fire('emptied');
    v.fire('loadstart');
    v.play();
    v.run(30);
    window.dispatchEvent(new Event('pagehide'));
    const reports = send.of('watch/progress').map((m) => m.progress);
    expect(reports.length).toBeGreaterThan(0);
    expect(new Set(reports.map((r) => r.sessionId))).toEqual(new Set(['s1']));
    expect(reports.every((r) => r.duration === 5400)).toBe(true);
    expect(reports.at(-1)!.secondsWatched).toBeCloseTo(30, 0);
    expect(reports.at(-1)!.position).toBeLessThan(40);
    // Left after 30 s of the title: abandoned, by its own seconds.
    expect(send.of('skip/record')).toMatchObject([{ reason: 'abandoned', secondsWatched: 30 }]);
  });

  it("an ad SDK's own player over the content is never the player; the content's watch is recorded alone", () => {
    const { send } = setup('/watch/m1', fakeAdapter({ findPlayer: (doc) => findMainMedia(doc) }));
    document.body.innerHTML = '<h1>Alien</h1><div class="player"><div class="ima-ad-container"></div><div class="content"></div></div>';
    const content = fakeVideo({ duration: 5400 });
    const ad = fakeVideo({ duration: 20 });
    document.querySelector('.content')!.appendChild(content.el);
    document.querySelector('.ima-ad-container')!.appendChild(ad.el);
    ad.play();
    ad.run(20);
    ad.end();
    content.play();
    content.run(30);
    window.dispatchEvent(new Event('pagehide'));
    const reports = send.of('watch/progress').map((m) => m.progress);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.duration === 5400)).toBe(true);
    expect(reports.at(-1)!.secondsWatched).toBeCloseTo(30, 0);
    expect(send.of('skip/record')).toMatchObject([{ reason: 'abandoned', secondsWatched: 30 }]);
  });

  it('does not send a session for a mis-click under 3 s', () => {
    const { send } = setup();
    const v = fakeVideo();
    document.body.appendChild(v.el);
    v.play();
    v.run(2);
    window.dispatchEvent(new Event('pagehide'));
    expect(send.of('watch/progress')).toEqual([]);
    expect(send.of('skip/record')).toEqual([]);
  });

  it('reports at once when the tab is hidden, and the final one on pagehide', () => {
    const { send } = setup();
    const v = fakeVideo();
    document.body.appendChild(v.el);
    v.play();
    v.run(4);
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(send.of('watch/progress').at(-1)!.progress).toMatchObject({ final: false });
    v.run(60); // hidden: not watched
    window.dispatchEvent(new Event('pagehide'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    const last = send.of('watch/progress').at(-1)!.progress;
    expect(last.final).toBe(true);
    expect(last.secondsWatched).toBeCloseTo(4, 0);
  });

  it('an early abandoned play is recorded as a skip', () => {
    const { send } = setup();
    const v = fakeVideo({ duration: 5400 });
    document.body.appendChild(v.el);
    v.play();
    v.run(30);
    v.pause();
    window.dispatchEvent(new Event('pagehide'));
    expect(send.of('skip/record')).toMatchObject([{ reason: 'abandoned', title: { siteItemId: 'm1' }, secondsWatched: 30 }]);
  });

  it('a muted autoplay is not a watch, and leaving it within 10 s is a preview skip', () => {
    const { send } = setup('/title/m2');
    const v = fakeVideo({ muted: true });
    document.body.appendChild(v.el);
    v.play();
    v.run(5);
    window.dispatchEvent(new Event('pagehide'));
    expect(send.of('watch/progress')).toEqual([]);
    expect(send.of('skip/record')).toMatchObject([{ reason: 'preview', title: { siteItemId: 'm2' } }]);
  });

  it('muted playback on the watch page played to the end is a watch, not a preview skip (issue 13)', () => {
    const { send } = setup('/watch/m2');
    const v = fakeVideo({ muted: true, duration: 90 });
    document.body.appendChild(v.el);
    v.play();
    v.run(90);
    v.end();
    expect(send.of('skip/record')).toEqual([]);
    const last = send.of('watch/progress').at(-1)!.progress;
    expect(last).toMatchObject({ final: true, duration: 90, position: 90, title: { siteItemId: 'm2' } });
    expect(last.secondsWatched).toBeCloseTo(90, 0);
  });

  it('muted playback at 16× (a quick replay) to the end is a watch too', () => {
    const { send } = setup('/watch/m2');
    const v = fakeVideo({ muted: true, duration: 90 });
    v.st.playbackRate = 16;
    document.body.appendChild(v.el);
    v.play();
    v.run(6);
    v.end();
    expect(send.of('skip/record')).toEqual([]);
    expect(send.of('watch/progress').at(-1)!.progress).toMatchObject({ final: true, position: 90 });
  });

  it('a muted preview in a browse-row tile stays a preview however long it runs', () => {
    history.replaceState(null, '', '/');
    document.body.innerHTML = '<a class="tile" data-id="m5">Heat</a>';
    const tile = document.querySelector('a.tile')!;
    const send = fakeSend();
    const life = new AbortController();
    const info = { siteItemId: 'm5', title: 'Heat', year: null, kind: 'movie' as const, genres: [], description: null, imageUrl: null, url: null };
    const scanner = {
      tileFor: (node: Node) => (tile.contains(node) ? { el: tile, info, row: null } : null),
      onShadowRoot: () => undefined,
    } as unknown as Parameters<typeof startWatchRecorder>[0]['scanner'];
    startWatchRecorder({
      adapter: fakeAdapter(),
      doc: document,
      win: window,
      signal: life.signal,
      send,
      clock: systemClock,
      context: ctx,
      skip: skipSender({ send, context: ctx }),
      scanner,
      newId: () => 'p1',
    });
    const v = fakeVideo({ muted: true, duration: 90 });
    tile.appendChild(v.el);
    v.play();
    v.run(90);
    v.end();
    expect(send.of('watch/progress')).toEqual([]);
    life.abort();
  });

  it('a new source is a new session; the old one is closed', () => {
    const { send } = setup();
    const v = fakeVideo();
    document.body.appendChild(v.el);
    v.play();
    v.run(10);
    history.replaceState(null, '', '/watch/m3');
    document.querySelector('h1')!.textContent = 'Heat';
    v.st.currentTime = 0;
    v.fire('emptied');
    v.fire('loadstart');
    v.play();
    v.run(10);
    const msgs = send.of('watch/progress').map((m) => [m.progress.sessionId, m.progress.title.siteItemId, m.progress.final]);
    expect(msgs).toContainEqual(['s1', 'm1', true]);
    expect(msgs.at(-1)).toEqual(['s2', 'm3', false]);
  });

  it('survives SPA navigation while the same title keeps playing, and closes a paused one', () => {
    const { send, rec } = setup();
    const v = fakeVideo();
    document.body.appendChild(v.el);
    v.play();
    v.run(10);
    history.pushState(null, '', '/');
    rec.urlChanged();
    v.run(10);
    expect(send.of('watch/progress').some((m) => m.progress.final)).toBe(false);
    expect(send.of('watch/progress').at(-1)!.progress.title.siteItemId).toBe('m1');
    v.pause();
    rec.urlChanged();
    const last = send.of('watch/progress').at(-1)!.progress;
    expect(last).toMatchObject({ final: true, sessionId: 's1' });
    expect(last.secondsWatched).toBeCloseTo(20, 0);
  });

  it('closes the session when the player is removed from the page', async () => {
    const { send } = setup();
    const v = fakeVideo();
    document.body.appendChild(v.el);
    v.play();
    v.run(10);
    v.el.remove();
    vi.advanceTimersByTime(1_000);
    await settle();
    expect(send.of('watch/progress').at(-1)!.progress.final).toBe(true);
  });

  it('stops when its signal aborts', () => {
    const { send, life } = setup();
    const v = fakeVideo();
    document.body.appendChild(v.el);
    life.abort();
    v.play();
    v.run(PROGRESS_INTERVAL_MS / 1000 + 5);
    window.dispatchEvent(new Event('pagehide'));
    expect(send.sent).toEqual([]);
  });
});
