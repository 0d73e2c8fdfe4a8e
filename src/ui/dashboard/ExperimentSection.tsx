/**
 * The local experiment's running result: per ranking, the panels its picks won, the starts
 * and ratings credited to it, the number of interleaved panels, and a verdict in plain words
 * once there is enough evidence (sign test, src/rank/experiment/credit.ts).
 */
import { verdict } from '../../rank/experiment/credit';
import { CURRENT_EXPERIMENT, TEAM_NAMES, type TeamName } from '../../rank/experiment/registry';
import { experimentStanding } from '../../store/experiment-log';
import { getSettings } from '../../store/settings';
import { useDashboard } from './context';
import { useAsync } from './useAsync';

const LABELS: Record<TeamName, string> = { baseline: CURRENT_EXPERIMENT.baseline.label, candidate: CURRENT_EXPERIMENT.candidate.label };
const SHORT: Record<TeamName, string> = { baseline: CURRENT_EXPERIMENT.baseline.short, candidate: CURRENT_EXPERIMENT.candidate.short };

export function ExperimentSection() {
  const { db, version } = useDashboard();
  const state = useAsync(async () => ({ standing: await experimentStanding(db), on: (await getSettings(db)).experiments }), [db, version]);
  if (state.status === 'loading')
    return (
      <p class="muted" data-testid="experiment" aria-busy="true">
        Reading the experiment…
      </p>
    );
  if (state.status === 'error')
    return (
      <p class="notice error" data-testid="experiment">
        Could not read the experiment: {state.error}
      </p>
    );
  const { standing, on } = state.value;
  const status = on ? (
    <p class="small muted" data-testid="experiment-on">
      Running in the “Picked for you” panel: its top picks mix {SHORT.baseline} and {SHORT.candidate}. Switch it off in Settings.
    </p>
  ) : (
    <p class="small muted" data-testid="experiment-off">
      Local experiments are off (Settings): the panel shows today’s ranking only.
    </p>
  );
  if (!standing || standing.experiment !== CURRENT_EXPERIMENT.id) {
    return (
      <div data-testid="experiment" data-state="empty">
        {status}
        <p class="muted">No interleaved picks shown yet. Open the “Picked for you” panel on a site to start.</p>
      </div>
    );
  }
  const t = standing.totals;
  const v = verdict(t, SHORT);
  return (
    <div data-testid="experiment" data-state="ready" data-impressions={t.impressions}>
      {status}
      <table class="experiment">
        <thead>
          <tr>
            <th scope="col">Ranking</th>
            <th scope="col">Panels won</th>
            <th scope="col">Starts</th>
            <th scope="col">Liked</th>
            <th scope="col">Disliked</th>
          </tr>
        </thead>
        <tbody>
          {TEAM_NAMES.map((team) => (
            <tr
              key={team}
              data-testid={`experiment-${team}`}
              data-wins={t.teams[team].wins}
              data-starts={t.teams[team].starts}
              data-liked={t.teams[team].liked}
              data-disliked={t.teams[team].disliked}
            >
              <th scope="row">{LABELS[team]}</th>
              <td>{t.teams[team].wins}</td>
              <td>{t.teams[team].starts}</td>
              <td>{t.teams[team].liked}</td>
              <td>{t.teams[team].disliked}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="small muted">
        {t.impressions} interleaved panel{t.impressions === 1 ? '' : 's'} (one per site and day), {t.ties} tied.
      </p>
      <p data-testid="experiment-verdict" data-winner={v.winner ?? ''}>
        {v.text}
      </p>
    </div>
  );
}
