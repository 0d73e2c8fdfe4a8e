// @vitest-environment happy-dom
/**
 * A player inside a shadow root (a web-component app's `<x-player>` whose root holds the
 * `<video>`): media events are not composed, so they never reach the document; the recorder
 * listens inside every open root the tile scanner finds, and takes the main media of that root
 * as the player when the document has none.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { skipSender } from './skips';
import { fakeAdapter, fakeClock, fakeSend, fakeVideo, manualIdle } from '../../test/support/record-test-utils';
import { createTileScanner } from './tile-scanner';
import { systemClock } from './types';
import { startWatchRecorder } from './watch-recorder';

const ctx = () => ({ hour: 20, weekday: 5, device: 'desktop' as const, site: 'demo.test' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('watch recorder: a player inside a shadow root', () => {
  it('records the session of a <video> inside a player component', () => {
    history.replaceState(null, '', '/watch/m7');
    document.body.innerHTML = '<h1>Heat</h1><x-app></x-app>';
    // Two levels deep: the app's root holds the player component, whose root holds the video.
    const appRoot = document.querySelector('x-app')!.attachShadow({ mode: 'open' });
    const player = document.createElement('x-player');
    appRoot.append(player);
    const v = fakeVideo({ duration: 30 });
    player.attachShadow({ mode: 'open' }).append(v.el);

    const life = new AbortController();
    const idle = manualIdle();
    const adapter = fakeAdapter();
    const scanner = createTileScanner({ adapter, doc: document, signal: life.signal, idle, clock: fakeClock() });
    scanner.subscribe({}, life.signal);
    idle.runAll();
    const send = fakeSend();
    startWatchRecorder({
      adapter,
      scanner,
      doc: document,
      win: window,
      signal: life.signal,
      send,
      clock: systemClock,
      context: ctx,
      skip: skipSender({ send, context: ctx }),
      newId: () => 's1',
    });
    expect(adapter.findPlayer(document)).toBeNull(); // the adapter alone sees no player
    v.play();
    v.run(30);
    v.end();
    const last = send.of('watch/progress').at(-1)?.progress;
    expect(last).toMatchObject({ final: true, sessionId: 's1', duration: 30, position: 30 });
    expect(last!.title).toMatchObject({ siteItemId: 'm7', title: 'Heat' });
    life.abort();
  });
});
