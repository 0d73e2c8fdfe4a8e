// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ATTRIBUTION_WINDOW_MS, DEDUPE_MS, SearchTracker, startSearches, TYPED_SETTLE_MS, URL_SETTLE_MS } from './searches';
import { createTileScanner } from './tile-scanner';
import { fakeAdapter, fakeSend, manualIdle, tileInfo } from '../../test/support/record-test-utils';
import { systemClock } from './types';

describe('SearchTracker', () => {
  it('trims, rejects one-character queries, and dedupes the same query within 30 s', () => {
    let n = 0;
    const t = new SearchTracker(() => `s${++n}`);
    expect(t.submitted('  a ', 0)).toBeNull();
    expect(t.submitted('  alien   romulus ', 0)).toEqual({ searchId: 's1', query: 'alien romulus' });
    expect(t.submitted('Alien Romulus', 10_000)).toBeNull();
    expect(t.submitted('alien romulus', 10_000 + DEDUPE_MS + 1)).toEqual({ searchId: 's2', query: 'alien romulus' });
  });
  it('attributes the first title opened within 10 minutes, once', () => {
    const t = new SearchTracker(() => 's1');
    t.submitted('heat', 0);
    expect(t.opened(60_000)).toBe('s1');
    expect(t.opened(61_000)).toBeNull();
    t.submitted('ronin', 100_000);
    expect(t.opened(100_000 + ATTRIBUTION_WINDOW_MS + 1)).toBeNull();
  });
});

describe('startSearches', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
    history.replaceState(null, '', '/');
  });

  function setup() {
    const idle = manualIdle();
    const life = new AbortController();
    const scanner = createTileScanner({ adapter: fakeAdapter(), doc: document, signal: life.signal, idle });
    scanner.subscribe({}, life.signal);
    const send = fakeSend();
    const ctx = () => ({ hour: 20, weekday: 5, device: 'desktop' as const, site: 'demo.test' });
    let n = 0;
    const s = startSearches({
      adapter: fakeAdapter(),
      scanner,
      doc: document,
      win: window,
      signal: life.signal,
      send,
      clock: systemClock,
      context: ctx,
      newId: () => `s${++n}`,
    });
    return { s, send, idle, life };
  }

  it('records a submitted search box once (Enter and submit together), then the URL repeat is deduped', () => {
    document.body.innerHTML = '<form><input type="search"></form>';
    const { s, send } = setup();
    const input = document.querySelector('input')!;
    input.value = '  the thing ';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    document.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true }));
    vi.advanceTimersByTime(500);
    history.pushState(null, '', '/search?q=the+thing');
    s.urlChanged();
    vi.advanceTimersByTime(URL_SETTLE_MS + 10);
    expect(send.of('search/record').map((m) => [m.searchId, m.query])).toEqual([['s1', 'the thing']]);
  });

  it('ignores Enter in inputs that are not search boxes', () => {
    document.body.innerHTML = '<input type="text" id="comment">';
    const { send } = setup();
    const input = document.querySelector('input')!;
    input.value = 'nice film';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    vi.advanceTimersByTime(1_000);
    expect(send.sent).toEqual([]);
  });

  it('records a search-results URL once it settles (search-as-you-type)', () => {
    const { s, send } = setup();
    for (const q of ['a', 'al', 'ali', 'alie', 'alien']) {
      history.replaceState(null, '', `/search?q=${q}`);
      s.urlChanged();
      vi.advanceTimersByTime(200);
    }
    vi.advanceTimersByTime(URL_SETTLE_MS);
    expect(send.of('search/record').map((m) => m.query)).toEqual(['alien']);
  });

  /** Types `text` into the box a key at a time, as a person does (each key an `input` event). */
  function typeInto(input: HTMLInputElement, text: string) {
    for (let i = 1; i <= text.length; i++) {
      input.value = text.slice(0, i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      vi.advanceTimersByTime(150);
    }
  }

  it('a box whose results come as you type (no Enter, no URL): the query once it stands, a pause mid-word is none', () => {
    document.body.innerHTML = '<div role="search"><input type="search" aria-label="Search"></div>';
    const { send } = setup();
    const input = document.querySelector('input')!;
    typeInto(input, 'the');
    vi.advanceTimersByTime(TYPED_SETTLE_MS - 500); // a pause shorter than the settle time
    typeInto(input, 'the office');
    vi.advanceTimersByTime(TYPED_SETTLE_MS + 10);
    expect(send.of('search/record').map((m) => m.query)).toEqual(['the office']);
    // Enter on the same query after all: the same search.
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    vi.advanceTimersByTime(1_000);
    expect(send.of('search/record').map((m) => m.query)).toEqual(['the office']);
  });

  it('a result opened while the typed query stands: the query is recorded then, and the result is its answer', () => {
    document.body.innerHTML = '<input type="search"><a class="tile" data-id="m9"><span>Heat</span></a><a class="tile" data-id="m8">Ronin</a>';
    const { send, idle } = setup();
    idle.runAll();
    typeInto(document.querySelector('input')!, 'heat');
    (document.querySelector('span') as HTMLElement).click();
    vi.advanceTimersByTime(TYPED_SETTLE_MS + 10);
    expect(send.of('search/record').map((m) => [m.searchId, m.query])).toEqual([['s1', 'heat']]);
    expect(send.of('search/opened').map((m) => [m.searchId, m.title.siteItemId])).toEqual([['s1', 'm9']]);
  });

  it('typing in a box that is not a search box records nothing', () => {
    document.body.innerHTML = '<input type="text" id="comment">';
    const { send } = setup();
    typeInto(document.querySelector('input')!, 'great film');
    vi.advanceTimersByTime(TYPED_SETTLE_MS + 10);
    expect(send.sent).toEqual([]);
  });

  it('records the search of a results page loaded directly', () => {
    history.replaceState(null, '', '/search?q=heat');
    const { send } = setup();
    vi.advanceTimersByTime(URL_SETTLE_MS + 10);
    expect(send.of('search/record').map((m) => m.query)).toEqual(['heat']);
  });

  it('attributes the tile activated on the results page', () => {
    history.replaceState(null, '', '/search?q=heat');
    document.body.innerHTML = '<a class="tile" data-id="m9"><span>Heat</span></a><a class="tile" data-id="m8">Ronin</a>';
    const { send, idle } = setup();
    idle.runAll();
    vi.advanceTimersByTime(URL_SETTLE_MS + 10);
    (document.querySelector('span') as HTMLElement).click();
    (document.querySelector('a[data-id="m8"]') as HTMLElement).click();
    expect(send.of('search/opened').map((m) => [m.searchId, m.title.siteItemId])).toEqual([['s1', 'm9']]);
  });

  it('attributes the next title page opened within 10 minutes, not later', () => {
    const { s, send } = setup();
    history.replaceState(null, '', '/search?q=heat');
    s.urlChanged();
    vi.advanceTimersByTime(URL_SETTLE_MS + 10);
    vi.advanceTimersByTime(60_000);
    s.titleOpened(tileInfo('m9', 'Heat'));
    history.replaceState(null, '', '/search?q=ronin');
    s.urlChanged();
    vi.advanceTimersByTime(URL_SETTLE_MS + ATTRIBUTION_WINDOW_MS + 1);
    s.titleOpened(tileInfo('m8', 'Ronin'));
    expect(send.of('search/opened').map((m) => [m.searchId, m.title.siteItemId])).toEqual([['s1', 'm9']]);
  });
});
