/** Interest clusters as cards: label, share of viewing (bar), genre chips, example titles. */
import type { TasteCluster } from '../../engine/taste';
import { formatPercent } from '../common/format';

export function ClusterCards({ clusters }: { clusters: readonly TasteCluster[] }) {
  if (clusters.length === 0) return <p class="muted small">No distinct interests yet.</p>;
  return (
    <ul class="tf-clusters" data-testid="taste-clusters">
      {clusters.map((c) => {
        const share = formatPercent(c.share);
        return (
          <li key={c.id} class="tf-cluster" data-testid="taste-cluster" data-share={c.share}>
            <h4>{c.label}</h4>
            <div class="tf-share" role="img" aria-label={`${share} of your viewing`}>
              <span class="tf-share-bar" style={{ width: share }} />
            </div>
            <p class="small muted">{share} of your viewing</p>
            {c.genres.length > 0 && (
              <ul class="tf-chips" aria-label="Genres">
                {c.genres.map((g) => (
                  <li key={g} class="tf-chip">
                    {g}
                  </li>
                ))}
              </ul>
            )}
            {c.examples.length > 0 && (
              <p class="small">
                <span class="muted">For example: </span>
                {c.examples.map((e) => e.title).join(', ')}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
