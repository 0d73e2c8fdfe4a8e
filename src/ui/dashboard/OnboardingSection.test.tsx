// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const sendMessage = vi.fn(async (_msg: unknown) => ({ ok: true, value: null }));

import type { TastefulDB } from '../../store/db';
import { getSettings, updateSettings } from '../../store/settings';
import { freshDb } from '../../../test/support/store-test-support';
import { change, click, mount, waitFor, type Mounted } from '../common/test-utils';
import { Dashboard } from './Dashboard';
import { NOW, session, title } from './dashboard-test-support';
import { filterOptions, OnboardingSection, titleOptions } from './OnboardingSection';
import { ONBOARDING_GENRES, STARTER_TITLES } from './onboarding-titles';
import type { DashboardSection } from './sections';

const ONLY_ONBOARDING: readonly DashboardSection[] = [{ id: 'onboarding', label: 'Onboarding', component: OnboardingSection }];

let db: TastefulDB;
let ui: Mounted;

beforeEach(async () => {
  sendMessage.mockClear();
  // WXT's fake browser delivers runtime messages to listeners in this same context: this one plays the background.
  fakeBrowser.reset();
  fakeBrowser.runtime.onMessage.addListener((m: unknown) => sendMessage(m));
  db = await freshDb();
});
afterEach(() => {
  ui?.unmount();
  db.close();
});

async function renderDashboard() {
  ui = await mount(<Dashboard db={db} now={() => NOW} sections={ONLY_ONBOARDING} />);
  await waitFor(() => ui.byTestId('onboarding-section'));
}

const genreChip = (g: string) => ui.container.querySelector<HTMLButtonElement>(`[data-testid="onboarding-genre"][data-genre="${g}"]`)!;

describe('OnboardingSection', () => {
  it('offers every MovieLens genre as a toggle chip', async () => {
    await renderDashboard();
    const chips = ui.allByTestId<HTMLButtonElement>('onboarding-genre');
    expect(chips.map((c) => c.dataset.genre)).toEqual([...ONBOARDING_GENRES]);
    expect(chips.every((c) => c.tagName === 'BUTTON' && c.getAttribute('aria-pressed') === 'false')).toBe(true);
    await click(genreChip('Comedy'));
    expect(genreChip('Comedy').getAttribute('aria-pressed')).toBe('true');
    await click(genreChip('Comedy'));
    expect(genreChip('Comedy').getAttribute('aria-pressed')).toBe('false');
  });

  it('saves the chosen genres and titles to settings, tells the engine, and shows what is saved', async () => {
    await db.titles.put({ ...title(7, 'Paddington 2'), year: 2017, genres: ['Comedy', 'Children'] });
    await renderDashboard();

    await click(genreChip('Comedy'));
    await click(genreChip('Sci-Fi'));

    const search = ui.byTestId<HTMLInputElement>('onboarding-title-search')!;
    expect(search.id).not.toBe('');
    expect(ui.container.querySelector(`label[for="${search.id}"]`)).not.toBeNull();

    // A title met on a streaming site is searchable.
    await change(search, 'padd', ['input']);
    let options = ui.allByTestId('onboarding-title-option');
    expect(options.map((o) => o.dataset.title)).toEqual(['Paddington 2 (2017)']);
    expect(options[0]!.textContent).toContain('seen on netflix.com');
    await click(options[0]!);
    expect(options[0]!.getAttribute('aria-pressed')).toBe('true');

    // So is the built-in starting set, accent-insensitively.
    await change(search, 'amelie', ['input']);
    options = ui.allByTestId('onboarding-title-option');
    expect(options.map((o) => o.dataset.title)).toEqual(['Amélie (2001)']);
    await click(options[0]!);

    expect(ui.byTestId('onboarding-saved')).toBeNull();
    await click(ui.byTestId('onboarding-save'));
    const saved = await waitFor(() => ui.byTestId('onboarding-saved'));

    expect((await getSettings(db)).onboarding).toEqual({
      done: true,
      genres: ['Comedy', 'Sci-Fi'],
      titles: ['Paddington 2 (2017)', 'Amélie (2001)'],
    });
    expect(sendMessage).not.toHaveBeenCalledWith({ type: 'data/changed' }); // the engine observes the store itself
    expect(saved.textContent).toContain('Comedy, Sci-Fi');
    expect(saved.textContent).toContain('Paddington 2 (2017); Amélie (2001)');
    const status = ui.byTestId('onboarding-status')!;
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toContain('Saved 2 genres and 2 titles');
  });

  it('shows saved choices when opened again, and Reset clears them', async () => {
    await updateSettings(db, { onboarding: { done: true, genres: ['Horror'], titles: ['Alien (1979)'] } });
    await renderDashboard();
    await waitFor(() => ui.byTestId('onboarding-saved'));
    expect(genreChip('Horror').getAttribute('aria-pressed')).toBe('true');
    expect(ui.byTestId('onboarding-chosen-titles')!.textContent).toContain('Alien (1979)');

    await click(ui.byTestId('onboarding-reset'));
    await waitFor(() => !ui.byTestId('onboarding-saved'));
    expect((await getSettings(db)).onboarding).toEqual({ done: false, genres: [], titles: [] });
    expect(sendMessage).not.toHaveBeenCalledWith({ type: 'data/changed' }); // the engine observes the store itself
    expect(genreChip('Horror').getAttribute('aria-pressed')).toBe('false');
    expect(ui.byTestId('onboarding-status')!.textContent).toContain('cleared');
  });

  it('refuses to save nothing', async () => {
    await renderDashboard();
    await click(ui.byTestId('onboarding-save'));
    expect(ui.byTestId('onboarding-status')!.textContent).toContain('Pick at least one');
    expect((await getSettings(db)).onboarding.done).toBe(false);
    expect(sendMessage).not.toHaveBeenCalled();
  });
});

