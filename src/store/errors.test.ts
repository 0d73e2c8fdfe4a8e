import { describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { guardQuota, isQuotaError, StoreFullError } from './errors';
import { upsertTitles } from './events';
import { makeFixture } from '../../test/support/store-fixtures';
import { canonicalDump, freshDb, load } from '../../test/support/store-test-support';

/** What Chromium reports when LevelDB's append hits a full disk (no quota applies with unlimitedStorage). */
const diskFull = () =>
  new DOMException(
    'Connection is closing because of: IO error: .../chrome-extension_x_0.indexeddb.leveldb/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)',
    'UnknownError',
  );

describe('isQuotaError', () => {
  it('knows a quota error and a full disk, bare or wrapped the ways Dexie wraps them', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    for (const inner of [quota, diskFull()]) {
      expect(isQuotaError(inner)).toBe(true);
      expect(isQuotaError(new Dexie.AbortError('Transaction aborted', inner))).toBe(true);
      expect(isQuotaError(new Dexie.DatabaseClosedError(inner))).toBe(true);
      expect(isQuotaError(new Dexie.BulkError('bulkPut failed', [inner]))).toBe(true);
      expect(isQuotaError(new Error('wrapped', { cause: inner }))).toBe(true);
    }
    // Chromium's own wording when the store cannot even be opened on a full disk.
    expect(isQuotaError(new DOMException('Encountered full disk while opening backing store for indexedDB.open.', 'QuotaExceededError'))).toBe(true);
  });

  it('does not take other failures for a full disk', () => {
    expect(isQuotaError(new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'))).toBe(false);
    expect(isQuotaError(new DOMException('Key already exists in the object store.', 'ConstraintError'))).toBe(false);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted'))).toBe(false);
    expect(isQuotaError('FILE_ERROR_NO_SPACE')).toBe(false); // not an error object
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('guardQuota on a full disk', () => {
  it('turns the disk-full abort into StoreFullError and leaves stored data whole', async () => {
    const db = await freshDb();
    await load(db, makeFixture({ titles: 20, watchSessions: 5, searches: 5, skips: 5, impressions: 5, ratings: 2 }));
    const before = await canonicalDump(db);
    const spy = vi.spyOn(db.titles, 'bulkPut').mockImplementation(() => {
      throw diskFull();
    });
    const fx = makeFixture({ titles: 3, watchSessions: 0, searches: 0, skips: 0, impressions: 0, ratings: 0 }, 9).titles;
    await expect(upsertTitles(db, fx)).rejects.toBeInstanceOf(StoreFullError);
    spy.mockRestore();
    expect(await canonicalDump(db)).toBe(before);
  });

  it('lets other failures through unchanged', async () => {
    const boom = new DOMException('Internal error.', 'UnknownError');
    await expect(guardQuota('x', async () => Promise.reject(boom))).rejects.toBe(boom);
  });
});
