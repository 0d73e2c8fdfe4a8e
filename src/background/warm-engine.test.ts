import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { EngineApi } from '../engine/api';
import { freshDb } from '../../test/support/store-test-support';
import { useEngineHost } from './engine-client';
import { clearRecentScores, rememberScores } from './recent-scores';
import { route } from './router';
import { storeStamp } from './store-version';

const OWN_ID = 'tasteful-id';
const url = 'http://127.0.0.1:5178/';
const sender = { id: OWN_ID, url, tab: { id: 3, url, incognito: false } };

function countingEngine() {
  const seen = { warm: 0 };
  const api = {
    warm: async () => {
      seen.warm++;
    },
  } as unknown as EngineApi;
  useEngineHost({ api: async () => api, reset: async () => undefined, running: async () => true });
  return seen;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => true);
  clearRecentScores();
});

describe('rank/recent', () => {
  it('starts the engine for a page with no warm scores, so its first rank/page meets a warm engine', async () => {
    const db = await freshDb();
    const seen = countingEngine();
    const reply = await route(db, { type: 'rank/recent' }, sender, OWN_ID);
    expect(reply).toEqual({ ok: true, value: { scores: [], stale: false, badgeMode: 'on' } }); // the default mode, known without state/get
    await vi.waitFor(() => expect(seen.warm).toBe(1));
  });

  it('leaves the engine alone when the page has warm scores', async () => {
    const db = await freshDb();
    const seen = countingEngine();
    rememberScores(url, { ...storeStamp(db), now: Date.now() }, [{ siteItemId: 'a', match: 80, why: [] }]);
    const reply = await route(db, { type: 'rank/recent' }, sender, OWN_ID);
    expect(reply).toMatchObject({ ok: true, value: { scores: [{ siteItemId: 'a' }], stale: false } });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.warm).toBe(0);
  });
});
