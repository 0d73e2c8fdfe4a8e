/**
 * Export: streams the store's export chunks to a file. Where the File System Access API
 * exists (Chrome) the user picks a file and chunks are written as they come; elsewhere (or
 * with `?download=blob` in the page URL, for tests) the chunks are gathered into a Blob and
 * downloaded through an `<a download>` link.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { blobSink, exportChunks } from '../../store/export';
import { countByTable } from '../../store/history';
import { USER_TABLES } from '../../store/records';
import { exportFilename, formatBytes, plural, utf8Length } from '../common/format';
import { useDashboard } from './context';
import { errorText } from './useAsync';
import { diagnose } from '../../store/diagnostics';

interface WritableLike {
  write(data: string): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface FileHandleLike {
  readonly name?: string;
  createWritable(): Promise<WritableLike>;
}
type SaveFilePicker = (options: {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<FileHandleLike>;

type ExportState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly bytes: number; readonly records: number; readonly total: number }
  | { readonly status: 'done'; readonly bytes: number; readonly records: number; readonly filename: string; readonly url: string | null }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly error: string };

/** Records in a chunk: the export writes one record per line, each line starting with "{". */
function recordsIn(chunk: string): number {
  let n = 0;
  for (let i = chunk.indexOf('\n{'); i !== -1; i = chunk.indexOf('\n{', i + 2)) n++;
  return n;
}

function savePicker(): SaveFilePicker | null {
  if (typeof location !== 'undefined' && new URLSearchParams(location.search).get('download') === 'blob') return null;
  const fn = (globalThis as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  return typeof fn === 'function' ? fn.bind(globalThis) : null;
}

/** Starts the browser's download of `url` through a hidden `<a download>` link. */
function clickDownload(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

function ExportStatus({ state }: { state: ExportState }) {
  return (
    <div aria-live="polite" data-testid="export-status">
      {state.status === 'running' && (
        <div data-testid="export-progress">
          <progress max={Math.max(1, state.total)} value={Math.min(state.records, state.total)} aria-label="Export progress" />
          <p class="muted small">
            {plural(state.records, 'record')} of {state.total.toLocaleString('en')} · {formatBytes(state.bytes)}
          </p>
        </div>
      )}
      {state.status === 'done' && (
        <p class="notice ok" data-testid="export-done" data-bytes={state.bytes} data-records={state.records} data-filename={state.filename}>
          Exported {plural(state.records, 'record')} ({formatBytes(state.bytes)}, {state.bytes.toLocaleString('en')} bytes) to {state.filename}.
          {state.url && (
            <>
              {' '}
              <a href={state.url} download={state.filename} data-testid="export-download">
                Download again
              </a>
            </>
          )}
        </p>
      )}
      {state.status === 'cancelled' && <p class="muted">Export cancelled; no file was written.</p>}
      {state.status === 'error' && (
        <p class="notice error" role="alert" data-testid="export-error">
          Export failed: {state.error}
        </p>
      )}
    </div>
  );
}

export function ExportSection() {
  const { db, now } = useDashboard();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const urlRef = useRef<string | null>(null);

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  const running = state.status === 'running';

  const stream = async (sink: (chunk: string) => Promise<void>): Promise<{ bytes: number; records: number }> => {
    const counts = await countByTable(db);
    const total = USER_TABLES.reduce((sum, t) => sum + (counts[t] ?? 0), 0);
    let bytes = 0;
    let records = 0;
    setState({ status: 'running', bytes, records, total });
    for await (const chunk of exportChunks(db)) {
      await sink(chunk);
      bytes += utf8Length(chunk);
      records += recordsIn(chunk);
      setState({ status: 'running', bytes, records, total });
    }
    return { bytes, records };
  };

  const toFile = async (handlePromise: Promise<FileHandleLike>, filename: string) => {
    let handle: FileHandleLike;
    try {
      handle = await handlePromise;
    } catch (err) {
      if ((err as { name?: string } | null)?.name === 'AbortError')
        setState({ status: 'cancelled' }); // the user closed the picker
      else {
        diagnose('dashboard/export', err); // shown to the user below; noted for a problem report
        setState({ status: 'error', error: errorText(err) });
      }
      return;
    }
    let writable: WritableLike | null = null;
    try {
      writable = await handle.createWritable();
      const w = writable;
      const { bytes, records } = await stream((chunk) => w.write(chunk));
      await w.close();
      setState({ status: 'done', bytes, records, filename: handle.name ?? filename, url: null });
    } catch (err) {
      diagnose('dashboard/export', err); // shown to the user below; noted for a problem report
      // Discards the partial file; if even that fails, the error below is the one that matters.
      await writable?.abort().catch(() => undefined);
      setState({ status: 'error', error: errorText(err) });
    }
  };

  const toBlob = async (filename: string) => {
    try {
      const collector = blobSink();
      const { records } = await stream(collector.sink);
      const blob = collector.finish();
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
      const url = URL.createObjectURL(blob);
      urlRef.current = url;
      clickDownload(url, filename);
      setState({ status: 'done', bytes: blob.size, records, filename, url });
    } catch (err) {
      diagnose('dashboard/export', err); // shown to the user below; noted for a problem report
      setState({ status: 'error', error: errorText(err) });
    }
  };

  const start = () => {
    if (running) return;
    const filename = exportFilename(now());
    const picker = savePicker();
    if (picker) {
      // The picker must open within the click's user activation: no await before this call.
      const handle = picker({ suggestedName: filename, types: [{ description: 'Tasteful export', accept: { 'application/json': ['.json'] } }] });
      void toFile(handle, filename);
    } else {
      void toBlob(filename);
    }
  };

  return (
    <div>
      <p>The file holds your titles, history, ratings and settings as plain JSON. Anyone with the file can read it: keep it somewhere private.</p>
      <div class="button-row">
        <button type="button" class="primary" data-testid="export-button" disabled={running} onClick={start}>
          {running ? 'Exporting…' : 'Export my data'}
        </button>
      </div>
      <ExportStatus state={state} />
    </div>
  );
}
