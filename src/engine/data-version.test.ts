import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataVersion, VERSION_RULES } from './data-version';

function version() {
  let now = 1_000_000;
  const moves: number[] = [];
  const v: DataVersion = new DataVersion(
    () => now,
    () => moves.push(v.current()),
  );
  return { v, moves, at: (t: number) => void (now = t), now: () => now };
}

describe('engine data version: when the profile is out of date', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a strong change moves the version at once, and says so', () => {
    const { v, moves } = version();
    const v0 = v.current();
    v.note('strong');
    expect(v.current()).toBe(v0 + 1);
    expect(moves).toEqual([v0 + 1]);
  });

  it('weak changes are folded in after the fold time, once', () => {
    const { v, at, now } = version();
    const t0 = now();
    const v0 = v.current();
    v.note('weak');
    at(t0 + 1_000);
    v.note('weak');
    at(t0 + VERSION_RULES.weakFoldMs - 1);
    expect(v.current()).toBe(v0);
    at(t0 + VERSION_RULES.weakFoldMs);
    expect(v.current()).toBe(v0 + 1);
    at(t0 + 3 * VERSION_RULES.weakFoldMs);
    expect(v.current()).toBe(v0 + 1);
  });

  it('a strong change absorbs pending weak ones', () => {
    const { v, at, now } = version();
    const t0 = now();
    const v0 = v.current();
    v.note('weak');
    at(t0 + 10);
    v.note('strong');
    at(t0 + VERSION_RULES.weakFoldMs + 1);
    expect(v.current()).toBe(v0 + 1);
  });

  it('folds weak changes on time even when nobody asks (so the engine can warm)', async () => {
    const { v, moves, at, now } = version();
    const v0 = v.current();
    v.note('weak');
    at(now() + VERSION_RULES.weakFoldMs);
    await vi.advanceTimersByTimeAsync(VERSION_RULES.weakFoldMs + 1);
    expect(moves).toEqual([v0 + 1]);
  });

  it('folds weak changes less often when rebuilds are slow (a very large store)', () => {
    const { v } = version();
    expect(v.weakFoldMs()).toBe(VERSION_RULES.weakFoldMs);
    v.lastBuildMs = 4_000;
    expect(v.weakFoldMs()).toBe(VERSION_RULES.foldCostFactor * 4_000);
    v.lastBuildMs = 60_000;
    expect(v.weakFoldMs()).toBe(VERSION_RULES.maxWeakFoldMs);
  });
});
