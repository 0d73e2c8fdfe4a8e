// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_EXPERIMENT } from '../../rank/experiment/registry';
import type { TastefulDB } from '../../store/db';
import { recordShowing } from '../../store/experiment-log';
import { getSettings } from '../../store/settings';
import { freshDb } from '../../../test/support/store-test-support';
import { click, mount, waitFor, type Mounted } from '../common/test-utils';
import { NOW, session, title, TestDashboard } from './dashboard-test-support';
import { ExperimentSection } from './ExperimentSection';
import { SettingsSection } from './SettingsSection';

let db: TastefulDB;
let ui: Mounted;

beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => {
  ui?.unmount();
  db.close();
});

const DAY = 86_400_000;
const render = () =>
  mount(
    <TestDashboard db={db}>
      <ExperimentSection />
      <SettingsSection />
    </TestDashboard>,
  );

async function showDays(n: number, winner: 'baseline' | 'candidate' | ((i: number) => 'baseline' | 'candidate')) {
  for (let i = 0; i < n; i++) {
    const at = NOW - 6 * DAY + i * 3_600_000;
    const a = title(100 + 2 * i, `Base ${i}`);
    const b = title(101 + 2 * i, `Cand ${i}`);
    await recordShowing(db, {
      experiment: CURRENT_EXPERIMENT.id,
      site: `s${i}.test`,
      day: '2025-06-04',
      at,
      picks: [
        { titleKey: a.key, team: 'baseline' },
        { titleKey: b.key, team: 'candidate' },
      ],
    });
    const w = typeof winner === 'function' ? winner(i) : winner;
    await db.watchSessions.put(session(`w${i}`, w === 'baseline' ? a : b, at + 60_000, 600, 6000));
  }
}

describe('ExperimentSection', () => {
  it('says the experiment runs in the panel and that nothing was shown yet', async () => {
    ui = await render();
    await waitFor(() => ui.byTestId('experiment')?.dataset.state === 'empty');
    expect(ui.byTestId('experiment-on')?.textContent).toContain('Picked for you');
  });

  it('shows per ranking the panels won and the credited starts, with no verdict on thin evidence', async () => {
    await showDays(3, 'candidate');
    ui = await render();
    await waitFor(() => ui.byTestId('experiment')?.dataset.state === 'ready');
    expect(ui.byTestId('experiment')?.dataset.impressions).toBe('3');
    expect(ui.byTestId('experiment-candidate')?.dataset).toMatchObject({ wins: '3', starts: '3' });
    expect(ui.byTestId('experiment-baseline')?.dataset).toMatchObject({ wins: '0', starts: '0' });
    expect(ui.byTestId('experiment-verdict')?.textContent).toMatch(/^Not enough evidence yet/);
    expect(ui.byTestId('experiment-verdict')?.dataset.winner).toBe('');
  });

  it('names the better ranking once a sign test says so', async () => {
    await showDays(14, (i) => (i === 0 ? 'baseline' : 'candidate'));
    ui = await render();
    await waitFor(() => ui.byTestId('experiment')?.dataset.state === 'ready');
    expect(ui.byTestId('experiment-verdict')?.dataset.winner).toBe('candidate');
    expect(ui.byTestId('experiment-verdict')?.textContent).toMatch(/^Long-term taste is doing better: its picks won 13 of 14/);
  });

  it('can be switched off in Settings, and says so', async () => {
    ui = await render();
    const box = await waitFor(() => ui.byTestId<HTMLInputElement>('settings-experiments'));
    expect(box.checked).toBe(true);
    await click(box);
    await waitFor(() => ui.byTestId('settings-status')?.textContent?.includes('local experiments off'));
    expect((await getSettings(db)).experiments).toBe(false);
    await waitFor(() => ui.byTestId('experiment-off'));
  });
});
