/**
 * Diagnostics: the failures Tasteful handled lately (engine calls given up on, store writes
 * that failed), newest first, with a button that copies them as text for a problem report.
 * They stay on this computer; "Wipe everything" clears them.
 */
import { useState } from 'preact/hooks';
import { clearDiagnostics, formatDiagnostics, readDiagnostics } from '../../store/diagnostics';
import { useDashboard } from './context';
import { errorText, useAsync } from './useAsync';

const SHOWN = 20;

export function DiagnosticsSection() {
  const { db, version } = useDashboard();
  const [shownAt, setShownAt] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const notes = useAsync(() => readDiagnostics(db), [db, version, shownAt]);
  if (notes.status === 'loading')
    return (
      <p class="muted" aria-busy="true">
        Reading…
      </p>
    );
  if (notes.status === 'error') return <p class="notice error">Could not read the diagnostic log: {notes.error}</p>;
  const list = notes.value;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(formatDiagnostics(list));
      setStatus(`Copied ${list.length} note${list.length === 1 ? '' : 's'}.`);
    } catch (err) {
      // No clipboard permission (or focus): the text below can still be selected by hand.
      setStatus(`Could not copy (${errorText(err)}); select the notes below instead.`);
    }
  };
  const clear = async () => {
    try {
      await clearDiagnostics(db);
      setStatus('Cleared.');
    } catch (err) {
      setStatus(`Could not clear: ${errorText(err)}`);
    }
    setShownAt((n) => n + 1);
  };

  return (
    <div data-testid="diagnostics" data-count={list.length}>
      {list.length === 0 ? (
        <p class="muted">No problems noted.</p>
      ) : (
        <>
          <pre class="small" data-testid="diagnostics-notes">
            {formatDiagnostics(list.slice(0, SHOWN))}
          </pre>
          {list.length > SHOWN && <p class="muted small">…and {list.length - SHOWN} older (included when copied).</p>}
        </>
      )}
      <div class="button-row">
        <button type="button" data-testid="diagnostics-copy" disabled={list.length === 0} onClick={() => void copy()}>
          Copy for a problem report
        </button>
        <button type="button" data-testid="diagnostics-clear" disabled={list.length === 0} onClick={() => void clear()}>
          Clear
        </button>
      </div>
      <p aria-live="polite" class="small" data-testid="diagnostics-status">
        {status}
      </p>
    </div>
  );
}
