// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TastefulDB } from '../../store/db';
import { freshDb } from '../../../test/support/store-test-support';
import { change, click, mount, waitFor, type Mounted } from '../common/test-utils';
import { seed, TestDashboard } from './dashboard-test-support';
import { HistorySection } from './HistorySection';

let db: TastefulDB;
let ui: Mounted;

beforeEach(async () => {
  db = await freshDb();
  await seed(db);
});
afterEach(() => {
  ui?.unmount();
  db.close();
});

const rows = () => ui.allByTestId('history-item');
const kinds = () => rows().map((r) => r.dataset.kind);

describe('HistorySection', () => {
  it('lists the seeded events newest first with titles, sites and details', async () => {
    ui = await mount(
      <TestDashboard db={db}>
        <HistorySection />
      </TestDashboard>,
    );
    await waitFor(() => rows().length === 5);
    expect(ui.byTestId('history-list')).not.toBeNull();
    expect(kinds()).toEqual(['rating', 'skip', 'watch', 'search', 'watch']);
    const watch = rows()[2]!;
    expect(watch.textContent).toContain('Alien (2001)');
    expect(watch.textContent).toContain('23 min watched · 54%');
    expect(watch.textContent).toContain('netflix.com');
    expect(watch.textContent).toContain('Today, 13:00');
    expect(rows()[3]!.textContent).toContain('“space horror”');
    expect(rows()[3]!.textContent).toContain('Opened Alien');
    expect(rows()[1]!.textContent).toContain('Stopped after 40 s');
    expect(rows()[0]!.textContent).toContain('Love');
  });

  it('filters by kind and by site', async () => {
    ui = await mount(
      <TestDashboard db={db}>
        <HistorySection />
      </TestDashboard>,
    );
    await waitFor(() => rows().length === 5);
    await change(ui.byTestId('filter-kind'), 'watch');
    await waitFor(() => rows().length === 2);
    expect(kinds()).toEqual(['watch', 'watch']);
    await waitFor(() => ui.byTestId('filter-site')!.querySelectorAll('option').length === 3);
    await change(ui.byTestId('filter-site'), 'youtube.com');
    await waitFor(() => rows().length === 1);
    expect(rows()[0]!.textContent).toContain('Cat video');
    expect(rows()[0]!.textContent).toContain('2 min watched');
  });

  it('filters by time: last hour', async () => {
    ui = await mount(
      <TestDashboard db={db}>
        <HistorySection />
      </TestDashboard>,
    );
    await waitFor(() => rows().length === 5);
    await change(ui.byTestId('filter-time'), 'hour');
    await waitFor(() => rows().length === 2);
    expect(kinds()).toEqual(['rating', 'skip']);
  });

  it('loads more pages through the cursor', async () => {
    ui = await mount(
      <TestDashboard db={db}>
        <HistorySection pageSize={2} />
      </TestDashboard>,
    );
    await waitFor(() => rows().length === 2);
    await click(ui.byTestId('history-load-more'));
    await waitFor(() => rows().length === 4);
    await click(ui.byTestId('history-load-more'));
    await waitFor(() => rows().length === 5);
    expect(kinds()).toEqual(['rating', 'skip', 'watch', 'search', 'watch']);
    expect(ui.byTestId('history-load-more')).toBeNull();
  });

  it('deletes a title after confirmation, and tells the engine', async () => {
    let changed = 0;
    ui = await mount(
      <TestDashboard db={db} onChanged={() => changed++}>
        <HistorySection />
      </TestDashboard>,
    );
    await waitFor(() => rows().length === 5);
    // The watch row of "Alien": its session, search and rating go with it.
    await click(rows()[2]!.querySelector('[data-testid="history-delete-title"]'));
    const dialog = ui.container.querySelector('dialog')!;
    expect(dialog.open || dialog.hasAttribute('open')).toBe(true);
    expect(await db.titles.count()).toBe(3); // nothing happens before confirming
    await click(ui.byTestId('confirm-ok'));
    await waitFor(() => rows().length === 2);
    expect(kinds()).toEqual(['skip', 'watch']);
    expect(await db.titles.count()).toBe(2);
    expect(changed).toBe(1);
    expect(ui.byTestId('history-status')!.textContent).toContain('Deleted “Alien (2001)”');
  });
});