describe('onboarding prompt', () => {
  it('appears while onboarding is not done and nothing was watched, and goes once saved', async () => {
    await renderDashboard();
    const prompt = await waitFor(() => ui.byTestId('onboarding-prompt'));
    expect(prompt.querySelector('a')!.getAttribute('href')).toBe('#onboarding');
    await click(genreChip('Drama'));
    await click(ui.byTestId('onboarding-save'));
    await waitFor(() => ui.byTestId('onboarding-saved'));
    await waitFor(() => !ui.byTestId('onboarding-prompt'));
  });

  it('is not shown once viewing was recorded', async () => {
    const t = title(1, 'Alien');
    await db.titles.put(t);
    await db.watchSessions.put(session('w1', t, NOW - 60_000, 600, 6000));
    await renderDashboard();
    await new Promise((r) => setTimeout(r, 30));
    await waitFor(() => ui.byTestId('onboarding-section'));
    expect(ui.byTestId('onboarding-prompt')).toBeNull();
  });
});

describe('title options', () => {
  it('lists store titles first (no episodes or clips), then the starters, once each', () => {
    const opts = titleOptions([
      { title: 'Alien', year: 1979, kind: 'movie', genres: ['Horror'], site: 'netflix.com' },
      { title: 'S1E2', year: null, kind: 'episode', genres: [], site: 'netflix.com' },
      { title: 'Dune', year: null, kind: 'movie', genres: [], site: 'max.com' },
    ]);
    expect(opts[0]!.label).toBe('Alien (1979)');
    expect(opts[1]!.label).toBe('Dune');
    expect(opts.filter((o) => o.label === 'Alien (1979)')).toHaveLength(1);
    expect(opts.some((o) => o.label === 'S1E2')).toBe(false);
    expect(opts).toHaveLength(2 + STARTER_TITLES.length - 1);
    expect(STARTER_TITLES.length).toBeGreaterThanOrEqual(40);
    expect(filterOptions(opts, 'ALIEN').map((o) => o.label)).toEqual(['Alien (1979)']);
    expect(filterOptions(opts, '')).toHaveLength(12);
  });
});

describe('Dashboard wiring', () => {
  it('fills the taste profile and onboarding slots and adds the picks section', async () => {
    ui = await mount(<Dashboard db={db} now={() => NOW} />);
    await waitFor(() => ui.byTestId('onboarding-section'));
    for (const id of ['taste-profile', 'picks', 'onboarding']) expect(ui.container.querySelector(`section#${id}`), id).not.toBeNull();
    expect(ui.byTestId('taste-section')).not.toBeNull();
    expect(ui.byTestId('dash-picks')).not.toBeNull();
    expect(ui.byTestId('slot-taste-profile')).toBeNull();
    expect(ui.byTestId('slot-onboarding')).toBeNull();
    expect(ui.container.querySelector('nav a[href="#picks"]')!.textContent).toBe('Your picks, explained');
  });
});
