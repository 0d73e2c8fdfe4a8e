/** Wipe everything: all history, titles, ratings, settings and the embedding cache, after typing "delete". */
import { useState } from 'preact/hooks';
import { wipeAll } from '../../store/delete';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { forgetEngineCaches } from '../common/messages';
import { useDashboard } from './context';
import { errorText } from './useAsync';
import { diagnose } from '../../store/diagnostics';

export function WipeSection() {
  const { db, dataChanged } = useDashboard();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const wipe = async () => {
    setBusy(true);
    try {
      await forgetEngineCaches();
      await wipeAll(db);
      // A rebuild that began between the first forget and the wipe (say, for an import just
      // made) read titles that are gone now and may still write their embeddings: forget
      // again so it cannot, then clear what it may already have written.
      await forgetEngineCaches();
      await db.embeddings.clear();
      setResult({ ok: true, text: 'Everything was deleted. Tasteful starts again from nothing.' });
      setOpen(false);
      dataChanged();
    } catch (err) {
      diagnose('dashboard/wipe', err); // shown to the user below; noted for a problem report
      setResult({ ok: false, text: `The wipe failed and nothing was deleted: ${errorText(err)}` });
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <p>Deletes your whole history, every title, rating and setting, and the model’s cached embeddings. Export first if you may want them back.</p>
      <div class="button-row">
        <button
          type="button"
          class="danger"
          data-testid="wipe-button"
          onClick={() => {
            setResult(null);
            setOpen(true);
          }}
        >
          Wipe everything…
        </button>
      </div>
      <div aria-live="polite">
        {result && (
          <p class={`notice ${result.ok ? 'ok' : 'error'}`} data-testid={result.ok ? 'wipe-done' : 'wipe-error'}>
            {result.text}
          </p>
        )}
      </div>
      <ConfirmDialog
        open={open}
        title="Wipe everything?"
        confirmLabel="Wipe everything"
        danger
        requireText="delete"
        busy={busy}
        testId="wipe-dialog"
        inputTestId="wipe-confirm-input"
        confirmTestId="wipe-confirm"
        onCancel={() => setOpen(false)}
        onConfirm={() => void wipe()}
      >
        <p>All of Tasteful’s data in this browser will be deleted. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
