/**
 * rank/recent against the store's real change notifications (its own file: store-version.ts
 * observes the first database it is given, for the life of the module).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshDb } from '../../test/support/store-test-support';
import { rating, titleRec } from '../../test/support/rank-test-utils';
import { setRating, upsertTitles } from '../store/events';
import { useEngineHost } from './engine-client';
import type { EngineApi } from '../engine/api';
import { clearRecentScores, rememberScores } from './recent-scores';
import { route } from './router';
import { storeStamp } from './store-version';

const OWN_ID = 'tasteful-id';
const url = 'http://127.0.0.1:5178/';
const sender = { id: OWN_ID, url, tab: { id: 3, url, incognito: false } };

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => true);
  useEngineHost({
    api: async () => ({ warm: async () => undefined }) as unknown as EngineApi,
    reset: async () => undefined,
    running: async () => true,
  });
  clearRecentScores();
});

describe('rank/recent and the store changes', () => {
  it('keeps serving a page its scores across weak changes, never after a strong one', async () => {
    const db = await freshDb();
    rememberScores(url, { ...storeStamp(db), now: Date.now() }, [{ siteItemId: 'a', match: 80, why: [] }]);
    const recent = () => route(db, { type: 'rank/recent' }, sender, OWN_ID);

    await upsertTitles(db, [titleRec({ title: 'Heat', genres: ['Crime'] })]); // catalog growth: weak
    await new Promise((r) => setTimeout(r, 50)); // its notification, rated
    expect(await recent()).toMatchObject({ ok: true, value: { scores: [{ siteItemId: 'a' }] } });

    await setRating(db, rating({ title: 'Heat', genres: ['Crime'] }, 'up')); // strong
    await vi.waitFor(async () => expect(await recent()).toMatchObject({ ok: true, value: { scores: [], stale: false } }));
  });
});
