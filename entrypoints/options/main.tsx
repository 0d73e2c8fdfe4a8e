/** The dashboard (options page): opens the store directly, as extension pages may. */
import { render } from 'preact';
import '../../src/ui/common/styles.css';
import { openStore } from '../../src/store/db';
import { useDiagnosticStore } from '../../src/store/diagnostics';
import { Dashboard } from '../../src/ui/dashboard/Dashboard';

const root = document.getElementById('app')!;

openStore().then(
  (db) => {
    useDiagnosticStore(async () => db);
    render(<Dashboard db={db} />, root);
  },
  (err: unknown) => {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = `Tasteful could not open its local store: ${err instanceof Error ? err.message : String(err)}`;
    root.replaceChildren(p);
  },
);
