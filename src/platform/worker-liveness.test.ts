import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answers } from './worker-liveness';

describe('whether an engine worker is dead', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('alive when it answers, dead when it throws or stays silent past the probe timeout', async () => {
    await expect(answers({ status: async () => ({}) as never })).resolves.toBe(true);
    await expect(answers({ status: async () => Promise.reject(new Error('gone')) })).resolves.toBe(false);
    const silent = answers({ status: () => new Promise(() => undefined) }, 500);
    await vi.advanceTimersByTimeAsync(499);
    let settled = false;
    void silent.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    await expect(silent).resolves.toBe(false);
  });
});
