// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeAdapter, tileInfo } from '../../test/support/record-test-utils';
import { PLAY_GRACE_MS, startTitlePages } from './title-pages';
import { systemClock } from './types';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  history.replaceState(null, '', '/');
});

function setup(path: string) {
  history.replaceState(null, '', path);
  const skips: string[] = [];
  const shown: string[] = [];
  const life = new AbortController();
  const pages = startTitlePages({
    adapter: fakeAdapter(),
    doc: document,
    win: window,
    signal: life.signal,
    clock: systemClock,
    skip: (t, reason) => skips.push(`${reason} ${t.siteItemId}`),
    onTitleShown: (t) => shown.push(t.siteItemId),
  });
  const go = (p: string) => {
    history.pushState(null, '', p);
    pages.urlChanged();
  };
  return { pages, skips, shown, go };
}

describe('title pages', () => {
  it('a title page left within 10 s without play is a preview skip', () => {
    const { skips, shown, go } = setup('/title/m1');
    vi.advanceTimersByTime(4_000);
    go('/');
    vi.advanceTimersByTime(PLAY_GRACE_MS + 1);
    expect(shown).toEqual(['m1']);
    expect(skips).toEqual(['preview m1']);
  });

  it('a title page looked at for 10 s or more is not', () => {
    const { skips, go } = setup('/title/m1');
    vi.advanceTimersByTime(12_000);
    go('/');
    vi.advanceTimersByTime(PLAY_GRACE_MS + 1);
    expect(skips).toEqual([]);
  });

  it('pressing play (even on another id, e.g. an episode) is not a skip', () => {
    const { pages, skips, go } = setup('/title/show1');
    vi.advanceTimersByTime(3_000);
    go('/watch/ep1');
    vi.advanceTimersByTime(1_000);
    pages.realPlay(tileInfo('ep1'));
    vi.advanceTimersByTime(PLAY_GRACE_MS + 1);
    expect(skips).toEqual([]);
  });

  it('the same title across URLs (detail → watch) is one presence', () => {
    const { pages, skips, shown, go } = setup('/title/m1');
    vi.advanceTimersByTime(2_000);
    go('/watch/m1');
    pages.realPlay(tileInfo('m1'));
    vi.advanceTimersByTime(3_000);
    window.dispatchEvent(new Event('pagehide'));
    expect(shown).toEqual(['m1']);
    expect(skips).toEqual([]);
  });

  it('time in a hidden tab does not count as looking', () => {
    const { skips } = setup('/title/m1');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(60_000);
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(3_000);
    window.dispatchEvent(new Event('pagehide'));
    expect(skips).toEqual(['preview m1']);
  });
});
