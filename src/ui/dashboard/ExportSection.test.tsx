// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TastefulDB } from '../../store/db';
import { parseExport } from '../../store/import';
import { freshDb } from '../../../test/support/store-test-support';
import { click, mount, waitFor, type Mounted } from '../common/test-utils';
import { seed, TestDashboard } from './dashboard-test-support';
import { ExportSection } from './ExportSection';

let db: TastefulDB;
let ui: Mounted;

beforeEach(async () => {
  db = await freshDb();
  await seed(db);
});
afterEach(() => {
  ui?.unmount();
  db.close();
  vi.restoreAllMocks();
  delete (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker;
});

describe('ExportSection', () => {
  it('without a file picker, downloads a Blob through <a download> and reports the byte count', async () => {
    let blob: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:test/1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });

    ui = await mount(
      <TestDashboard db={db}>
        <ExportSection />
      </TestDashboard>,
    );
    await click(ui.byTestId('export-button'));
    const done = await waitFor(() => ui.byTestId('export-done'));
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'tasteful-export-2025-06-10.json' }]);
    expect(blob).not.toBeNull();
    const b = blob as unknown as Blob;
    expect(Number(done.dataset.bytes)).toBe(b.size);
    expect(done.dataset.records).toBe('8'); // 3 titles + 2 sessions + 1 search + 1 skip + 1 rating
    const parsed = await parseExport(await b.text());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.file.tables.watchSessions.map((w) => w.id)).toEqual(['w1', 'w2']);
  });

  it('streams to the picked file when showSaveFilePicker exists, calling it without awaiting first', async () => {
    const written: string[] = [];
    let closed = false;
    const picker = vi.fn(async () => ({
      name: 'mine.json',
      createWritable: async () => ({
        write: async (s: string) => void written.push(s),
        close: async () => void (closed = true),
        abort: async () => undefined,
      }),
    }));
    (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker = picker;
    ui = await mount(
      <TestDashboard db={db}>
        <ExportSection />
      </TestDashboard>,
    );
    ui.byTestId('export-button')!.click();
    expect(picker).toHaveBeenCalledTimes(1); // synchronously, inside the click
    expect(picker.mock.calls[0]).toEqual([expect.objectContaining({ suggestedName: 'tasteful-export-2025-06-10.json' })]);
    const done = await waitFor(() => ui.byTestId('export-done'));
    expect(closed).toBe(true);
    const text = written.join('');
    expect(Number(done.dataset.bytes)).toBe(new TextEncoder().encode(text).byteLength);
    expect(done.textContent).toContain('mine.json');
    expect((await parseExport(text)).ok).toBe(true);
  });

  it('says so when the user cancels the picker, and writes nothing', async () => {
    (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker = async () => {
      throw new DOMException('cancelled', 'AbortError');
    };
    ui = await mount(
      <TestDashboard db={db}>
        <ExportSection />
      </TestDashboard>,
    );
    await click(ui.byTestId('export-button'));
    await waitFor(() => ui.byTestId('export-status')!.textContent!.includes('cancelled'));
    expect(ui.byTestId('export-done')).toBeNull();
  });
});
