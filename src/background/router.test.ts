import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { route } from './router';
import { freshDb, canonicalDump } from '../../test/support/store-test-support';
import { updateSettings } from '../store/settings';

// The only browser API the router reaches that the fake browser lacks: whether Tasteful holds the site's permission.
const granted = new Set<string>();

const OWN_ID = 'tasteful-id';
const tab = { id: 7, url: 'http://127.0.0.1:5178/watch/heat-1995', incognito: false };
const sender = { id: OWN_ID, url: tab.url, tab };
const ctx = { hour: 21, weekday: 5, device: 'desktop', site: 'evil.example' } as const;
const title = { siteItemId: 'heat-1995', title: 'Heat', year: 1995, kind: 'movie', genres: ['Crime'], description: null, imageUrl: null, url: null };
const search = { type: 'search/record', searchId: 's1', query: 'heist films', ctx };

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins = [] }) => origins.every((o) => granted.has(o)));
  granted.clear();
  granted.add('http://127.0.0.1/*');
});

describe('the background router', () => {
  it('reports only the impressions the store kept (the daily cap drops the rest)', async () => {
    const db = await freshDb();
    const impressions = Array.from({ length: 5 }, () => ({ title, row: null }));
    const reply = await route(db, { type: 'impressions/record', impressions, ctx }, sender, OWN_ID);
    expect(reply).toEqual({ ok: true, value: { stored: 3 } });
    expect(await db.impressions.count()).toBe(3);
  });

  it('writes a valid message, with the site taken from the sender, not the message', async () => {
    const db = await freshDb();
    const reply = await route(db, search, sender, OWN_ID);
    expect(reply).toEqual({ ok: true, value: { stored: true } });
    const stored = await db.searches.get('s1');
    expect(stored?.site).toBe('127.0.0.1:5178');
    expect(stored?.ctx.site).toBe('127.0.0.1:5178');
  });

  it('a store that was closed under it (a failed reopen) opens again on the next message', async () => {
    const db = await freshDb();
    db.close(); // as after Chromium dropped the connection: every call now fails
    const failed = await route(db, search, sender, OWN_ID);
    expect(failed.ok).toBe(false);
    const again = await route(db, { ...search, searchId: 's2' }, sender, OWN_ID);
    expect(again).toEqual({ ok: true, value: { stored: true } });
    expect(await db.searches.get('s2')).toBeDefined();
  });

  it.each([
    ['an unknown type', { type: 'store/drop-everything' }],
    ['an extra field', { ...search, admin: true }],
    ['a wrong type', { ...search, query: 42 }],
    ['an over-long query', { ...search, query: 'x'.repeat(10_000) }],
    ['a hostile prototype key', JSON.parse('{"type":"titles/seen","titles":[],"__proto__":{"polluted":true}}')],
    ['too many titles', { type: 'titles/seen', titles: Array.from({ length: 501 }, () => title) }],
    ['not an object', 'titles/seen'],
  ])('refuses %s and changes nothing', async (_name, message) => {
    const db = await freshDb();
    const before = await canonicalDump(db);
    const reply = await route(db, message, sender, OWN_ID);
    expect(reply.ok).toBe(false);
    expect(await canonicalDump(db)).toBe(before);
  });

  it('refuses messages from another extension', async () => {
    const db = await freshDb();
    const reply = await route(db, search, { ...sender, id: 'someone-else' }, OWN_ID);
    expect(reply).toEqual({ ok: false, error: 'message from another extension' });
    expect(await db.searches.count()).toBe(0);
  });

  it('refuses writes where recording is off: no permission, paused, paused site, private window', async () => {
    const db = await freshDb();
    granted.clear();
    expect(await route(db, search, sender, OWN_ID)).toMatchObject({ ok: false, error: 'not recording: not-enabled' });
    granted.add('http://127.0.0.1/*');

    await updateSettings(db, { recordingPaused: true });
    expect(await route(db, search, sender, OWN_ID)).toMatchObject({ ok: false, error: 'not recording: paused' });
    await updateSettings(db, { recordingPaused: false, pausedSites: ['127.0.0.1:5178'] });
    expect(await route(db, search, sender, OWN_ID)).toMatchObject({ ok: false, error: 'not recording: site-paused' });
    await updateSettings(db, { pausedSites: [] });
    const privateSender = { ...sender, tab: { ...tab, incognito: true } };
    expect(await route(db, search, privateSender, OWN_ID)).toMatchObject({ ok: false, error: 'not recording: private' });
    await updateSettings(db, { recordInPrivate: true });
    expect(await route(db, search, privateSender, OWN_ID)).toMatchObject({ ok: true });
    expect(await db.searches.count()).toBe(1);
  });

  it('still answers state/get when recording is off, saying why', async () => {
    const db = await freshDb();
    await updateSettings(db, { recordingPaused: true });
    const reply = await route(db, { type: 'state/get' }, sender, OWN_ID);
    expect(reply).toEqual({ ok: true, value: { site: '127.0.0.1:5178', recording: 'paused', badgeMode: 'on' } });
  });
});
