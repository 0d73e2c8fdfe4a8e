// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  tab: { url: 'https://www.example.com/watch/1', incognito: false } as { url?: string; incognito: boolean },
  granted: new Set<string>(),
  picks: null as unknown,
  request: null as unknown as import('vitest').Mock,
}));

import { fakeBrowser } from 'wxt/testing/fake-browser';

const covers = (granted: string, asked: string) =>
  granted === asked || granted.replace(/^\*:/, 'https:') === asked || granted.replace(/^\*:/, 'http:') === asked;

/** WXT's fake browser, with what it does not implement (permissions, the options page) and the active tab stubbed. */
function stubBrowser() {
  fakeBrowser.reset();
  fake.request = vi.fn(async ({ origins }: { origins: string[] }) => {
    for (const o of origins) fake.granted.add(o);
    return true;
  });
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async () => [fake.tab] as never);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins = [] }) =>
    origins.every((o) => [...fake.granted].some((g) => covers(g, o))),
  );
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((arg) => fake.request(arg));
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async ({ origins = [] }) => origins.every((o) => fake.granted.delete(o)));
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(() =>
    fake.picks === 'hang' ? new Promise(() => undefined) : Promise.resolve(fake.picks),
  );
  Object.assign(fakeBrowser.runtime, { openOptionsPage: vi.fn(async () => undefined) });
}

import type { TastefulDB } from '../../store/db';
import { getSettings } from '../../store/settings';
import { freshDb } from '../../../test/support/store-test-support';
import { click, mount, waitFor, type Mounted } from '../common/test-utils';
import { Popup } from './Popup';

let db: TastefulDB;
let ui: Mounted;

beforeEach(async () => {
  stubBrowser();
  db = await freshDb();
  fake.tab = { url: 'https://www.example.com/watch/1', incognito: false };
  fake.granted = new Set();
  fake.picks = { ok: false, error: 'engine not ready' };
});
afterEach(() => {
  ui?.unmount();
  db.close();
});

const state = () => ui.byTestId('popup-state')?.dataset.state;

