import { describe, expect, it } from 'vitest';
import { isAbandoned, isPreviewLeft, skipSender, type ClosedPlay } from './skips';
import { fakeSend, tileInfo } from '../../test/support/record-test-utils';

const ctx = () => ({ hour: 20, weekday: 5, device: 'desktop' as const, site: 'demo.test' });
const play = (p: Partial<ClosedPlay>): ClosedPlay => ({
  mode: 'watching',
  secondsWatched: 60,
  duration: 5400,
  completion: 60 / 5400,
  ended: false,
  ...p,
});

describe('abandoned play', () => {
  it('one minute of a feature film is abandoned', () => {
    expect(isAbandoned(play({}))).toBe(true);
  });
  it('the absolute limit: two minutes or more is not abandoned, even at low completion', () => {
    expect(isAbandoned(play({ secondsWatched: 150, completion: 150 / 5400 }))).toBe(false);
  });
  it('the relative limit: a short play of a short video is not abandoned when much of it was seen', () => {
    expect(isAbandoned(play({ secondsWatched: 100, duration: 180, completion: 100 / 180 }))).toBe(false);
  });
  it('the short-media limit: 25% of a 4-minute video is abandoned, 25% of a film would not be', () => {
    expect(isAbandoned(play({ secondsWatched: 60, duration: 240, completion: 0.25 }))).toBe(true);
    expect(isAbandoned(play({ secondsWatched: 60, duration: 1200, completion: 0.25 }))).toBe(false);
  });
  it('under three seconds is a mis-click', () => {
    expect(isAbandoned(play({ secondsWatched: 2, completion: 0 }))).toBe(false);
    expect(isAbandoned(play({ secondsWatched: 4, completion: 0.001 }))).toBe(true);
  });
  it('previews, ended media and unknown durations are never abandoned plays', () => {
    expect(isAbandoned(play({ mode: 'preview', secondsWatched: 0 }))).toBe(false);
    expect(isAbandoned(play({ ended: true }))).toBe(false);
    expect(isAbandoned(play({ duration: null, completion: null }))).toBe(false);
  });
});

describe('preview left at once', () => {
  it('a preview left after 5 s without pressing play is a skip', () => {
    expect(isPreviewLeft({ shownMs: 5_000, pressedPlay: false })).toBe(true);
  });
  it('10 s or more is interest, not a skip', () => {
    expect(isPreviewLeft({ shownMs: 10_000, pressedPlay: false })).toBe(false);
  });
  it('pressing play cancels it', () => {
    expect(isPreviewLeft({ shownMs: 5_000, pressedPlay: true })).toBe(false);
  });
  it('under a second is the pointer passing by', () => {
    expect(isPreviewLeft({ shownMs: 300, pressedPlay: false })).toBe(false);
  });
});

describe('sending skips', () => {
  it('sends one skip per title and reason per page', () => {
    const send = fakeSend();
    const skip = skipSender({ send, context: ctx });
    skip(tileInfo('m1'), 'preview', null);
    skip(tileInfo('m1'), 'preview', null);
    skip(tileInfo('m1'), 'abandoned', 40);
    expect(send.of('skip/record').map((m) => [m.title.siteItemId, m.reason, m.secondsWatched])).toEqual([
      ['m1', 'preview', null],
      ['m1', 'abandoned', 40],
    ]);
  });
  it('sends nothing while recording is off', () => {
    const send = fakeSend();
    skipSender({ send, context: ctx, enabled: () => false })(tileInfo('m1'), 'preview', null);
    expect(send.sent).toEqual([]);
  });
});
