/**
 * The taste profile: what the engine believes about the user (genre leanings, interests,
 * context habits, watch time by weekday and hour) and how recency is weighted. Read from the
 * engine once the section is on screen and again after every data change; calm loading,
 * empty and error states, with a retry.
 */
import { useRef } from 'preact/hooks';
import type { TasteSummary } from '../../engine/taste';
import { ClusterCards } from './ClusterCards';
import { useDashboard } from './context';
import { getTaste } from './engine-reads';
import { GenreChart } from './GenreChart';
import { useEngineRead, useSeen } from './useEngineRead';
import { TimeToPickCard } from './TimeToPickCard';
import { WatchHeatmap } from './WatchHeatmap';

export interface TasteSectionProps {
  /** Replaceable in tests; defaults to asking the background. */
  readonly load?: typeof getTaste;
}

export function TasteSection({ load = getTaste }: TasteSectionProps = {}) {
  const { version } = useDashboard();
  const ref = useRef<HTMLDivElement>(null);
  const seen = useSeen(ref);
  const { state, retry } = useEngineRead(load, seen, version);

  return (
    <div ref={ref} data-testid="taste-section" data-state={state.status} aria-busy={state.status === 'loading' || state.status === 'idle'}>
      {(state.status === 'idle' || (state.status === 'loading' && !state.previous)) && (
        <p class="muted" role="status">
          Reading your taste profile… (the first time can take a few seconds while the model loads)
        </p>
      )}
      {state.status === 'error' && (
        <div class="notice" role="alert" data-testid="taste-error">
          <p>Your taste profile could not be read right now ({state.error}). Nothing is lost; the engine may still be starting.</p>
          <button type="button" onClick={retry} data-testid="taste-retry">
            Try again
          </button>
        </div>
      )}
      {state.status === 'ready' && <TasteProfile summary={state.value} />}
      {state.status === 'loading' && state.previous && <TasteProfile summary={state.previous} />}
    </div>
  );
}

function focusHalfLife(e: MouseEvent) {
  const field = document.querySelector<HTMLInputElement>('[data-testid="settings-half-life"]');
  if (!field) return; // let the plain anchor do its job
  e.preventDefault();
  field.scrollIntoView({ block: 'center' });
  field.focus();
}

/** The summary drawn; pure so tests can render it from a fixture. */
export function TasteProfile({ summary }: { summary: TasteSummary }) {
  const hasAnything = summary.genres.length > 0 || summary.clusters.length > 0 || summary.habits.length > 0;
  return (
    <div class="tf-taste">
      {!summary.confident && (
        <div class="notice" data-testid="taste-empty">
          <p>
            <strong>Still learning — watch a couple of things.</strong> Tasteful shows match percentages once it has seen enough of what you like.
          </p>
          <p class="small muted">
            Want a head start? <a href="#onboarding">Pick a few genres and titles</a>.
          </p>
        </div>
      )}
      <p class="small" data-testid="taste-half-life">
        Recent activity counts more: half-life {summary.halfLifeDays} {summary.halfLifeDays === 1 ? 'day' : 'days'}.{' '}
        {/* biome-ignore lint/a11y/useValidAnchor: a real link to the settings section (works without script); the handler only moves focus to the field */}
        <a href="#settings" onClick={focusHalfLife}>
          Change half-life
        </a>
      </p>
      {(summary.confident || hasAnything) && (
        <>
          <h3>Genres</h3>
          {(summary.leanings ?? []).length > 0 && (
            <ul class="tf-leanings" data-testid="taste-leanings">
              {(summary.leanings ?? []).map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
          <GenreChart genres={summary.genres} />
          <h3>Your interests</h3>
          <ClusterCards clusters={summary.clusters} />
          <h3>Habits</h3>
          {summary.habits.length > 0 ? (
            <ul class="tf-habits" data-testid="taste-habits">
              {summary.habits.map((h) => (
                <li key={`${h.context}:${h.genre}`}>{h.text}</li>
              ))}
            </ul>
          ) : (
            <p class="muted small" data-testid="taste-habits">
              No strong habits yet: when you watch something tells us little so far.
            </p>
          )}
        </>
      )}
      <h3>Watch time by day and hour</h3>
      <WatchHeatmap grid={summary.watchTime} />
      <h3>Time to pick</h3>
      <TimeToPickCard value={summary.timeToPick} />
    </div>
  );
}
