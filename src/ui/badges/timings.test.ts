// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getBadgeTimings, record, resetBadgeTimings, whenSeen } from './timings';

describe('badge timings (bench builds)', () => {
  afterEach(() => {
    vi.useRealTimers();
    resetBadgeTimings();
  });

  it('tile → badge starts at the first frame after the tile was read; the read-time clock is kept beside it', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'performance', 'setTimeout'] });
    resetBadgeTimings();
    const seenAt = performance.now();
    record.tileSeen(); // asks for a stamp at the next frame
    vi.advanceTimersByTime(16); // the next frame: it shows the tile
    vi.advanceTimersByTime(2); // the badge is written 2 ms into that frame
    record.badgePainted(seenAt, performance.now());
    const t = getBadgeTimings();
    expect(t.tileToBadgeFromRead.p50).toBeGreaterThanOrEqual(16);
    expect(t.tileToBadge.p50).toBeLessThan(5);
    expect(t.tileToBadge.p50).toBeGreaterThan(0);
  });

  it('a badge needing a later frame counts from the first frame that showed its tile', () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'performance', 'setTimeout'] });
    resetBadgeTimings();
    const seenAt = performance.now();
    record.tileSeen();
    vi.advanceTimersByTime(16); // the tile's first frame
    vi.advanceTimersByTime(48); // the badge comes three frames later
    record.badgePainted(seenAt, performance.now());
    expect(getBadgeTimings().tileToBadge.p50).toBeGreaterThanOrEqual(40);
  });

  it('answers a waiting benchmark when the tile count is reached, or at its timeout', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'performance', 'setTimeout', 'clearTimeout'] });
    resetBadgeTimings();
    let done = false;
    const waiting = whenSeen('tiles', 3, 10_000).then(() => {
      done = true;
    });
    record.tileSeen();
    record.tileSeen();
    await Promise.resolve();
    expect(done).toBe(false);
    record.tileSeen();
    await waiting;
    expect(getBadgeTimings().tilesSeen).toBe(3);
    // Never reached: the timeout answers, with what was seen.
    let late = false;
    const never = whenSeen('tiles', 100, 5_000).then(() => {
      late = true;
    });
    vi.advanceTimersByTime(4_999);
    await Promise.resolve();
    expect(late).toBe(false);
    vi.advanceTimersByTime(1);
    await never;
    expect(late).toBe(true);
    // Badges painted, for the first-badge clock.
    const badge = whenSeen('badges', 1, 10_000);
    record.badgePainted(performance.now(), performance.now());
    await badge;
    expect(getBadgeTimings().badgesPainted).toBe(1);
  });
});
