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

describe('engine client: the one retry policy', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function setup(outcomes: Array<'unreachable' | 'failed' | 'ok'>, running = true) {
    const c = await fresh();
    const { EngineFailed, EngineUnreachable } = await import('../platform/engine-errors');
    const diagnostics = await import('../store/diagnostics');
    const { freshDb } = await import('../../test/support/store-test-support');
    vi.useRealTimers();
    const db = await freshDb();
    vi.useFakeTimers();
    diagnostics.useDiagnosticStore(async () => db);
    let calls = 0;
    let resets = 0;
    const api = {
      status: async () => {
        const o = outcomes[Math.min(calls++, outcomes.length - 1)];
        if (o === 'unreachable') throw new EngineUnreachable('Could not establish connection. Receiving end does not exist.');
        if (o === 'failed') throw new EngineFailed('bad batch');
        return 'fine';
      },
    } as unknown as EngineApi;
    c.useEngineHost({ api: async () => api, reset: async () => void resets++, running: async () => running });
    return { c, db, calls: () => calls, resets: () => resets, EngineFailed, EngineUnreachable };
  }

  it('asks again while the engine is unreachable, and answers once it is up', async () => {
    const t = await setup(['unreachable', 'unreachable', 'ok']);
    const answer = t.c.withEngine((api) => api.status() as Promise<unknown>);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(answer).resolves.toBe('fine');
    expect(t.calls()).toBe(3);
    expect(t.resets()).toBe(0);
  });

  it('never retries or restarts on an engine failure, and notes it in the diagnostic log', async () => {
    const t = await setup(['failed', 'ok']);
    const answer = t.c.withEngine((api) => api.status() as Promise<unknown>);
    const settled = answer.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await settled).toBeInstanceOf(t.EngineFailed);
    expect(t.calls()).toBe(1);
    expect(t.resets()).toBe(0);
    vi.useRealTimers();
    await vi.waitFor(async () => expect((await t.db.diagnostics.toArray()).map((n) => n.message)).toEqual(['EngineFailed: bad batch']));
  });

  it('restarts a host that stays unreachable once, then gives up at the deadline', async () => {
    const t = await setup(['unreachable']);
    const settled = t.c.withEngine((api) => api.status() as Promise<unknown>).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(t.c.ENGINE_RETRY.deadlineMs + 1_000);
    expect(await settled).toBeInstanceOf(t.EngineUnreachable);
    expect(t.resets()).toBe(1);
    expect(t.calls()).toBeGreaterThan(3);
  });
});
