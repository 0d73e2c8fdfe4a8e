// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const sendMessage = vi.fn(async (_msg: unknown) => ({ ok: true, value: null }));

import type { TastefulDB } from '../../store/db';
import { exportToString } from '../../store/export';
import { canonicalDump, freshDb } from '../../../test/support/store-test-support';
import { change, chooseFile, click, mount, waitFor, type Mounted } from '../common/test-utils';
import { Dashboard } from './Dashboard';
import { NOW, seed, title } from './dashboard-test-support';

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

async function goodExport(): Promise<string> {
  const other = await freshDb();
  await seed(other);
  const text = await exportToString(other, { exportedAt: NOW });
  other.close();
  return text;
}

const file = (text: string, name = 'export.json') => new File([text], name, { type: 'application/json' });

async function renderDashboard() {
  ui = await mount(<Dashboard db={db} now={() => NOW} />);
  await waitFor(() => ui.byTestId('counts')?.dataset.total !== undefined);
}

const cell = (table: string, col: string) =>
  ui.byTestId('import-preview')!.querySelector(`tr[data-table="${table}"] td[data-col="${col}"]`)!.textContent;

describe('ImportSection', () => {
  it('shows a clear error for a broken file and changes nothing', async () => {
    await db.titles.put(title(9, 'Kept'));
    const before = await canonicalDump(db);
    await renderDashboard();
    await chooseFile(ui.byTestId('import-input'), file('{"format":"tasteful-export","version":1,"tables":{"titles":[{"__proto__":{}}', 'bad.json'));
    const error = await waitFor(() => ui.byTestId('import-error'));
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('bad.json');
    expect(error.textContent).toMatch(/not valid JSON|forbidden key/);
    expect(ui.byTestId('import-preview')).toBeNull();
    expect(ui.byTestId('import-merge')).toBeNull();
    expect(await canonicalDump(db)).toBe(before);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('names the bad field of an invalid record', async () => {
    await renderDashboard();
    const doc = JSON.parse(await goodExport());
    doc.tables.watchSessions[0].secondsWatched = -5;
    await chooseFile(ui.byTestId('import-input'), file(JSON.stringify(doc)));
    const error = await waitFor(() => ui.byTestId('import-error'));
    expect(error.textContent).toContain('secondsWatched');
    expect(await db.watchSessions.count()).toBe(0);
  });

  it('previews a good file per table, then merges it and tells the background', async () => {
    // One title already stored identically, one stored differently.
    const text = await goodExport();
    const doc = JSON.parse(text);
    await db.titles.put(doc.tables.titles[0]);
    await db.titles.put({ ...doc.tables.titles[1], title: 'Renamed' });
    await renderDashboard();

    await chooseFile(ui.byTestId('import-input'), file(text));
    await waitFor(() => ui.byTestId('import-preview'));
    expect(cell('titles', 'incoming')).toBe('3');
    expect(cell('titles', 'new')).toBe('1');
    expect(cell('titles', 'duplicates')).toBe('1');
    expect(cell('titles', 'conflicts')).toBe('1');
    expect(cell('titles', 'existing')).toBe('2');
    expect(cell('watchSessions', 'new')).toBe('2');
    expect(await db.watchSessions.count()).toBe(0); // a preview writes nothing

    await click(ui.byTestId('import-merge'));
    const done = await waitFor(() => ui.byTestId('import-done'));
    expect(done.dataset.mode).toBe('merge');
    expect(await db.watchSessions.count()).toBe(2);
    expect((await db.titles.get(doc.tables.titles[1].id))?.title).not.toBe('Renamed');
    expect(sendMessage).not.toHaveBeenCalledWith({ type: 'data/changed' }); // the engine observes the store itself
    // The per-table counts refresh after the import.
    await waitFor(() => ui.byTestId('counts')!.querySelector('[data-table="watchSessions"]')!.getAttribute('data-count') === '2');
  });

  it('replaces what was stored', async () => {
    await db.titles.put(title(9, 'Gone after replace'));
    await renderDashboard();
    await chooseFile(ui.byTestId('import-input'), file(await goodExport()));
    await waitFor(() => ui.byTestId('import-preview'));
    await click(ui.byTestId('import-replace'));
    await waitFor(() => ui.byTestId('import-done'));
    expect(await db.titles.get('netflix.com:t9')).toBeUndefined();
    expect(await db.titles.count()).toBe(3);
  });
});

describe('WipeSection', () => {
  it('wipes only after "delete" is typed', async () => {
    await seed(db);
    await renderDashboard();
    await click(ui.byTestId('wipe-button'));
    const confirm = ui.byTestId<HTMLButtonElement>('wipe-confirm')!;
    expect(confirm.disabled).toBe(true);
    const input = ui.byTestId<HTMLInputElement>('wipe-confirm-input')!;
    await change(input, 'delet', ['input']);
    expect(confirm.disabled).toBe(true);
    await change(input, 'delete', ['input']);
    expect(confirm.disabled).toBe(false);
    await click(confirm);
    await waitFor(() => ui.byTestId('wipe-done'));
    const counts = await Promise.all(db.tables.map((t) => t.count()));
    expect(counts.every((n) => n === 0)).toBe(true);
    expect(sendMessage).not.toHaveBeenCalledWith({ type: 'data/changed' }); // the engine observes the store itself
  });
});

describe('WipeSection, with an engine still at work', () => {
  it('leaves no embedding behind that a rebuild begun before the wipe writes after it', async () => {
    await seed(db);
    await renderDashboard();
    // The engine: a rebuild begun before the wipe (it read the titles) writes its embeddings once
    // the wipe is done; like the real engine, a later forget waits for writes already in flight.
    let late: Promise<void> | null = null;
    sendMessage.mockImplementation(async (m: unknown) => {
      if ((m as { type?: string }).type === 'engine/forget') {
        if (!late) {
          late = (async () => {
            while ((await db.titles.count()) > 0) await new Promise((r) => setTimeout(r, 2));
            await db.embeddings.put({ id: 'm:late', modelVersion: 'm', textHash: 'late', vector: new Float32Array(4), at: NOW });
          })();
        } else await late;
      }
      return { ok: true, value: null };
    });
    await click(ui.byTestId('wipe-button'));
    await change(ui.byTestId<HTMLInputElement>('wipe-confirm-input')!, 'delete', ['input']);
    await click(ui.byTestId('wipe-confirm'));
    await waitFor(() => ui.byTestId('wipe-done'));
    await late;
    expect(await db.embeddings.count()).toBe(0);
    expect(await db.titles.count()).toBe(0);
  });
});

describe('Dashboard', () => {
  it('renders every section, the taste profile and onboarding included', async () => {
    await renderDashboard();
    for (const id of ['overview', 'taste-profile', 'onboarding', 'history', 'delete', 'export', 'import', 'wipe', 'settings']) {
      expect(ui.container.querySelector(`section#${id}`), id).not.toBeNull();
    }
    expect(ui.byTestId('taste-section')).not.toBeNull();
    expect(ui.byTestId('onboarding-section')).not.toBeNull();
  });
});

describe('ImportSection, history older than the retention window', () => {
  it('says before and after that the window grows to keep it, and stores the longer window', async () => {
    await renderDashboard();
    const doc = JSON.parse(await goodExport());
    const oldest = NOW - 5 * 365 * 86_400_000;
    doc.tables.watchSessions[0].startedAt = oldest;
    doc.tables.watchSessions[0].endedAt = oldest + 60_000;
    await chooseFile(ui.byTestId('import-input'), file(JSON.stringify(doc)));
    const note = await waitFor(() => ui.byTestId('import-retention'));
    const months = Number(note.dataset.months);
    expect(months).toBeGreaterThanOrEqual(60);
    expect(note.textContent).toContain('will keep');
    expect(note.textContent).toContain(`${new Date(oldest).getFullYear()}`);
    await click(ui.byTestId('import-merge'));
    await waitFor(() => ui.byTestId('import-done'));
    expect(ui.byTestId('import-done')!.querySelector('[data-testid="import-retention"]')?.textContent).toContain('now keeps');
    const stored = await db.settings.get('retentionMonths');
    expect(stored?.value).toBe(months);
  });
});
