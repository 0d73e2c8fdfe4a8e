// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentMessage, Reply } from '../../messages/protocol';
import type { PageScore } from '../../messages/replies';
import type { Send } from '../../record/types';
import type { TileInfo } from '../../sites/types';
import { BADGE_TAG, createBadgeLayer } from './badge-layer';
import { shadowRootOf } from './shadow-host';
import { getBadgeTimings, resetBadgeTimings } from './timings';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
let pending = 0;
/** Past the batching window, and every fake background reply delivered. */
async function settle(min = 40) {
  await wait(min);
  const end = Date.now() + 3_000;
  while (pending > 0 && Date.now() < end) await wait(5);
  await wait(5);
}
async function until(fn: () => unknown, ms = 3_000) {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out');
    await wait(5);
  }
}
const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));

function info(id: string, title = `Title ${id}`): TileInfo {
  return { siteItemId: id, title, year: 2001, kind: 'movie', genres: ['Drama'], description: null, imageUrl: null, url: `https://demo.test/t/${id}` };
}

function tile(id: string): HTMLElement {
  const a = document.createElement('a');
  a.href = `/t/${id}`;
  a.textContent = `Title ${id}`;
  document.body.appendChild(a);
  return a;
}

/** A fake background: scores from a table, recording every message. */
function fakeSend(table: Record<string, number | null>, opts: { delay?: number } = {}) {
  const calls: ContentMessage[] = [];
  const send = vi.fn(async (msg: ContentMessage): Promise<Reply<unknown>> => {
    calls.push(msg);
    pending++;
    try {
      if (opts.delay) await wait(opts.delay);
    } finally {
      pending--;
    }
    if (msg.type === 'rank/page') {
      const scores: PageScore[] = msg.titles.map((t) => ({
        siteItemId: t.siteItemId,
        match: table[t.siteItemId] ?? null,
        why: [`Because you watched ${t.siteItemId}-ish`],
      }));
      return { ok: true, value: { scores, evidence: 10 } };
    }
    if (msg.type === 'rating/set') return { ok: true, value: { stored: true } };
    return { ok: false, error: 'unexpected' };
  });
  return { send: send as unknown as Send, calls, mock: send };
}

const hosts = () => Array.from(document.querySelectorAll(BADGE_TAG));
const shadowText = (host: Element) => shadowRootOf(host)?.textContent ?? '';
const badgeButton = (host: Element) => shadowRootOf(host)!.querySelector<HTMLButtonElement>('button.badge');

let ac: AbortController;
beforeEach(() => {
  ac = new AbortController();
  document.body.innerHTML = '';
  resetBadgeTimings();
});
afterEach(() => {
  ac.abort();
  for (const h of hosts()) h.remove();
});

