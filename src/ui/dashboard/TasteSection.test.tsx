// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Reply = { ok: boolean; value?: unknown; error?: string };
const replies: Record<string, () => Reply | Promise<Reply>> = {};
const sendMessage = vi.fn(async (msg: unknown) => {
  const type = (msg as { type: string }).type;
  const r = replies[type];
  return r ? r() : { ok: true, value: null };
});

import type { Picks } from '../../engine/api';
import type { TasteSummary } from '../../engine/taste';
import type { TastefulDB } from '../../store/db';
import { freshDb } from '../../../test/support/store-test-support';
import { click, mount, waitFor, type Mounted } from '../common/test-utils';
import { TestDashboard } from './dashboard-test-support';
import { PicksSection } from './PicksSection';
import { TasteProfile, TasteSection } from './TasteSection';

/** happy-dom's IntersectionObserver never reports; this one reports "on screen" at once. */
class SeenAtOnce {
  constructor(private readonly cb: IntersectionObserverCallback) {}
  observe(target: Element) {
    queueMicrotask(() =>
      this.cb([{ isIntersecting: true, target } as unknown as IntersectionObserverEntry], this as unknown as IntersectionObserver),
    );
  }
  disconnect() {}
  unobserve() {}
  takeRecords() {
    return [];
  }
}

function grid(): number[][] {
  const g = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  g[5]![21] = 42 * 60; // Friday 21:00
  g[5]![22] = 10 * 60;
  g[1]![8] = 60 * 60; // Monday 08:00, the busiest
  g[0]![14] = 30; // Sunday 14:00, half a minute
  return g;
}

function summary(over: Partial<TasteSummary> = {}): TasteSummary {
  return {
    generatedAt: 1,
    evidence: 12,
    confident: true,
    halfLifeDays: 30,
    genres: [
      { genre: 'Horror', affinity: -0.4 },
      { genre: 'Comedy', affinity: 1 },
      { genre: 'Romance', affinity: 0.55 },
    ],
    clusters: [
      {
        id: 'cluster:0',
        label: 'Comedy & Romance',
        share: 0.62,
        genres: ['Comedy', 'Romance'],
        examples: [
          { titleKey: 'k1', title: 'Notting Hill' },
          { titleKey: 'k2', title: 'Amélie' },
        ],
      },
      { id: 'cluster:1', label: 'Sci-Fi', share: 0.38, genres: ['Sci-Fi'], examples: [{ titleKey: 'k3', title: 'Alien' }] },
    ],
    habits: [{ context: 'day:5:night', genre: 'Comedy', lift: 1.8, sessions: 6, text: 'You often watch comedies on Friday nights' }],
    watchTime: grid(),
    counts: { titles: 5, watchSessions: 9, skips: 1, ratings: 2, impressions: 3 },
    timeToPick: { picks: 0, medianSeconds: null, weeks: [] },
    ...over,
  };
}

let db: TastefulDB;
let ui: Mounted;

beforeEach(async () => {
  sendMessage.mockClear();
  // WXT's fake browser delivers runtime messages to listeners in this same context: this one plays the background.
  fakeBrowser.reset();
  fakeBrowser.runtime.onMessage.addListener((m: unknown) => sendMessage(m));
  for (const k of Object.keys(replies)) delete replies[k];
  vi.stubGlobal('IntersectionObserver', SeenAtOnce);
  db = await freshDb();
});
afterEach(() => {
  ui?.unmount();
  db.close();
  vi.unstubAllGlobals();
});

const renderTaste = async () => {
  ui = await mount(
    <TestDashboard db={db}>
      <TasteSection />
    </TestDashboard>,
  );
};

