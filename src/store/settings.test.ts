import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, getSettings, updateSettings } from './settings';
import { canonicalDump, freshDb } from '../../test/support/store-test-support';

describe('settings', () => {
  it('starts from the defaults', async () => {
    const db = await freshDb();
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      retentionMonths: 12,
      recordingPaused: false,
      recordInPrivate: false,
      badgeMode: 'on',
      halfLifeDays: 30,
    });
  });

  it('applies a valid patch and keeps the rest', async () => {
    const db = await freshDb();
    const r = await updateSettings(db, {
      retentionMonths: 6,
      pausedSites: ['netflix.com'],
      onboarding: { done: true, genres: ['horror'], titles: [] },
    });
    expect(r.ok).toBe(true);
    expect(await getSettings(db)).toEqual({
      ...DEFAULT_SETTINGS,
      retentionMonths: 6,
      pausedSites: ['netflix.com'],
      onboarding: { done: true, genres: ['horror'], titles: [] },
    });
  });

  it('rejects an invalid patch without writing any of it', async () => {
    const db = await freshDb();
    const before = await canonicalDump(db);
    for (const bad of [
      { retentionMonths: 0 },
      { retentionMonths: 601 },
      { badgeMode: 'loud' },
      { recordingPaused: 1 },
      { pausedSites: ['Not A Site!'] },
      { nope: true },
      { halfLifeDays: 30, retentionMonths: 2.5 },
    ]) {
      const r = await updateSettings(db, bad as never);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/Invalid setting/);
    }
    expect(await canonicalDump(db)).toBe(before);
  });

  it('falls back to the default for each stored value that is invalid, independently', async () => {
    const db = await freshDb();
    await db.settings.bulkPut([
      { key: 'retentionMonths', value: 'twelve' },
      { key: 'badgeMode', value: 'hover' },
      { key: 'onboarding', value: { done: true } },
      { key: 'someoneElses', value: 1 },
    ]);
    expect(await getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, badgeMode: 'hover' });
  });

  it('hands out copies: mutating the result does not change the defaults', async () => {
    const db = await freshDb();
    const s = await getSettings(db);
    s.pausedSites.push('x.com');
    expect(DEFAULT_SETTINGS.pausedSites).toEqual([]);
  });
});
