// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAP_PER_TITLE_PER_DAY, ImpressionTracker, startImpressions, type ObserverFactory } from './impressions';
import { createTileScanner } from './tile-scanner';
import { fakeAdapter, fakeSend, manualIdle, settle, tileInfo } from '../../test/support/record-test-utils';
import { systemClock } from './types';

const el = () => document.createElement('div');
const DAY1 = new Date(2024, 4, 17, 12).getTime();

describe('ImpressionTracker', () => {
  it('a tile half visible for 1 s is an impression; 0.9 s is not', () => {
    const t = new ImpressionTracker();
    const a = el();
    t.enter(a, tileInfo('m1'), 'Popular', 0);
    expect(t.due(900, DAY1)).toEqual([]);
    expect(t.due(1000, DAY1)).toEqual([{ title: tileInfo('m1'), row: 'Popular' }]);
    expect(t.due(5000, DAY1)).toEqual([]); // once per stay
  });

  it('leaving the viewport resets the clock', () => {
    const t = new ImpressionTracker();
    const a = el();
    t.enter(a, tileInfo('m1'), null, 0);
    t.leave(a);
    t.enter(a, tileInfo('m1'), null, 800);
    expect(t.due(1500, DAY1)).toEqual([]);
    expect(t.due(1800, DAY1).length).toBe(1);
  });

  it('a hidden tab pauses the clock', () => {
    const t = new ImpressionTracker();
    t.enter(el(), tileInfo('m1'), null, 0);
    t.pause(600);
    expect(t.due(60_000, DAY1)).toEqual([]);
    t.resume(60_000);
    expect(t.due(60_300, DAY1)).toEqual([]);
    expect(t.due(60_400, DAY1).length).toBe(1);
  });

  it('an opened title is never an impression on this page', () => {
    const t = new ImpressionTracker();
    t.enter(el(), tileInfo('m1'), null, 0);
    t.open('m1');
    expect(t.due(2000, DAY1)).toEqual([]);
    t.enter(el(), tileInfo('m1'), null, 3000);
    expect(t.due(5000, DAY1)).toEqual([]);
  });

  it('caps impressions per title per day', () => {
    const t = new ImpressionTracker();
    let n = 0;
    for (let i = 0; i < 10; i++) {
      const a = el();
      t.enter(a, tileInfo('m1'), null, i * 10_000);
      n += t.due(i * 10_000 + 1000, DAY1).length;
      t.leave(a);
    }
    expect(n).toBe(CAP_PER_TITLE_PER_DAY);
    const a = el();
    t.enter(a, tileInfo('m1'), null, 200_000);
    expect(t.due(201_000, DAY1 + 24 * 3600_000).length).toBe(1); // a new day
  });
});

describe('startImpressions', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  async function setup(n = 3) {
    document.body.innerHTML = `<section data-row="Trending">${Array.from({ length: n }, (_, i) => `<a class="tile" data-id="m${i}"><span>Movie ${i}</span></a>`).join('')}</section>`;
    let cb: Parameters<ObserverFactory>[0] = () => undefined;
    const observed = new Set<Element>();
    const makeObserver: ObserverFactory = (c) => {
      cb = c;
      return { observe: (e) => observed.add(e), unobserve: (e) => observed.delete(e), disconnect: () => observed.clear() };
    };
    const idle = manualIdle();
    const life = new AbortController();
    const scanner = createTileScanner({ adapter: fakeAdapter(), doc: document, signal: life.signal, idle });
    const send = fakeSend();
    const ctx = () => ({ hour: 20, weekday: 5, device: 'desktop' as const, site: 'demo.test' });
    startImpressions({ scanner, doc: document, win: window, signal: life.signal, send, clock: systemClock, context: ctx, makeObserver });
    idle.runAll();
    await settle();
    const tile = (i: number) => document.querySelector(`a[data-id="m${i}"]`)!;
    const show = (i: number, ratio = 1) => cb([{ target: tile(i), isIntersecting: ratio > 0, intersectionRatio: ratio }]);
    return { send, observed, show, tile, life };
  }

  it('observes every tile and sends impressions with their row, batched', async () => {
    const { send, observed, show } = await setup(3);
    expect(observed.size).toBe(3);
    show(0);
    show(1);
    show(2, 0.3); // under half visible
    vi.advanceTimersByTime(1_100);
    expect(send.of('impressions/record')).toEqual([]); // batched, not sent yet
    vi.advanceTimersByTime(5_000);
    const msgs = send.of('impressions/record');
    expect(msgs.length).toBe(1);
    expect(msgs[0]!.impressions.map((i) => [i.title.siteItemId, i.row])).toEqual([
      ['m0', 'Trending'],
      ['m1', 'Trending'],
    ]);
  });

  it('a click on the tile cancels its impression, even one already batched', async () => {
    const { send, show, tile } = await setup(2);
    show(0);
    show(1);
    (tile(0).querySelector('span') as HTMLElement).click();
    vi.advanceTimersByTime(1_100);
    (tile(1) as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    vi.advanceTimersByTime(6_000);
    expect(send.of('impressions/record')).toEqual([]);
  });

  it('splits large batches at 200 per message', async () => {
    const { send, show } = await setup(450);
    for (let i = 0; i < 450; i++) show(i);
    vi.advanceTimersByTime(1_100);
    vi.advanceTimersByTime(6_000);
    expect(send.of('impressions/record').map((m) => m.impressions.length)).toEqual([200, 200, 50]);
  });

  it('sends nothing more once recording stops', async () => {
    const { send, show, life } = await setup(2);
    show(0);
    vi.advanceTimersByTime(1_100);
    life.abort();
    vi.advanceTimersByTime(10_000);
    expect(send.sent).toEqual([]);
  });
});
