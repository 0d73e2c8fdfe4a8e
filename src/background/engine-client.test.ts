import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineApi } from '../engine/api';
import type { EngineHost } from '../platform/engine-host';

async function fresh() {
  vi.resetModules();
  return import('./engine-client');
}

function fakeHost(running: boolean) {
  const warmed: number[] = [];
  const api = { warm: async (v: number) => void warmed.push(v) } as unknown as EngineApi;
  const host: EngineHost = { api: async () => api, reset: async () => undefined, running: async () => running };
  return { host, warmed };
}

describe('engine client: when the profile is out of date', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a strong change moves the version at once', async () => {
    const c = await fresh();
    const v0 = c.currentDataVersion();
    c.noteDataChange('strong');
    expect(c.currentDataVersion()).toBe(v0 + 1);
  });

  it('weak changes are folded in after WEAK_FOLD_MS, once', async () => {
    const c = await fresh();
    const t0 = Date.now();
    const v0 = c.currentDataVersion(t0);
    c.noteDataChange('weak', t0);
    c.noteDataChange('weak', t0 + 1_000);
    expect(c.currentDataVersion(t0 + c.WEAK_FOLD_MS - 1)).toBe(v0);
    expect(c.currentDataVersion(t0 + c.WEAK_FOLD_MS)).toBe(v0 + 1);
    expect(c.currentDataVersion(t0 + 3 * c.WEAK_FOLD_MS)).toBe(v0 + 1);
  });

  it('a strong change absorbs pending weak ones', async () => {
    const c = await fresh();
    const t0 = Date.now();
    const v0 = c.currentDataVersion(t0);
    c.noteDataChange('weak', t0);
    c.noteDataChange('strong', t0 + 10);
    expect(c.currentDataVersion(t0 + c.WEAK_FOLD_MS + 1)).toBe(v0 + 1);
  });

  it('warms a running engine shortly after a change, at the new version', async () => {
    const c = await fresh();
    const { host, warmed } = fakeHost(true);
    c.useEngineHost(host);
    c.noteDataChange('strong');
    c.noteDataChange('strong');
    await vi.advanceTimersByTimeAsync(c.WARM_DELAY_MS + 1);
    expect(warmed).toEqual([c.currentDataVersion()]);
  });

  it('folds weak changes on time and warms even when no page asks', async () => {
    const c = await fresh();
    const { host, warmed } = fakeHost(true);
    c.useEngineHost(host);
    const v0 = c.currentDataVersion();
    c.noteDataChange('weak');
    await vi.advanceTimersByTimeAsync(c.WEAK_FOLD_MS + c.WARM_DELAY_MS + 1);
    expect(warmed).toEqual([v0 + 1]);
  });

  it('folds weak changes less often when rebuilds are slow (a very large store)', async () => {
    const c = await fresh();
    const host: EngineHost = {
      api: async () => ({ warm: () => new Promise<void>((r) => setTimeout(r, 4_000)) }) as unknown as EngineApi,
      reset: async () => undefined,
      running: async () => true,
    };
    c.useEngineHost(host);
    expect(c.weakFoldMs()).toBe(c.WEAK_FOLD_MS);
    c.noteDataChange('strong');
    await vi.advanceTimersByTimeAsync(c.WARM_DELAY_MS + 4_001);
    expect(c.weakFoldMs()).toBe(c.FOLD_COST_FACTOR * 4_000);
  });

  it('never starts an engine just to warm it', async () => {
    const c = await fresh();
    const { host, warmed } = fakeHost(false);
    const api = vi.spyOn(host, 'api');
    c.useEngineHost(host);
    c.noteDataChange('strong');
    await vi.advanceTimersByTimeAsync(c.WARM_DELAY_MS + 1);
    expect(warmed).toEqual([]);
    expect(api).not.toHaveBeenCalled();
  });
});
