// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TastefulDB } from '../../store/db';
import { addDiagnostic } from '../../store/diagnostics';
import { freshDb } from '../../../test/support/store-test-support';
import { click, mount, waitFor, type Mounted } from '../common/test-utils';
import { DiagnosticsSection } from './DiagnosticsSection';
import { TestDashboard } from './dashboard-test-support';

let db: TastefulDB;
let ui: Mounted;

beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => {
  ui?.unmount();
  db.close();
});

describe('the Diagnostics section', () => {
  it('shows the noted failures and copies them as text', async () => {
    await addDiagnostic(db, 'engine', new Error('bad batch'), Date.UTC(2025, 0, 2, 3, 4, 5));
    const written: string[] = [];
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async (t: string) => void written.push(t) } });
    ui = await mount(
      <TestDashboard db={db}>
        <DiagnosticsSection />
      </TestDashboard>,
    );
    const notes = await waitFor(() => ui.container.querySelector('[data-testid="diagnostics-notes"]'));
    expect(notes.textContent).toContain('[engine] Error: bad batch');
    await click(ui.container.querySelector('[data-testid="diagnostics-copy"]'));
    await waitFor(() => written.length > 0);
    expect(written).toEqual(['2025-01-02T03:04:05.000Z [engine] Error: bad batch']);
    vi.unstubAllGlobals();
  });

  it('says so when nothing was noted, and Clear empties the log', async () => {
    await addDiagnostic(db, 'router', new Error('write failed'));
    ui = await mount(
      <TestDashboard db={db}>
        <DiagnosticsSection />
      </TestDashboard>,
    );
    await waitFor(() => ui.container.querySelector('[data-testid="diagnostics"][data-count="1"]'));
    await click(ui.container.querySelector('[data-testid="diagnostics-clear"]'));
    await waitFor(() => ui.container.querySelector('[data-testid="diagnostics"][data-count="0"]'));
    expect(ui.container.textContent).toContain('No problems noted.');
    expect(await db.diagnostics.count()).toBe(0);
  });
});