describe('TasteSection', () => {
  it('draws sorted genre bars, interest cards, habits, the half-life and a 7 × 24 heatmap table', async () => {
    replies['taste/get'] = () => ({ ok: true, value: summary() });
    await renderTaste();
    await waitFor(() => ui.byTestId('taste-genres'));
    expect(sendMessage).toHaveBeenCalledWith({ type: 'taste/get' });

    const genres = ui.allByTestId('taste-genre');
    expect(genres.map((g) => g.dataset.genre)).toEqual(['Comedy', 'Romance', 'Horror']);
    const comedy = genres[0]!;
    expect(comedy.textContent).toContain('Comedy');
    expect(comedy.querySelector<HTMLElement>('.tf-bar.pos')!.style.width).toBe('100%');
    const horror = genres[2]!;
    expect(horror.querySelector('.tf-bar.pos')).toBeNull();
    expect(horror.querySelector<HTMLElement>('.tf-bar.neg')!.style.width).toBe('40%');
    expect(horror.textContent).toContain('−0.40');

    const clusters = ui.allByTestId('taste-cluster');
    expect(clusters).toHaveLength(2);
    expect(clusters[0]!.textContent).toContain('Comedy & Romance');
    expect(clusters[0]!.textContent).toContain('62% of your viewing');
    expect(clusters[0]!.textContent).toContain('Notting Hill, Amélie');
    expect([...clusters[0]!.querySelectorAll('.tf-chip')].map((c) => c.textContent)).toEqual(['Comedy', 'Romance']);

    expect(ui.byTestId('taste-habits')!.textContent).toContain('You often watch comedies on Friday nights');
    expect(ui.byTestId('taste-half-life')!.textContent).toContain('Recent activity counts more: half-life 30 days');
    expect(ui.byTestId('taste-half-life')!.querySelector('a')!.getAttribute('href')).toBe('#settings');
    expect(ui.byTestId('taste-empty')).toBeNull();

    const table = ui.byTestId('taste-heatmap')!;
    expect(table.tagName).toBe('TABLE');
    expect(table.querySelector('caption')).not.toBeNull();
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.querySelector('th[scope="row"]')!.textContent)).toEqual(
      ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((d) => d.slice(0, 3) + d),
    );
    expect(table.querySelectorAll('thead th[scope="col"]')).toHaveLength(24);
    const cells = [...table.querySelectorAll<HTMLElement>('td.tf-cell')];
    expect(cells).toHaveLength(7 * 24);
    for (const r of rows) expect(r.querySelectorAll('td.tf-cell')).toHaveLength(24);

    const cell = (weekday: number, hour: number) => table.querySelector<HTMLElement>(`tr[data-weekday="${weekday}"] td[data-hour="${hour}"]`)!;
    expect(cell(5, 21).getAttribute('aria-label')).toBe('Friday 21:00 — 42 min');
    expect(cell(5, 21).title).toBe('Friday 21:00 — 42 min');
    expect(cell(3, 4).getAttribute('aria-label')).toBe('Wednesday 04:00 — 0 min');
    const i = (c: HTMLElement) => Number(c.dataset.intensity);
    // More seconds, more colour: 0 < 30 s < 10 min < 42 min < 60 min (the busiest cell is 1).
    expect(i(cell(3, 4))).toBe(0);
    expect(i(cell(0, 14))).toBeGreaterThan(0);
    expect(i(cell(5, 22))).toBeGreaterThan(i(cell(0, 14)));
    expect(i(cell(5, 21))).toBeGreaterThan(i(cell(5, 22)));
    expect(i(cell(1, 8))).toBe(1);
    expect(cell(5, 21).style.getPropertyValue('--tf-i')).toBe(String(i(cell(5, 21))));
  });

  it('names the leanings in plain words, as text (never markup)', async () => {
    replies['taste/get'] = () => ({
      ok: true,
      value: summary({ leanings: ['Mostly thrillers and dramas', 'You lean toward 1990s films <b>x</b>'] }),
    });
    await renderTaste();
    const list = await waitFor(() => ui.byTestId('taste-leanings'));
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Mostly thrillers and dramas',
      'You lean toward 1990s films <b>x</b>',
    ]);
    expect(list.querySelector('b')).toBeNull();
  });

  it('refuses leanings that are not strings', async () => {
    replies['taste/get'] = () => ({ ok: true, value: summary({ leanings: [{ text: 'x' }] as unknown as string[] }) });
    await renderTaste();
    await waitFor(() => ui.byTestId('taste-error'));
    expect(ui.byTestId('taste-leanings')).toBeNull();
  });

  it('says it is still learning when the profile is not confident', async () => {
    const empty = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    replies['taste/get'] = () => ({
      ok: true,
      value: summary({ confident: false, evidence: 0.5, genres: [], clusters: [], habits: [], watchTime: empty }),
    });
    await renderTaste();
    const notice = await waitFor(() => ui.byTestId('taste-empty'));
    expect(notice.textContent).toContain('Still learning — watch a couple of things');
    expect(notice.querySelector('a[href="#onboarding"]')).not.toBeNull();
    expect(ui.byTestId('taste-genres')).toBeNull();
    expect(ui.byTestId('taste-clusters')).toBeNull();
    // The heatmap is still a full, empty table.
    expect(ui.byTestId('taste-heatmap')!.querySelectorAll('td.tf-cell')).toHaveLength(168);
  });

  it('shows a calm error with a retry when the engine fails, then the profile', async () => {
    let calls = 0;
    replies['taste/get'] = () => (++calls === 1 ? { ok: false, error: 'model still loading' } : { ok: true, value: summary() });
    await renderTaste();
    const error = await waitFor(() => ui.byTestId('taste-error'));
    expect(error.textContent).toContain('model still loading');
    await click(ui.byTestId('taste-retry'));
    await waitFor(() => ui.byTestId('taste-genres'));
    expect(ui.byTestId('taste-error')).toBeNull();
    expect(calls).toBe(2);
  });

  it('refuses a reply of the wrong shape instead of drawing it', async () => {
    replies['taste/get'] = () => ({ ok: true, value: { genres: 'nope' } });
    await renderTaste();
    const error = await waitFor(() => ui.byTestId('taste-error'));
    expect(error.textContent).toContain('unexpected reply');
  });

  it('does not wake the engine until the section is on screen', async () => {
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        disconnect() {}
        unobserve() {}
        takeRecords() {
          return [];
        }
      },
    );
    replies['taste/get'] = () => ({ ok: true, value: summary() });
    await renderTaste();
    await new Promise((r) => setTimeout(r, 30));
    expect(sendMessage).not.toHaveBeenCalled();
    expect(ui.byTestId('taste-section')!.dataset.state).toBe('idle');
  });
});

