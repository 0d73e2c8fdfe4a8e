import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { freshDb } from '../../test/support/store-test-support';
import { TastefulDB } from '../store/db';
import { updateSettings } from '../store/settings';
import { cachedSettings } from './settings-cache';

describe('cachedSettings', () => {
  it('reads the store once while nothing changes', async () => {
    const db = await freshDb();
    const reads = vi.spyOn(db.settings, 'bulkGet');
    expect((await cachedSettings(db)).badgeMode).toBe('on');
    expect((await cachedSettings(db)).badgeMode).toBe('on');
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('reads again after a settings change committed by another connection (the popup, the dashboard)', async () => {
    const db = await freshDb();
    expect((await cachedSettings(db)).badgeMode).toBe('on');
    // Another context's connection to the same database: Dexie tells this one what it committed.
    const popup = new TastefulDB(db.name, { indexedDB: db._options.indexedDB, IDBKeyRange });
    await popup.open();
    expect(await updateSettings(popup, { badgeMode: 'hover' })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await cachedSettings(db)).badgeMode).toBe('hover'));
    popup.close();
  });

  it('keeps the cached settings across writes to other tables', async () => {
    const db = await freshDb();
    await cachedSettings(db);
    const reads = vi.spyOn(db.settings, 'bulkGet');
    await db.titles.clear();
    await new Promise((r) => setTimeout(r, 20)); // let a (wrong) invalidation arrive, if any
    await cachedSettings(db);
    expect(reads).not.toHaveBeenCalled();
  });

  it('does not keep a failed read', async () => {
    const db = await freshDb();
    const reads = vi.spyOn(db.settings, 'bulkGet').mockRejectedValueOnce(new Error('store busy'));
    await expect(cachedSettings(db)).rejects.toThrow('store busy');
    expect((await cachedSettings(db)).badgeMode).toBe('on');
    expect(reads).toHaveBeenCalledTimes(2);
  });
});
