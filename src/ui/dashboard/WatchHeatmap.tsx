/**
 * Watch time by weekday (rows, Monday first) and hour (24 columns), as a real table: row and
 * column headers, and every cell names its weekday, hour and minutes ("Friday 21:00 — 42 min").
 * Colour intensity comes from CSS (`--tf-i`, 0..1); the numbers are in the labels.
 */
import { cellSeconds, hourLabel, intensity, minutesText, WEEKDAY_NAMES, WEEKDAYS_MONDAY_FIRST } from './taste-format';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function WatchHeatmap({ grid }: { grid: readonly (readonly number[])[] }) {
  let max = 0;
  let total = 0;
  for (let d = 0; d < 7; d++)
    for (let h = 0; h < 24; h++) {
      const s = cellSeconds(grid, d, h);
      total += s;
      if (s > max) max = s;
    }
  return (
    <div class="tf-heatmap-wrap">
      <table class="tf-heatmap" data-testid="taste-heatmap" data-total={total}>
        <caption class="visually-hidden">Watch time by weekday and hour of the day</caption>
        <thead>
          <tr>
            <td />
            {HOURS.map((h) => (
              <th key={h} scope="col" abbr={hourLabel(h)}>
                <span aria-hidden="true">{h % 3 === 0 ? String(h).padStart(2, '0') : ''}</span>
                <span class="visually-hidden">{hourLabel(h)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS_MONDAY_FIRST.map((d) => (
            <tr key={d} data-weekday={d}>
              <th scope="row">
                <span aria-hidden="true">{WEEKDAY_NAMES[d].slice(0, 3)}</span>
                <span class="visually-hidden">{WEEKDAY_NAMES[d]}</span>
              </th>
              {HOURS.map((h) => {
                const s = cellSeconds(grid, d, h);
                const i = intensity(s, max);
                const label = `${WEEKDAY_NAMES[d]} ${hourLabel(h)} — ${minutesText(s)}`;
                return (
                  <td
                    key={h}
                    class="tf-cell"
                    title={label}
                    aria-label={label}
                    data-hour={h}
                    data-seconds={s}
                    data-intensity={i}
                    style={{ '--tf-i': String(i) }}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {total === 0 ? (
        <p class="muted small">No viewing recorded yet.</p>
      ) : (
        <p class="muted small tf-heat-legend" aria-hidden="true">
          Less
          {[0, 0.25, 0.5, 0.75, 1].map((i) => (
            <span key={i} class="tf-heat-swatch" style={{ '--tf-i': String(i) }} />
          ))}
          More
        </p>
      )}
    </div>
  );
}
