/**
 * "Your picks, explained": the rows the engine would show in the "Picked for you" panel
 * (not tied to any site), each pick with its match and every "why this?" line in plain view.
 */
import { useRef } from 'preact/hooks';
import type { PickItem, Picks } from '../../engine/api';
import { useDashboard } from './context';
import { getDashboardPicks } from './engine-reads';
import { useEngineRead, useSeen } from './useEngineRead';

export interface PicksSectionProps {
  readonly load?: typeof getDashboardPicks;
}

export function PicksSection({ load = getDashboardPicks }: PicksSectionProps = {}) {
  const { version } = useDashboard();
  const ref = useRef<HTMLDivElement>(null);
  const seen = useSeen(ref);
  const { state, retry } = useEngineRead(load, seen, version);
  const picks = state.status === 'ready' ? state.value : state.status === 'loading' ? state.previous : null;

  return (
    <div ref={ref} data-testid="dash-picks" data-state={state.status} aria-busy={state.status === 'loading' || state.status === 'idle'}>
      {!picks && state.status !== 'error' && (
        <p class="muted" role="status">
          Choosing your picks…
        </p>
      )}
      {state.status === 'error' && (
        <div class="notice" role="alert" data-testid="dash-picks-error">
          <p>Your picks could not be computed right now ({state.error}).</p>
          <button type="button" onClick={retry} data-testid="dash-picks-retry">
            Try again
          </button>
        </div>
      )}
      {picks && <PickRows picks={picks} />}
    </div>
  );
}

export function PickRows({ picks }: { picks: Picks }) {
  const rows = picks.rows.filter((r) => r.items.length > 0);
  if (rows.length === 0)
    return (
      <p class="muted" data-testid="dash-picks-empty">
        No picks yet. Browse a streaming site for a while, or <a href="#onboarding">pick a few favourites</a> to get started.
      </p>
    );
  return (
    <div class="tf-pick-rows">
      {rows.map((row) => (
        <section key={row.id} class="tf-pick-row" data-testid="dash-pick-row" data-row={row.id} aria-label={row.label}>
          <h3>{row.label}</h3>
          <ol class="tf-picks">
            {row.items.map((item) => (
              <Pick key={item.titleId} item={item} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

function Pick({ item }: { item: PickItem }) {
  const match = typeof item.match === 'number' && Number.isFinite(item.match) ? Math.round(Math.max(0, Math.min(100, item.match))) : null;
  return (
    <li class="tf-pick" data-testid="dash-pick" data-title-id={item.titleId} data-match={match ?? ''}>
      <div class="tf-pick-head">
        <span class="tf-pick-title">
          {item.title}
          {item.year !== null && <span class="muted"> ({item.year})</span>}
        </span>
        {match !== null && <span class="tf-match">{match}% match</span>}
      </div>
      {item.genres.length > 0 && <p class="small muted">{item.genres.join(' · ')}</p>}
      {item.why.length > 0 && (
        <div class="small">
          <span class="visually-hidden">Why this: </span>
          <ul class="tf-why" data-testid="dash-pick-why">
            {item.why.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
