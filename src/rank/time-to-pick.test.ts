import { describe, expect, it } from 'vitest';
import { timeToPick, VISIT_GAP_MS } from './time-to-pick';

const NOW = Date.UTC(2026, 10, 20, 21, 0, 0);
const MIN = 60_000;
const site = 'demo.test';
const browse = (at: number, s = site) => ({ site: s, at });
const watch = (startedAt: number, completion = 1, s = site, minutes = 90) => ({ site: s, startedAt, endedAt: startedAt + minutes * MIN, completion });

describe('time to pick', () => {
  it('is the time from the first browsing event of the run to the start of a finished watch', () => {
    const t0 = NOW - 3 * 60 * MIN;
    const r = timeToPick([browse(t0), browse(t0 + 2 * MIN), browse(t0 + 4 * MIN)], [watch(t0 + 5 * MIN)], NOW);
    expect(r.picks).toBe(1);
    expect(r.medianSeconds).toBe(300);
  });

  it('a gap longer than VISIT_GAP_MS starts a new run', () => {
    const t0 = NOW - 5 * 60 * MIN;
    const r = timeToPick([browse(t0), browse(t0 + VISIT_GAP_MS + 2 * MIN)], [watch(t0 + VISIT_GAP_MS + 3 * MIN)], NOW);
    expect(r.medianSeconds).toBe(60);
  });

  it('does not count abandoned watches, watches with no browsing before them, or other sites’ browsing', () => {
    const t0 = NOW - 10 * 60 * MIN;
    const r = timeToPick(
      [browse(t0), browse(t0 + MIN, 'other.test')],
      [watch(t0 + 2 * MIN, 0.2), watch(t0 + 4 * 60 * MIN), watch(t0 + 2 * MIN, 1, 'other.test')],
      NOW,
    );
    expect(r.picks).toBe(1); // only the other site's pick, one minute after its own browsing
    expect(r.medianSeconds).toBe(60);
  });

  it('after watching, the next choice is timed from when browsing resumed, not from the first visit', () => {
    const t0 = NOW - 10 * 60 * MIN;
    const first = watch(t0 + 10 * MIN, 1, site, 30); // ends at t0 + 40 min
    const r = timeToPick([browse(t0), browse(t0 + 41 * MIN), browse(t0 + 43 * MIN)], [first, watch(t0 + 46 * MIN)], NOW);
    expect(r.picks).toBe(2);
    expect(r.medianSeconds).toBe((600 + 300) / 2);
  });

  it('counts one pick per run, keeps to the last four weeks, and buckets them by week', () => {
    const weekAgo = NOW - 7 * 24 * 60 * MIN - 60 * MIN;
    const old = NOW - 40 * 24 * 60 * MIN;
    const recent = NOW - 60 * MIN;
    const r = timeToPick(
      [browse(old), browse(weekAgo), browse(recent)],
      [watch(old + MIN), watch(weekAgo + 4 * MIN, 1, site, 5), watch(weekAgo + 4 * MIN + 30_000), watch(recent + 2 * MIN)],
      NOW,
    );
    expect(r.picks).toBe(2);
    expect(r.weeks.map((w) => w.picks)).toEqual([0, 0, 1, 1]);
    expect(r.weeks.map((w) => w.medianSeconds)).toEqual([null, null, 240, 120]);
  });

  it('with nothing to go on, says so', () => {
    expect(timeToPick([], [], NOW)).toMatchObject({ picks: 0, medianSeconds: null });
  });
});
