// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TastefulDB } from '../../store/db';
import { getSettings } from '../../store/settings';
import { freshDb } from '../../../test/support/store-test-support';
import { change, click, mount, waitFor, type Mounted } from '../common/test-utils';
import { seed, TestDashboard } from './dashboard-test-support';
import { DeleteSection } from './DeleteSection';
import { SettingsSection } from './SettingsSection';

let db: TastefulDB;
let ui: Mounted;
let changed = 0;

beforeEach(async () => {
  db = await freshDb();
  await seed(db);
  changed = 0;
});
afterEach(() => {
  ui?.unmount();
  db.close();
});

const eventCount = async () => (await db.watchSessions.count()) + (await db.searches.count()) + (await db.skips.count()) + (await db.ratings.count());

describe('DeleteSection', () => {
  const render = () =>
    mount(
      <TestDashboard db={db} onChanged={() => changed++}>
        <DeleteSection />
      </TestDashboard>,
    );

  it('deletes the last hour only after confirmation; cancel changes nothing', async () => {
    ui = await render();
    await click(ui.byTestId('delete-range-hour'));
    await click(ui.byTestId('confirm-cancel'));
    expect(await eventCount()).toBe(5);
    await click(ui.byTestId('delete-range-hour'));
    await click(ui.byTestId('confirm-ok'));
    await waitFor(() => ui.byTestId('delete-result')!.textContent!.includes('removed'));
    // The skip (60 min ago) and the rating (30 min ago) are inside the hour.
    expect(await db.skips.count()).toBe(0);
    expect(await db.ratings.count()).toBe(0);
    expect(await db.watchSessions.count()).toBe(2);
    expect(changed).toBe(1);
  });

  it('enables a custom range only when it is valid, and deletes a whole site', async () => {
    ui = await render();
    const custom = ui.byTestId<HTMLButtonElement>('delete-range-custom')!;
    expect(custom.disabled).toBe(true);
    await change(ui.byTestId('delete-range-from'), '2025-06-10T14:00');
    await change(ui.byTestId('delete-range-to'), '2025-06-10T13:00');
    expect(custom.disabled).toBe(true);

    await waitFor(() => ui.byTestId('delete-site-select')!.querySelectorAll('option').length === 3);
    await change(ui.byTestId('delete-site-select'), 'youtube.com');
    await click(ui.byTestId('delete-site-button'));
    await click(ui.byTestId('confirm-ok'));
    await waitFor(() => ui.byTestId('delete-result')!.textContent!.includes('youtube.com'));
    expect(await db.titles.where('site').equals('youtube.com').count()).toBe(0);
    expect(await db.titles.count()).toBe(2);
  });

  it('finds and deletes one title by name', async () => {
    ui = await render();
    await change(ui.byTestId('delete-title-search'), 'amé', ['input']);
    await waitFor(() => ui.allByTestId('delete-title-option').length === 1);
    await click(ui.byTestId('delete-title-option'));
    await click(ui.byTestId('confirm-ok'));
    await waitFor(() => ui.byTestId('delete-result')!.textContent!.includes('Amélie'));
    expect(await db.skips.count()).toBe(0);
    expect(await db.titles.count()).toBe(2);
  });
});

describe('SettingsSection', () => {
  it('saves valid values and refuses invalid ones without writing', async () => {
    ui = await mount(
      <TestDashboard db={db}>
        <SettingsSection />
      </TestDashboard>,
    );
    const retention = await waitFor(() => ui.byTestId<HTMLInputElement>('settings-retention'));
    expect(retention.value).toBe('12');
    await change(retention, '6', ['change']);
    await waitFor(() => ui.byTestId('settings-status')!.textContent!.includes('Saved'));
    expect((await getSettings(db)).retentionMonths).toBe(6);

    await change(ui.byTestId('settings-retention'), '0', ['change']);
    await waitFor(() => ui.byTestId('settings-status')!.textContent!.includes('Not saved'));
    expect((await getSettings(db)).retentionMonths).toBe(6);
    expect(ui.byTestId<HTMLInputElement>('settings-retention')!.value).toBe('6');

    await change(ui.byTestId('settings-badge'), 'hover', ['change']);
    await click(ui.byTestId('settings-private'));
    await click(ui.byTestId('settings-paused'));
    await waitFor(() => ui.byTestId<HTMLInputElement>('settings-paused')!.checked);
    expect(await getSettings(db)).toMatchObject({ badgeMode: 'hover', recordInPrivate: true, recordingPaused: true });
  });
});
