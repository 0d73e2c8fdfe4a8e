/**
 * Genre affinities as a diverging horizontal bar chart drawn with CSS: likes grow to the
 * right of the centre line, dislikes to the left. Sorted from most liked to least liked.
 * Each row also says its value in words for screen readers.
 */
import type { TasteSummary } from '../../engine/taste';
import { affinityText } from './taste-format';

export function GenreChart({ genres }: { genres: TasteSummary['genres'] }) {
  const rows = genres
    .filter((g) => typeof g.genre === 'string' && Number.isFinite(g.affinity))
    .slice()
    .sort((a, b) => b.affinity - a.affinity || a.genre.localeCompare(b.genre));
  if (rows.length === 0) return <p class="muted small">No genre leanings yet.</p>;
  return (
    <ul class="tf-genre-chart" data-testid="taste-genres" aria-label="Genre affinities, most liked first">
      {rows.map((g) => {
        const a = Math.max(-1, Math.min(1, g.affinity));
        const pct = `${Math.round(Math.abs(a) * 100)}%`;
        const sign = a > 0 ? 'pos' : a < 0 ? 'neg' : 'zero';
        const words = a > 0.05 ? 'you lean towards it' : a < -0.05 ? 'you tend to avoid it' : 'neutral';
        return (
          <li key={g.genre} class={`tf-genre ${sign}`} data-testid="taste-genre" data-genre={g.genre} data-affinity={a}>
            <span class="tf-genre-label">{g.genre}</span>
            <span class="tf-genre-track" aria-hidden="true">
              <span class="tf-genre-half neg">{a < 0 && <span class="tf-bar neg" style={{ width: pct }} />}</span>
              <span class="tf-genre-half pos">{a > 0 && <span class="tf-bar pos" style={{ width: pct }} />}</span>
            </span>
            <span class="tf-genre-value">
              {affinityText(a)}
              <span class="visually-hidden">, {words}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
