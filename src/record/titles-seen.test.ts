// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTileScanner } from './tile-scanner';
import { startTitlesSeen } from './titles-seen';
import { fakeAdapter, fakeSend, manualIdle, settle } from '../../test/support/record-test-utils';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

const tiles = (ids: string[]) => ids.map((id) => `<a class="tile" data-id="${id}">Movie ${id}</a>`).join('');

describe('titles/seen batching', () => {
  it('sends each title once, in messages of at most 500, no more than every 2 s', async () => {
    const ids = Array.from({ length: 1200 }, (_, i) => `m${i}`);
    document.body.innerHTML = tiles(ids) + tiles(['m1', 'm2']); // duplicates on the page
    const idle = manualIdle();
    const life = new AbortController();
    const scanner = createTileScanner({ adapter: fakeAdapter(), doc: document, signal: life.signal, idle });
    const send = fakeSend();
    startTitlesSeen({ scanner, win: window, signal: life.signal, send });
    idle.runAll();
    expect(send.sent).toEqual([]);
    vi.advanceTimersByTime(2_000);
    const msgs = send.of('titles/seen');
    expect(msgs.map((m) => m.titles.length)).toEqual([500, 500, 200]);
    expect(new Set(msgs.flatMap((m) => m.titles.map((t) => t.siteItemId))).size).toBe(1200);

    document.body.insertAdjacentHTML('beforeend', tiles(['m5', 'new1']));
    await settle();
    idle.runAll();
    vi.advanceTimersByTime(2_000);
    expect(
      send
        .of('titles/seen')
        .at(-1)!
        .titles.map((t) => t.siteItemId),
    ).toEqual(['new1']);
  });

  it('drops what is pending when recording stops', () => {
    document.body.innerHTML = tiles(['a', 'b']);
    const idle = manualIdle();
    const scannerLife = new AbortController();
    const scanner = createTileScanner({ adapter: fakeAdapter(), doc: document, signal: scannerLife.signal, idle });
    const send = fakeSend();
    const rec = new AbortController();
    startTitlesSeen({ scanner, win: window, signal: rec.signal, send });
    idle.runAll();
    rec.abort();
    vi.advanceTimersByTime(5_000);
    expect(send.sent).toEqual([]);
  });
});
