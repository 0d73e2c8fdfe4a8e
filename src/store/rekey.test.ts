import { describe, expect, it } from 'vitest';
import { rekeyEvents } from './rekey';
import type { ImpressionRecord, RatingRecord, SkipRecord, WatchSessionRecord } from './records';

const ctx = { hour: 20, weekday: 5, device: 'desktop', site: 'a.tv' } as const;
const watch = (id: string, titleId: string, titleKey: string) =>
  ({
    id,
    titleId,
    titleKey,
    site: 'a.tv',
    startedAt: 1,
    endedAt: 2,
    secondsWatched: 1,
    duration: null,
    completion: 0,
    pauses: 0,
    seeks: 0,
    rewatch: false,
    state: 'closed',
    ctx,
  }) satisfies WatchSessionRecord;
const skip = (id: string, titleId: string, titleKey: string) =>
  ({ id, titleId, titleKey, site: 'a.tv', at: 1, reason: 'preview', secondsWatched: null, ctx }) satisfies SkipRecord;
const seen = (id: string, titleId: string, titleKey: string) =>
  ({ id, titleId, titleKey, site: 'a.tv', at: 1, day: '2024-01-01', row: null, ctx }) satisfies ImpressionRecord;
const rated = (titleId: string, titleKey: string, at: number) => ({ titleId, titleKey, site: 'a.tv', value: 'up', at }) satisfies RatingRecord;

describe('rekeyEvents', () => {
  const keyOf = new Map([['a.tv:1', 'heat|1995']]);
  const out = rekeyEvents(
    {
      watchSessions: [watch('w1', 'a.tv:1', 'heat'), watch('w2', 'a.tv:2', 'heat')],
      skips: [skip('k1', 'a.tv:1', 'heat')],
      impressions: [seen('i1', 'a.tv:1', 'heat')],
      ratings: [rated('a.tv:1', 'heat', 5), rated('b.tv:9', 'heat|1995', 3), rated('a.tv:3', 'ronin|1998', 1)],
    },
    (id) => keyOf.get(id),
  );

  it("puts each event of a known title under its record's key; an unknown title's event keeps its own", () => {
    expect(out.watchSessions.map((w) => [w.id, w.titleKey])).toEqual([
      ['w1', 'heat|1995'],
      ['w2', 'heat'],
    ]);
    expect(out.skips[0]?.titleKey).toBe('heat|1995');
    expect(out.impressions[0]?.titleKey).toBe('heat|1995');
  });

  it('keeps one rating per key, the later one', () => {
    expect(out.ratings.map((r) => [r.titleKey, r.titleId, r.at])).toEqual([
      ['heat|1995', 'a.tv:1', 5],
      ['ronin|1998', 'a.tv:3', 1],
    ]);
  });
});
