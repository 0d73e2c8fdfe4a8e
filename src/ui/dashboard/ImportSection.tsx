/**
 * Import: pick an export file; it is validated in full before anything else happens. A bad
 * file shows why and changes nothing. A good one shows, per table, what it holds and how it
 * compares with what is stored; the user then merges it in or replaces everything with it.
 */
import type { Ref } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import {
  applyImport,
  parseExport,
  previewImport,
  type ImportMode,
  type ImportPreview,
  type ImportResult,
  type RetentionChange,
  type ValidatedExport,
} from '../../store/import';
import { USER_TABLES } from '../../store/records';
import { formatBytes, formatWhen, plural } from '../common/format';
import { useDashboard } from './context';
import { TABLE_LABEL } from './labels';
import { errorText } from './useAsync';
import { diagnose } from '../../store/diagnostics';

type ImportState =
  | { readonly status: 'idle' }
  | { readonly status: 'reading'; readonly name: string }
  | { readonly status: 'invalid'; readonly name: string; readonly errors: readonly string[] }
  | { readonly status: 'preview'; readonly name: string; readonly size: number; readonly file: ValidatedExport; readonly preview: ImportPreview }
  | { readonly status: 'applying'; readonly name: string; readonly mode: ImportMode }
  | { readonly status: 'done'; readonly name: string; readonly result: ImportResult }
  | { readonly status: 'failed'; readonly name: string; readonly error: string };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

type PreviewState = Extract<ImportState, { status: 'preview' }>;
type DoneState = Extract<ImportState, { status: 'done' }>;

