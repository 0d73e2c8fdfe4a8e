import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TitleInput } from '../../messages/protocol';
import type { PageScore } from '../../messages/replies';
import type { Send } from '../../record/types';
import { createScoreBatcher, MAX_HOLD_MS, QUIET_MS } from './score-batcher';

const title = (id: string): TitleInput => ({ siteItemId: id, title: `Title ${id}` }) as TitleInput;

type Answer = 'ok' | 'error' | 'throw';

function fakeSend(answers: Answer[]) {
  const calls: string[][] = [];
  const send = (async (m: { titles: TitleInput[] }) => {
    calls.push(m.titles.map((t) => t.siteItemId));
    const a = answers.shift() ?? 'ok';
    if (a === 'throw') throw new Error('extension context invalidated');
    if (a === 'error') return { ok: false, error: 'engine did not answer' };
    return { ok: true, value: { scores: m.titles.map((t) => ({ siteItemId: t.siteItemId, match: 0.8, why: [] })), evidence: 5 } };
  }) as unknown as Send;
  return { send, calls };
}

describe('score batcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once for tiles that arrive together, and never again for a scored tile', async () => {
    const { send, calls } = fakeSend([]);
    const got: PageScore[] = [];
    const b = createScoreBatcher({ send, onScores: (m) => got.push(...m.values()), delayMs: 30 });
    b.want(title('a'));
    b.want(title('b'));
    b.want(title('a'));
    await vi.advanceTimersByTimeAsync(31);
    expect(calls).toEqual([['a', 'b']]);
    expect(got.map((s) => s.siteItemId).sort()).toEqual(['a', 'b']);
    b.want(title('a'));
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
    expect(b.get('a')?.match).toBe(0.8);
  });

  it('does not re-send a failed batch on its own (the engine client retries); a later sighting asks again', async () => {
    const { send, calls } = fakeSend(['error', 'throw', 'ok']);
    const got: string[] = [];
    const b = createScoreBatcher({ send, onScores: (m) => got.push(...m.keys()), delayMs: 10 });
    b.want(title('y'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    b.want(title('y'));
    await vi.advanceTimersByTimeAsync(11);
    expect(calls).toHaveLength(2);
    expect(b.get('y')).toBeUndefined();
    b.want(title('y'));
    await vi.advanceTimersByTimeAsync(11);
    expect(calls).toHaveLength(3);
    expect(got).toEqual(['y']);
  });

  it('drops a reply that was asked for before invalidate()', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = fakeSend([]).send;
    const send = (async (m: never) => {
      await gate;
      return inner(m);
    }) as unknown as Send;
    const got: string[] = [];
    const b = createScoreBatcher({ send, onScores: (m) => got.push(...m.keys()), delayMs: 10 });
    b.want(title('old'));
    await vi.advanceTimersByTimeAsync(11);
    b.invalidate();
    release();
    await vi.advanceTimersByTimeAsync(1);
    expect(got).toEqual([]);
    expect(b.get('old')).toBeUndefined();
  });

  it('holds titles while a batch is in flight and sends them together when its reply lands (or after MAX_HOLD_MS)', async () => {
    const calls: string[][] = [];
    const replies: (() => void)[] = [];
    const send = ((m: { titles: TitleInput[] }) => {
      calls.push(m.titles.map((t) => t.siteItemId));
      return new Promise((resolve) => {
        replies.push(() =>
          resolve({ ok: true, value: { scores: m.titles.map((t) => ({ siteItemId: t.siteItemId, match: 0.5, why: [] })), evidence: 1 } }),
        );
      });
    }) as unknown as Send;
    const b = createScoreBatcher({ send, onScores: () => undefined, delayMs: 10 });
    b.want(title('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([['a']]); // the first batch goes at once
    b.want(title('b'));
    await vi.advanceTimersByTimeAsync(20);
    b.want(title('c'));
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toHaveLength(1); // held: 'a' is still being scored
    replies.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([['a'], ['b', 'c']]);
    // A reply that never comes holds the next titles MAX_HOLD_MS at most.
    b.want(title('d'));
    await vi.advanceTimersByTimeAsync(MAX_HOLD_MS - 20);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(40);
    expect(calls).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('leads with small batches at the start of a burst of tiles, not for titles held in the middle of one', async () => {
    const { send, calls } = fakeSend([]);
    const b = createScoreBatcher({ send, onScores: () => undefined, delayMs: 10 });
    for (let i = 0; i < 200; i++) b.want(title(`p${i}`));
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 150; i++) b.want(title(`q${i}`)); // the same burst, after the replies
    await vi.advanceTimersByTimeAsync(20);
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    for (let i = 0; i < 150; i++) b.want(title(`r${i}`)); // after a quiet spell: a new burst
    await vi.advanceTimersByTimeAsync(20);
    expect(calls.map((c) => c.length)).toEqual([24, 96, 80, 150, 24, 96, 30]);
  });
});