describe('PicksSection', () => {
  const picks: Picks = {
    evidence: 12,
    generatedAt: 1,
    rows: [
      {
        id: 'top',
        label: 'Top picks for you',
        items: [
          {
            titleId: 'netflix.com:1',
            titleKey: 'k1',
            title: 'Notting Hill',
            year: 1999,
            kind: 'movie',
            genres: ['Comedy', 'Romance'],
            imageUrl: null,
            url: null,
            site: 'netflix.com',
            match: 87,
            why: ['Because you watched Amélie', 'You often watch comedies on Friday nights'],
          },
          {
            titleId: 'netflix.com:2',
            titleKey: 'k2',
            title: 'Alien',
            year: null,
            kind: 'movie',
            genres: [],
            imageUrl: null,
            url: null,
            site: 'netflix.com',
            match: null,
            why: [],
          },
        ],
      },
      { id: 'empty', label: 'Nothing here', items: [] },
    ],
  };

  it('renders rows with each pick’s match and its why lines', async () => {
    replies['picks/get'] = () => ({ ok: true, value: picks });
    ui = await mount(
      <TestDashboard db={db}>
        <PicksSection />
      </TestDashboard>,
    );
    await waitFor(() => ui.byTestId('dash-pick-row'));
    expect(sendMessage).toHaveBeenCalledWith({ type: 'picks/get', site: null });
    const rows = ui.allByTestId('dash-pick-row');
    expect(rows).toHaveLength(1); // empty rows are left out
    expect(rows[0]!.textContent).toContain('Top picks for you');
    const items = ui.allByTestId('dash-pick');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('Notting Hill');
    expect(items[0]!.textContent).toContain('(1999)');
    expect(items[0]!.textContent).toContain('87% match');
    const why = items[0]!.querySelector('[data-testid="dash-pick-why"]')!;
    expect([...why.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Because you watched Amélie',
      'You often watch comedies on Friday nights',
    ]);
    expect(items[1]!.textContent).not.toContain('match');
    expect(items[1]!.querySelector('[data-testid="dash-pick-why"]')).toBeNull();
  });

  it('has an empty state and a retry on failure', async () => {
    let calls = 0;
    replies['picks/get'] = () => (++calls === 1 ? { ok: false, error: 'busy' } : { ok: true, value: { ...picks, rows: [] } });
    ui = await mount(
      <TestDashboard db={db}>
        <PicksSection />
      </TestDashboard>,
    );
    await waitFor(() => ui.byTestId('dash-picks-error'));
    await click(ui.byTestId('dash-picks-retry'));
    await waitFor(() => ui.byTestId('dash-picks-empty'));
  });

  it('shows the time to pick: the median, and a bar per week with a pick', async () => {
    const weeks = [0, 1, 2, 3].map((k) => ({
      start: Date.UTC(2026, 9, 26 + 7 * k),
      picks: k === 1 ? 0 : 2,
      medianSeconds: k === 1 ? null : 60 * (k + 1),
    }));
    ui = await mount(<TasteProfile summary={summary({ timeToPick: { picks: 6, medianSeconds: 185, weeks } })} />);
    expect(ui.container.querySelector('[data-testid="time-to-pick-median"]')?.textContent).toBe('3 min');
    const rows = [...ui.container.querySelectorAll('.tf-ttp tr')].map((r) => r.textContent ?? '');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain('no picks');
    expect(rows[3]).toContain('4 min (2)');
    expect(ui.container.querySelectorAll('.tf-ttp-bar')).toHaveLength(3);
  });

  it('says so when no pick was measured yet', async () => {
    ui = await mount(<TasteProfile summary={summary()} />);
    expect(ui.container.querySelector('[data-testid="time-to-pick"]')?.textContent).toMatch(/No picks measured yet/);
  });
});
