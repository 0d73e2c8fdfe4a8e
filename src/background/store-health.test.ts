import { beforeEach, describe, expect, it, vi } from 'vitest';

type Health = typeof import('./store-health');
let h: Health;
const MB = 1024 * 1024;

beforeEach(async () => {
  vi.resetModules(); // the health state is module state: start each test from a fresh one
  h = await import('./store-health');
});

const estimate = (freeBytes: number) => async () => ({ usage: 5 * MB, quota: 5 * MB + freeBytes });

describe('lowOnSpace', () => {
  it('is true below the reserve and false at or above it', () => {
    expect(h.lowOnSpace({ usage: 10 * MB, quota: 10 * MB + h.RESERVE_BYTES - 1 })).toBe(true);
    expect(h.lowOnSpace({ usage: 10 * MB, quota: 10 * MB + h.RESERVE_BYTES })).toBe(false);
    expect(h.lowOnSpace({ usage: 80 * 1024 * MB, quota: 82 * 1024 * MB })).toBe(false);
  });

  it('counts usage above the quota as no room', () => {
    expect(h.lowOnSpace({ usage: 2 * MB, quota: 1 })).toBe(true);
  });

  it('says nothing when the browser gives no estimate', () => {
    expect(h.lowOnSpace(undefined)).toBe(false);
    expect(h.lowOnSpace({})).toBe(false);
    expect(h.lowOnSpace({ usage: 5, quota: 0 })).toBe(false);
  });
});

describe('refreshStoreHealth', () => {
  it('pauses before any write fails once the disk is below the reserve, and resumes when room returns', async () => {
    expect(await h.refreshStoreHealth(0, estimate(500 * MB))).toBe(false);
    expect(await h.refreshStoreHealth(h.CHECK_EVERY_MS, estimate(8 * MB))).toBe(true);
    expect(h.storeHealth.since).toBe(h.CHECK_EVERY_MS);
    expect(await h.refreshStoreHealth(2 * h.CHECK_EVERY_MS, estimate(8 * MB))).toBe(true);
    expect(h.storeHealth.since).toBe(h.CHECK_EVERY_MS); // still the moment it first filled up
    expect(await h.refreshStoreHealth(3 * h.CHECK_EVERY_MS, estimate(200 * MB))).toBe(false);
  });

  it('asks the browser at most every CHECK_EVERY_MS', async () => {
    const est = vi.fn(estimate(8 * MB));
    expect(await h.refreshStoreHealth(1000, est)).toBe(true);
    expect(await h.refreshStoreHealth(1000 + h.CHECK_EVERY_MS - 1, est)).toBe(true);
    expect(est).toHaveBeenCalledTimes(1);
    await h.refreshStoreHealth(1000 + h.CHECK_EVERY_MS, est);
    expect(est).toHaveBeenCalledTimes(2);
  });

  it('keeps a failed write paused until the browser reports room', async () => {
    h.markStoreFull(10_000);
    // Within the interval the failure stands, whatever the estimate would say.
    expect(await h.refreshStoreHealth(10_000 + h.CHECK_EVERY_MS - 1, estimate(500 * MB))).toBe(true);
    expect(await h.refreshStoreHealth(10_000 + h.CHECK_EVERY_MS, estimate(1 * MB))).toBe(true);
    expect(await h.refreshStoreHealth(10_000 + 2 * h.CHECK_EVERY_MS, estimate(500 * MB))).toBe(false);
  });

  it('does not pause when the browser cannot estimate', async () => {
    expect(
      await h.refreshStoreHealth(0, async () => {
        throw new Error('no storage manager');
      }),
    ).toBe(false);
  });
});
