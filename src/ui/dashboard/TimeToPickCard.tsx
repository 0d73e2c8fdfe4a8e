/**
 * Time to pick, the figure Tasteful exists to shrink: how long the user browses before
 * starting something they finish (src/rank/time-to-pick.ts), for the last four weeks.
 */
import type { TimeToPick } from '../../rank/time-to-pick';
import { formatDuration } from '../common/format';

const weekLabel = (start: number) => new Date(start).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

export function TimeToPickCard({ value }: { value: TimeToPick }) {
  if (value.picks === 0 || value.medianSeconds === null) {
    return (
      <p class="muted small" data-testid="time-to-pick">
        No picks measured yet: once you start something from a site’s pages and finish it, Tasteful shows here how long choosing took.
      </p>
    );
  }
  const max = Math.max(1, ...value.weeks.map((w) => w.medianSeconds ?? 0));
  return (
    <div data-testid="time-to-pick">
      <p>
        Median <strong data-testid="time-to-pick-median">{formatDuration(value.medianSeconds)}</strong> from starting to browse to starting something
        you finished ({value.picks} {value.picks === 1 ? 'pick' : 'picks'} in the last four weeks).
      </p>
      <table class="tf-ttp">
        <caption class="visually-hidden">Median time to pick per week</caption>
        <tbody>
          {value.weeks.map((w) => (
            <tr key={w.start}>
              <th scope="row">Week of {weekLabel(w.start)}</th>
              <td>
                {w.medianSeconds === null ? (
                  <span class="muted">no picks</span>
                ) : (
                  <>
                    <span class="tf-ttp-bar" style={{ width: `${Math.round((100 * w.medianSeconds) / max)}%` }} aria-hidden="true" />
                    {formatDuration(w.medianSeconds)} ({w.picks})
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
