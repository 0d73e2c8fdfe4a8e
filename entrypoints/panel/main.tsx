/** The in-page "Picked for you" panel (loaded in an iframe by src/ui/panel-host). */
import '../../src/ui/common/styles.css';
import '../../src/ui/panel/panel.css';
import { startPanel } from '../../src/ui/panel/start';

startPanel(document.getElementById('app')!);