describe('Popup', () => {
  it('offers to enable a site without permission, requesting it synchronously in the click', async () => {
    ui = await mount(<Popup db={db} />);
    await waitFor(() => state() === 'not-enabled');
    expect(ui.byTestId('popup-site')!.textContent).toBe('example.com');
    expect(ui.byTestId('popup-disable')).toBeNull();
    expect(ui.byTestId('popup-pause-site')).toBeNull();
    ui.byTestId('popup-enable')!.click();
    expect(fake.request).toHaveBeenCalledTimes(1); // no await before permissions.request
    expect(fake.request).toHaveBeenCalledWith({ origins: ['*://www.example.com/*'] });
    await waitFor(() => state() === 'on');
    expect(ui.byTestId('popup-enable')).toBeNull();
    expect(ui.byTestId('popup-disable')).not.toBeNull();
  });

  it('disables a non-default site', async () => {
    fake.granted.add('*://www.example.com/*');
    ui = await mount(<Popup db={db} />);
    await waitFor(() => state() === 'on');
    await click(ui.byTestId('popup-disable'));
    await waitFor(() => state() === 'not-enabled');
    expect(fake.granted.size).toBe(0);
  });

  it('never offers to disable a default site, and pauses per site and everywhere', async () => {
    fake.tab = { url: 'https://www.youtube.com/watch?v=x', incognito: false };
    fake.granted.add('*://www.youtube.com/*');
    ui = await mount(<Popup db={db} />);
    await waitFor(() => state() === 'on');
    expect(ui.byTestId('popup-disable')).toBeNull();

    await click(ui.byTestId('popup-pause-site'));
    await waitFor(() => state() === 'site-paused');
    expect((await getSettings(db)).pausedSites).toEqual(['youtube.com']);
    expect(ui.byTestId('popup-pause-site')!.textContent).toContain('Resume');

    await click(ui.byTestId('popup-pause-all'));
    await waitFor(() => state() === 'paused');
    expect((await getSettings(db)).recordingPaused).toBe(true);

    await click(ui.byTestId('popup-pause-all'));
    await waitFor(() => state() === 'site-paused');
    await click(ui.byTestId('popup-pause-site'));
    await waitFor(() => state() === 'on');
    expect(await getSettings(db)).toMatchObject({ recordingPaused: false, pausedSites: [] });
  });

  it('explains a private window', async () => {
    fake.tab = { url: 'http://localhost:5178/', incognito: true };
    fake.granted.add('http://localhost/*');
    ui = await mount(<Popup db={db} />);
    await waitFor(() => state() === 'private');
    expect(ui.byTestId('popup-state')!.textContent).toContain('private window');
  });

  it('shows a calm empty state when picks are unavailable, and the first five distinct picks when they come', async () => {
    ui = await mount(<Popup db={db} />);
    await waitFor(() => ui.byTestId('popup-picks')?.dataset.state === 'unavailable');
    expect(ui.allByTestId('popup-pick')).toHaveLength(0);
    ui.unmount();

    const item = (i: number) => ({
      titleId: `s:${i}`,
      titleKey: `k${i}`,
      title: `Film ${i}`,
      year: null,
      kind: 'movie',
      genres: [],
      imageUrl: null,
      url: null,
      site: 's',
      match: 80 + i,
      why: [],
    });
    fake.picks = {
      ok: true,
      value: {
        rows: [
          { id: 'a', label: 'A', items: [item(1), item(2), item(3)] },
          { id: 'b', label: 'B', items: [item(2), item(4), item(5), item(6), item(7)] },
        ],
        evidence: 3,
        generatedAt: 1,
      },
    };
    ui = await mount(<Popup db={db} />);
    await waitFor(() => ui.byTestId('popup-picks')?.dataset.state === 'ready');
    expect(ui.allByTestId('popup-pick').map((li) => li.textContent)).toEqual([
      'Film 181% match',
      'Film 282% match',
      'Film 383% match',
      'Film 484% match',
      'Film 585% match',
    ]);
  });

  it('gives up on picks when the background does not answer', async () => {
    fake.picks = 'hang';
    ui = await mount(<Popup db={db} picksTimeoutMs={50} />);
    await waitFor(() => ui.byTestId('popup-picks')?.dataset.state === 'unavailable');
    expect(ui.byTestId('popup-picks')!.textContent).toContain('not ready yet');
  });

  describe('when the disk is almost full', () => {
    const MB = 1024 * 1024;
    // happy-dom has no StorageManager: give the popup the estimate a browser would.
    const withFree = (free: number) =>
      Object.defineProperty(navigator, 'storage', {
        configurable: true,
        value: { estimate: async () => ({ usage: 50 * MB, quota: 50 * MB + free }) },
      });
    afterEach(() => {
      delete (navigator as { storage?: unknown }).storage;
    });

    it('says recording is paused, on any tab, and only once', async () => {
      withFree(8 * MB);
      fake.tab = { url: 'chrome://extensions/', incognito: false };
      ui = await mount(<Popup db={db} />);
      await waitFor(() => state() === 'unsupported');
      expect(ui.byTestId('popup-store-full')!.textContent).toContain('Recording is paused');
      ui.unmount();

      fake.tab = { url: 'http://localhost:5178/', incognito: false };
      fake.granted.add('http://localhost/*');
      ui = await mount(<Popup db={db} />);
      await waitFor(() => state() === 'store-full');
      expect(ui.byTestId('popup-state')!.textContent).toContain('Recording is paused');
      expect(ui.byTestId('popup-store-full')).toBeNull();
    });

    it('says nothing once there is room again', async () => {
      withFree(500 * MB);
      fake.tab = { url: 'http://localhost:5178/', incognito: false };
      fake.granted.add('http://localhost/*');
      ui = await mount(<Popup db={db} />);
      await waitFor(() => state() === 'on');
      expect(ui.byTestId('popup-store-full')).toBeNull();
    });
  });

  it('says the page is unsupported on non-web tabs, and opens the dashboard', async () => {
    fake.tab = { url: 'chrome://extensions/', incognito: false };
    ui = await mount(<Popup db={db} />);
    await waitFor(() => state() === 'unsupported');
    expect(ui.byTestId('popup-enable')).toBeNull();
    const { browser } = await import('wxt/browser');
    await click(ui.byTestId('popup-open-dashboard'));
    expect(browser.runtime.openOptionsPage).toHaveBeenCalled();
  });
});
