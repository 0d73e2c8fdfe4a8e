/** The toolbar popup: opens the store directly (extension page) and renders for the active tab. */
import { render } from 'preact';
import '../../src/ui/common/styles.css';
import { openStore } from '../../src/store/db';
import { useDiagnosticStore } from '../../src/store/diagnostics';
import { Popup } from '../../src/ui/popup/Popup';

const root = document.getElementById('app')!;

openStore().then(
  (db) => {
    useDiagnosticStore(async () => db);
    render(<Popup db={db} />, root);
  },
  () => render(<Popup db={null} />, root),
);