export function ImportSection() {
  const { db, now, dataChanged } = useDashboard();
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const previewHeading = useId();
  const replaceHint = useId();

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setState({ status: 'reading', name: file.name });
    try {
      const parsed = await parseExport(file);
      if (!parsed.ok) {
        setState({ status: 'invalid', name: file.name, errors: parsed.errors.length ? parsed.errors : [parsed.error] });
        return;
      }
      const preview = await previewImport(db, parsed.file, 'merge', now());
      setState({ status: 'preview', name: file.name, size: file.size, file: parsed.file, preview });
    } catch (err) {
      diagnose('dashboard/import', err); // shown to the user below; noted for a problem report
      setState({ status: 'invalid', name: file.name, errors: [`The file could not be read: ${errorText(err)}`] });
    }
  };

  const apply = async (mode: ImportMode) => {
    if (state.status !== 'preview') return;
    const { file, name } = state;
    setState({ status: 'applying', name, mode });
    try {
      const result = await applyImport(db, file, mode, now());
      setState({ status: 'done', name, result });
      dataChanged();
    } catch (err) {
      diagnose('dashboard/import', err); // shown to the user below; noted for a problem report
      setState({ status: 'failed', name, error: errorText(err) });
    }
  };

  const reset = () => {
    setState({ status: 'idle' });
    if (inputRef.current) {
      inputRef.current.value = '';
      inputRef.current.focus();
    }
  };

  // When the preview appears, take focus to its heading so screen readers read what comes next.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.status === 'preview') headingRef.current?.focus();
  }, [state.status]);

  return (
    <div>
      <div class="field">
        <label for={inputId}>Export file (.json)</label>
        <input
          id={inputId}
          ref={inputRef}
          type="file"
          accept="application/json,.json"
          data-testid="import-input"
          disabled={state.status === 'reading' || state.status === 'applying'}
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
        />
      </div>

      <div aria-live="polite">
        {state.status === 'reading' && (
          <p class="muted" data-testid="import-reading">
            Checking {state.name}…
          </p>
        )}
        {state.status === 'applying' && (
          <p class="muted" data-testid="import-applying">
            {state.mode === 'merge' ? 'Merging' : 'Replacing your data with'} {state.name}…
          </p>
        )}
        {state.status === 'done' && <ImportDone state={state} onReset={reset} />}
        {state.status === 'failed' && (
          <p class="notice error" role="alert" data-testid="import-error">
            The import failed and nothing was changed: {state.error}
          </p>
        )}
      </div>

      {state.status === 'invalid' && (
        <div class="notice error" role="alert" data-testid="import-error">
          <p>
            <strong>{state.name}</strong> cannot be imported. Nothing was changed.
          </p>
          <ul>
            {state.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}

      {state.status === 'preview' && (
        <ImportPreviewCard
          state={state}
          now={now()}
          ids={{ heading: previewHeading, replaceHint }}
          headingRef={headingRef}
          onApply={(mode) => void apply(mode)}
          onCancel={reset}
        />
      )}
    </div>
  );
}

function ImportDone({ state, onReset }: { readonly state: DoneState; readonly onReset: () => void }) {
  const written = sum(USER_TABLES.map((t) => state.result.written[t]));
  return (
    <div class="notice ok" data-testid="import-done" data-mode={state.result.mode} data-written={written}>
      <p>
        Imported {plural(written, 'record')} from {state.name} (
        {state.result.mode === 'merge' ? 'merged with what was stored' : 'replacing what was stored'}).
      </p>
      <ul class="counts">
        {USER_TABLES.map((t) => (
          <li key={t}>
            {TABLE_LABEL[t]}: <strong>{state.result.written[t].toLocaleString('en')}</strong>
          </li>
        ))}
      </ul>
      {state.result.retention && <RetentionNote change={state.result.retention} done />}
      <div class="button-row">
        <button type="button" onClick={onReset}>
          Import another file
        </button>
      </div>
    </div>
  );
}

interface ImportPreviewCardProps {
  readonly state: PreviewState;
  readonly now: number;
  readonly ids: { readonly heading: string; readonly replaceHint: string };
  readonly headingRef: Ref<HTMLHeadingElement>;
  readonly onApply: (mode: ImportMode) => void;
  readonly onCancel: () => void;
}

function ImportPreviewCard({ state, now, ids, headingRef, onApply, onCancel }: ImportPreviewCardProps) {
  const storedNow = sum(USER_TABLES.map((t) => state.preview.perTable[t].existing));
  return (
    <section class="card" data-testid="import-preview" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} ref={headingRef} tabIndex={-1}>
        What {state.name} would change
      </h3>
      <p class="muted small">
        Exported {formatWhen(state.file.exportedAt, now)} by {state.file.app.name} {state.file.app.version} · {formatBytes(state.size)}
      </p>
      <ImportPreviewTable preview={state.preview} />
      {state.preview.retention && <RetentionNote change={state.preview.retention} done={false} />}
      <p class="small" id={ids.replaceHint} style={{ marginTop: '0.75rem' }}>
        <strong>Merge</strong> adds the file to what is stored; where both hold the same record differently, the file’s version wins.{' '}
        <strong>Replace</strong> deletes the {plural(storedNow, 'record')} stored now, then loads the file. Nothing changes until you choose one of
        them.
      </p>
      <div class="button-row">
        <button type="button" class="primary" data-testid="import-merge" onClick={() => onApply('merge')}>
          Merge
        </button>
        <button type="button" data-testid="import-replace" aria-describedby={ids.replaceHint} onClick={() => onApply('replace')}>
          Replace everything
        </button>
        <button type="button" data-testid="import-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/** The file's history is older than the retention window: say that the window grows, and why. */
function RetentionNote({ change, done }: { readonly change: RetentionChange; readonly done: boolean }) {
  const since = new Date(change.oldest).toLocaleDateString('en', { year: 'numeric', month: 'long' });
  return (
    <p class="small" data-testid="import-retention" data-months={change.to}>
      This file holds history from {since}. So that the daily clean-up does not delete it, Tasteful {done ? 'now keeps' : 'will keep'} history for{' '}
      {plural(change.to, 'month')} instead of {change.from} (Settings → history kept).
    </p>
  );
}

function ImportPreviewTable({ preview }: { readonly preview: ImportPreview }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Table</th>
          <th scope="col" class="num">
            In file
          </th>
          <th scope="col" class="num">
            New
          </th>
          <th scope="col" class="num">
            Already stored
          </th>
          <th scope="col" class="num">
            Different here
          </th>
          <th scope="col" class="num">
            Stored now
          </th>
        </tr>
      </thead>
      <tbody>
        {USER_TABLES.map((t) => {
          const p = preview.perTable[t];
          return (
            <tr key={t} data-table={t}>
              <th scope="row">{TABLE_LABEL[t]}</th>
              <td class="num" data-col="incoming">
                {p.incoming.toLocaleString('en')}
              </td>
              <td class="num" data-col="new">
                {p.new.toLocaleString('en')}
              </td>
              <td class="num" data-col="duplicates">
                {p.duplicates.toLocaleString('en')}
              </td>
              <td class="num" data-col="conflicts">
                {p.conflicts.toLocaleString('en')}
              </td>
              <td class="num" data-col="existing">
                {p.existing.toLocaleString('en')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