describe('badge layer', () => {
  it('sends the first request at the end of the task that found the tiles, then coalesces tiles arriving close together', async () => {
    const { send, calls } = fakeSend({ a: 87, b: 60, c: 91 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 30 });
      // One scanner slice reports these together: they go at once, without the coalescing wait.
      for (const id of ['a', 'b', 'c']) layer.onTile(tile(id), info(id));
      expect(calls.filter((m) => m.type === 'rank/page')).toHaveLength(0);
      await Promise.resolve();
      expect(calls.filter((m) => m.type === 'rank/page')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(0); // its reply lands: nothing in flight any more
      layer.onTile(tile('d'), info('d'));
      vi.advanceTimersByTime(20);
      expect(calls.filter((m) => m.type === 'rank/page')).toHaveLength(1);
      layer.onTile(tile('e'), info('e'));
      vi.advanceTimersByTime(15);
      layer.onTile(tile('f'), info('f')); // after the window closed: the next batch
      vi.advanceTimersByTime(40);
    } finally {
      vi.useRealTimers();
    }
    await settle();
    const ranks = calls.filter((m) => m.type === 'rank/page');
    expect(ranks.map((m) => (m.type === 'rank/page' ? m.titles.map((t) => t.siteItemId) : []))).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f']]);
  });

  it('splits more than 500 titles into batches of at most 500, small ones first, and asks once per id', async () => {
    const { send, calls } = fakeSend({});
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 20 });
    for (let i = 0; i < 1_203; i++) layer.onTile(document.createElement('div'), info(`id${i}`));
    await settle(60);
    // The same ids seen again on other elements: already cached, no new request.
    for (let i = 0; i < 50; i++) layer.onTile(document.createElement('div'), info(`id${i}`));
    await settle(60);
    const sizes = calls.filter((m) => m.type === 'rank/page').map((m) => (m.type === 'rank/page' ? m.titles.length : 0));
    // The third flush finds the (instant) fake engine idle again, but in the same burst: one batch.
    expect(sizes).toEqual([24, 96, 380, 500, 203]);
  });

  it('shows a badge only for non-null matches, with the percentage inside the closed shadow', async () => {
    const { send } = fakeSend({ a: 87, b: null });
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a'));
    layer.onTile(tile('b'), info('b'));
    await settle();
    expect(hosts()).toHaveLength(1);
    const button = badgeButton(hosts()[0]!);
    expect(button?.getAttribute('aria-label')).toBe('87% match for you — options');
    expect(shadowText(hosts()[0]!)).toContain('87%');
  });

  it('leaves no profile data in the light DOM: hosts carry no attributes, children or text', async () => {
    const { send } = fakeSend({ a: 87, b: 73 });
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a', 'Secret Title'));
    layer.onTile(tile('b'), info('b'));
    await settle();
    await frame();
    expect(hosts()).toHaveLength(2);
    for (const h of hosts()) {
      expect(h.attributes.length).toBe(0);
      expect(h.childNodes.length).toBe(0);
      expect(h.textContent).toBe('');
      expect((h as unknown as { shadowRoot: ShadowRoot | null }).shadowRoot).toBeNull(); // closed
    }
    const light = document.documentElement.outerHTML;
    expect(light).not.toContain('87');
    expect(light).not.toContain('73');
    expect(light).not.toContain('match');
  });

  it('strips attributes the page puts on a host', async () => {
    const { send } = fakeSend({ a: 87 });
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a'));
    await settle();
    const host = hosts()[0]!;
    host.setAttribute('hidden', '');
    host.setAttribute('style', 'display:none');
    await wait(5);
    expect(host.attributes.length).toBe(0);
  });

  it('re-requests when a recycled tile shows another title and never shows the old percentage on it', async () => {
    const table: Record<string, number | null> = { a: 87, b: 55 };
    const { send, calls } = fakeSend(table, { delay: 30 });
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5 });
    const el = tile('a');
    layer.onTile(el, info('a'));
    // Recycled before the reply for "a" arrives: the reply must not paint 87% on "b".
    await wait(15);
    layer.onTile(el, info('b'));
    await wait(10);
    expect(hosts()).toHaveLength(0);
    await settle(80);
    const ids = calls.filter((m) => m.type === 'rank/page').flatMap((m) => (m.type === 'rank/page' ? m.titles.map((t) => t.siteItemId) : []));
    expect(ids).toEqual(['a', 'b']);
    expect(hosts()).toHaveLength(1);
    expect(shadowText(hosts()[0]!)).toContain('55%');
    expect(shadowText(hosts()[0]!)).not.toContain('87%');

    // Recycled again, back to "a" (cached): the "b" badge goes at once, the "a" one comes next frame.
    layer.onTile(el, info('a'));
    expect(hosts()).toHaveLength(0);
    await frame();
    await frame();
    expect(hosts()).toHaveLength(1);
    expect(shadowText(hosts()[0]!)).toContain('87%');
    // ...and to a title with no match: no badge at all, and no stale one.
    table['c'] = null;
    layer.onTile(el, info('c'));
    expect(hosts()).toHaveLength(0);
    await settle(80);
    expect(hosts()).toHaveLength(0);
  });

  it('shows nothing in mode off, and badges appear when switched on', async () => {
    const { send, calls } = fakeSend({ a: 87 });
    const layer = createBadgeLayer({ send, mode: 'off', signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a'));
    await settle();
    expect(hosts()).toHaveLength(0);
    expect(calls).toHaveLength(0);
    layer.setMode('on');
    await settle();
    await frame();
    expect(hosts()).toHaveLength(1);
    layer.setMode('off');
    expect(hosts()).toHaveLength(0);
  });

  it('hover mode keeps the badge hidden until its tile is hovered', async () => {
    const { send } = fakeSend({ a: 87 });
    const layer = createBadgeLayer({ send, mode: 'hover', signal: ac.signal, batchDelayMs: 5 });
    const el = tile('a');
    el.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, right: 200, bottom: 300, width: 200, height: 300, toJSON() {} }) as DOMRect;
    layer.onTile(el, info('a'));
    await settle();
    await frame();
    const pos = shadowRootOf(hosts()[0]!)!.querySelector<HTMLElement>('.pos')!;
    expect(pos.hidden).toBe(true);
    el.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await frame();
    await frame();
    expect(pos.hidden).toBe(false);
  });

  it('thumbs down sends rating/set and hides the badge', async () => {
    const { send, calls } = fakeSend({ a: 87 });
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a'));
    await settle();
    const root = shadowRootOf(hosts()[0]!)!;
    badgeButton(hosts()[0]!)!.click();
    await until(() => shadowRootOf(hosts()[0]!)?.querySelector('[role="menu"]'));
    const menu = root.querySelector('[role="menu"]');
    expect(menu).not.toBeNull();
    const items = Array.from(root.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]'));
    // Every item has a visible text label and an SVG icon; no emoji (blank without an emoji font).
    expect(items.map((b) => b.textContent)).toEqual(['Thumbs down', 'Thumbs up', 'Love', 'Not interested', 'Why this?']);
    expect(items.map((b) => b.querySelector('svg')?.getAttribute('data-icon'))).toEqual(['thumbs-down', 'thumbs-up', 'heart', 'ban', 'question']);
    for (const b of items) expect(b.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    items[0]!.click();
    await until(() => !root.querySelector('button.badge'));
    const rating = calls.find((m) => m.type === 'rating/set');
    expect(rating).toMatchObject({ type: 'rating/set', value: 'down', title: { siteItemId: 'a' } });
    expect(root.querySelector('button.badge')).toBeNull();
    expect(root.querySelector('[role="status"]')?.textContent).toContain('thumbs down');
  });

  it('thumbs up keeps the badge and marks it; Escape closes the menu and returns focus', async () => {
    const { send, calls } = fakeSend({ a: 87 });
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a'));
    await settle();
    const root = shadowRootOf(hosts()[0]!)!;
    badgeButton(hosts()[0]!)!.click();
    await until(() => shadowRootOf(hosts()[0]!)?.querySelector('[role="menu"]'));
    root.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]')[1]!.click();
    await until(() => !root.querySelector('[role="menu"]'));
    expect(calls.find((m) => m.type === 'rating/set')).toMatchObject({ value: 'up' });
    expect(badgeButton(hosts()[0]!)?.querySelector('svg[data-icon="thumbs-up"]')).not.toBeNull();
    expect(badgeButton(hosts()[0]!)?.getAttribute('aria-label')).toBe('87% match for you, rated thumbs up — options');
    expect(root.querySelector('[role="menu"]')).toBeNull();

    badgeButton(hosts()[0]!)!.click();
    await until(() => shadowRootOf(hosts()[0]!)?.querySelector('[role="menu"]'));
    const first = root.querySelector<HTMLElement>('[role^="menuitem"]')!;
    await until(() => root.activeElement === first); // focus moves into the menu
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await until(() => !root.querySelector('[role="menu"]'));
    expect(root.querySelector('[role="menu"]')).toBeNull();
    expect(root.activeElement).toBe(badgeButton(hosts()[0]!));
  });

  it('"Why this?" shows the reasons as text', async () => {
    const { send } = fakeSend({ a: 87 });
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a', '<img src=x onerror=alert(1)>'));
    await settle();
    const root = shadowRootOf(hosts()[0]!)!;
    badgeButton(hosts()[0]!)!.click();
    await until(() => shadowRootOf(hosts()[0]!)?.querySelector('[role="menu"]'));
    Array.from(root.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')).at(-1)!.click();
    await until(() => root.querySelector('.why li'));
    expect(root.querySelector('.why li')?.textContent).toBe('Because you watched a-ish');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.why h2')?.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('paints from warm scores without a round trip, and asks again once the data changed', async () => {
    const { send, calls } = fakeSend({ a: 70 });
    const known = (id: string) => (id === 'a' ? { siteItemId: 'a', match: 88, why: [] } : undefined);
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5, known });
    layer.onTile(tile('a'), info('a'));
    await settle();
    await until(() => hosts().length === 1 && shadowRootOf(hosts()[0]!)?.textContent?.includes('88%'));
    expect(calls.filter((m) => m.type === 'rank/page')).toEqual([]);
    layer.invalidate();
    await settle();
    expect(calls.filter((m) => m.type === 'rank/page')).toHaveLength(1);
    await until(() => shadowRootOf(hosts()[0]!)?.textContent?.includes('70%'));
  });

  it('paints stale warm scores at once, then asks for those titles again and shows the fresh score', async () => {
    let answer: () => void = () => undefined;
    const engine = fakeSend({ a: 61 });
    const calls = engine.calls;
    // The engine answers when told: the stale score is on screen first.
    const send = (async (m: ContentMessage) => {
      if (m.type === 'rank/page') await new Promise<void>((r) => (answer = r));
      return engine.send(m as never);
    }) as unknown as Send;
    const layer = createBadgeLayer({ send, mode: null, signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a'));
    const stale = Object.assign((id: string) => (id === 'a' ? { siteItemId: 'a', match: 88, why: [] } : undefined), { stale: true });
    layer.setKnown(stale);
    layer.setMode('on');
    await until(() => hosts().length === 1 && shadowText(hosts()[0]!).includes('88%'));
    answer();
    await until(() => shadowText(hosts()[0]!).includes('61%'));
    expect(calls.filter((m) => m.type === 'rank/page').map((m) => (m.type === 'rank/page' ? m.titles.map((t) => t.siteItemId) : []))).toEqual([
      ['a'],
    ]);
  });

  it('collects tiles while the mode is unknown, then paints warm ones without a round trip and asks for the rest', async () => {
    const { send, calls } = fakeSend({ b: 64 });
    const layer = createBadgeLayer({ send, mode: null, signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a'));
    layer.onTile(tile('b'), info('b'));
    await settle();
    await frame();
    expect(calls).toEqual([]);
    expect(hosts()).toHaveLength(0);
    layer.setKnown((id) => (id === 'a' ? { siteItemId: 'a', match: 88, why: [] } : undefined));
    layer.setMode('on');
    await settle();
    const ranks = calls.filter((m) => m.type === 'rank/page');
    expect(ranks.map((m) => (m.type === 'rank/page' ? m.titles.map((t) => t.siteItemId) : []))).toEqual([['b']]);
    await until(() => hosts().length === 2);
    const texts = hosts().map(shadowText).join(' ');
    expect(texts).toContain('88%');
    expect(texts).toContain('64%');
  });

  it('asks for nothing when the mode turns out to be off', async () => {
    const { send, calls } = fakeSend({ a: 80 });
    const layer = createBadgeLayer({ send, mode: null, signal: ac.signal, batchDelayMs: 5 });
    layer.onTile(tile('a'), info('a'));
    layer.setMode('off');
    await settle();
    await frame();
    expect(calls).toEqual([]);
    expect(hosts()).toHaveLength(0);
  });

  it("watches tiles through the page's shared observer when given one", async () => {
    const { send } = fakeSend({ a: 87 });
    const observed = new Set<Element>();
    let report: (e: { target: Element; isIntersecting: boolean; intersectionRatio: number }[]) => void = () => undefined;
    const observer = (cb: typeof report) => {
      report = cb;
      return { observe: (el: Element) => observed.add(el), unobserve: (el: Element) => observed.delete(el), disconnect: () => observed.clear() };
    };
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5, observer });
    const a = tile('a');
    layer.onTile(a, info('a'));
    await settle();
    expect(observed.has(a)).toBe(true);
    report([{ target: a, isIntersecting: true, intersectionRatio: 1 }]);
    await until(() => hosts().length === 1);
    layer.onTileGone(a);
    expect(observed.has(a)).toBe(false);
  });

  it('removes badges when tiles go, and everything on abort', async () => {
    const { send } = fakeSend({ a: 87, b: 90 });
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5 });
    const a = tile('a');
    layer.onTile(a, info('a'));
    layer.onTile(tile('b'), info('b'));
    await settle();
    expect(hosts()).toHaveLength(2);
    layer.onTileGone(a);
    expect(hosts()).toHaveLength(1);
    ac.abort();
    expect(hosts()).toHaveLength(0);
  });

  it('keeps timings in the module for benchmarks', async () => {
    const { send } = fakeSend({ a: 87 });
    const layer = createBadgeLayer({ send, mode: 'on', signal: ac.signal, batchDelayMs: 5 });
    const el = tile('a');
    el.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, right: 200, bottom: 300, width: 200, height: 300, toJSON() {} }) as DOMRect;
    layer.onTile(el, info('a'));
    await settle();
    await frame();
    await frame();
    const t = getBadgeTimings();
    expect(t.tilesSeen).toBe(1);
    expect(t.batches).toBe(1);
    expect(t.titlesRequested).toBe(1);
    expect(t.frames).toBeGreaterThan(0);
  });
});
