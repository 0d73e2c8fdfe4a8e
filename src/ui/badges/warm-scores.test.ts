import { describe, expect, it } from 'vitest';
import type { Send } from '../../record/types';
import type { Reply } from '../../messages/protocol';
import { firstBadgeMode, parseRecentScores, warmScoresFrom } from './warm-scores';

/** What the content script does at document start: ask rank/recent, look the scores up. */
const fetchWarmScores = (send: Send, waitMs?: number, notBefore?: Promise<unknown>) =>
  warmScoresFrom(send({ type: 'rank/recent' }), waitMs, notBefore);

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

  it('waits past waitMs while the mode is still on its way (nothing paints before it), not longer', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const late = (() => new Promise((r) => (answer = r))) as unknown as Send;
    let modeKnown: () => void = () => undefined;
    const mode = new Promise<void>((r) => (modeKnown = r));
    const warm = fetchWarmScores(late, 5, mode);
    await new Promise((r) => setTimeout(r, 20)); // past waitMs
    answer({ ok: true, value: { scores: [{ siteItemId: 'a', match: 77, why: [] }] } });
    modeKnown();
    expect((await warm)('a')?.match).toBe(77);
    // The mode known and waitMs over: a reply that has not come is not waited for.
    const never = (() => new Promise(() => undefined)) as unknown as Send;
    expect((await fetchWarmScores(never, 5, Promise.resolve()))('a')).toBeUndefined();
    expect((await fetchWarmScores(never, 5, Promise.reject(new Error('no mode'))))('a')).toBeUndefined();
  });

  it('the badge mode comes from the first reply that names one; on when none does', async () => {
    const never = new Promise<Reply<unknown>>(() => undefined);
    const recent = Promise.resolve({ ok: true as const, value: { scores: [], badgeMode: 'hover' } });
    expect(await firstBadgeMode([recent, never])).toBe('hover'); // state/get still on its way
    const bad = Promise.resolve({ ok: true as const, value: { badgeMode: '<b>off</b>' } });
    const state = Promise.resolve({ ok: true as const, value: { badgeMode: 'off' } });
    expect(await firstBadgeMode([bad, state])).toBe('off'); // a malformed answer is not a mode
    const failed = Promise.resolve({ ok: false as const, error: 'no receiver' });
    expect(await firstBadgeMode([failed, Promise.reject(new Error('gone'))])).toBe('on');
  });

  it('warm scores from a rank/recent already sent', async () => {
    const reply = Promise.resolve({ ok: true as const, value: { scores: [{ siteItemId: 'z', match: 64, why: [] }], badgeMode: 'on' } });
    const known = await warmScoresFrom(reply);
    expect(known('z')?.match).toBe(64);
    expect(known.stale).toBe(false);
  });

  it('says when the warm scores are stale (only a true `stale` counts)', async () => {
    const reply = (stale: unknown) => Promise.resolve({ ok: true as const, value: { scores: [{ siteItemId: 'z', match: 64, why: [] }], stale } });
    expect((await warmScoresFrom(reply(true))).stale).toBe(true);
    expect((await warmScoresFrom(reply('yes'))).stale).toBe(false);
    const failed = Promise.resolve({ ok: false as const, error: 'no receiver' });
    expect((await warmScoresFrom(failed)).stale).toBe(false);
  });
});
