/** A per-table count of what is stored, refreshed after every change. */
import { countByTable } from '../../store/history';
import { USER_TABLES } from '../../store/tables';
import { useDashboard } from './context';
import { TABLE_LABEL } from './labels';
import { useAsync } from './useAsync';

// The user's tables and the embedding cache; the diagnostic log has its own section.
const ORDER = [...USER_TABLES, 'embeddings'] as const;

export function CountsSection() {
  const { db, version } = useDashboard();
  const counts = useAsync(() => countByTable(db), [db, version]);
  if (counts.status === 'loading')
    return (
      <p class="muted" data-testid="counts" aria-busy="true">
        Counting…
      </p>
    );
  if (counts.status === 'error')
    return (
      <p class="notice error" data-testid="counts">
        Could not read the store: {counts.error}
      </p>
    );
  const total = USER_TABLES.reduce((sum, t) => sum + (counts.value[t] ?? 0), 0);
  return (
    <div>
      <ul class="counts" data-testid="counts" data-total={total}>
        {ORDER.map((t) => (
          <li key={t} data-table={t} data-count={counts.value[t] ?? 0}>
            {TABLE_LABEL[t]}: <strong>{(counts.value[t] ?? 0).toLocaleString('en')}</strong>
          </li>
        ))}
      </ul>
      {total === 0 && <p class="muted small">Nothing is stored yet.</p>}
    </div>
  );
}
