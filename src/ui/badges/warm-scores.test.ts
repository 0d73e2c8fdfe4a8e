import { describe, expect, it } from 'vitest';
import type { Send } from '../../record/types';
import { fetchWarmScores, parseRecentScores } from './warm-scores';

describe('warm scores', () => {
  it('keeps well-formed scores and drops the rest', () => {
    const m = parseRecentScores({
      scores: [{ siteItemId: 'a', match: 81, why: ['x', 3] }, { siteItemId: 5 }, null, { siteItemId: 'b', match: 'NaN' }],
    });
    expect([...m.values()]).toEqual([
      { siteItemId: 'a', match: 81, why: ['x'] },
      { siteItemId: 'b', match: null, why: [] },
    ]);
    expect(parseRecentScores({ scores: 'nope' }).size).toBe(0);
  });

  it('asks rank/recent and looks scores up', async () => {
    const sent: unknown[] = [];
    const send = (async (m: unknown) => {
      sent.push(m);
      return { ok: true, value: { scores: [{ siteItemId: 'a', match: 90, why: [] }] } };
    }) as unknown as Send;
    const known = await fetchWarmScores(send);
    expect(sent).toEqual([{ type: 'rank/recent' }]);
    expect(known('a')?.match).toBe(90);
    expect(known('b')).toBeUndefined();
  });

  it('a failed or slow answer means nothing is known', async () => {
    const failing = (async () => {
      throw new Error('no receiver');
    }) as unknown as Send;
    expect((await fetchWarmScores(failing))('a')).toBeUndefined();
    const slow = (() => new Promise(() => undefined)) as unknown as Send;
    expect((await fetchWarmScores(slow, 10))('a')).toBeUndefined();
  });
});
