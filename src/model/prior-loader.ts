/**
 * Loads the short-history prior listed in model.json (`prior`, src/rank/prior.ts) beside the
 * model. The prior is an aid, never a requirement: a missing, unreadable or malformed file,
 * or one made for another encoder, is noted in the diagnostic log and the engine ranks
 * without it.
 */
import { priorIndex, type PriorIndex } from '../rank/prior';
import { diagnose } from '../store/diagnostics';

export type FetchJson = (url: string) => Promise<unknown>;

export async function loadPrior(
  url: string | null | undefined,
  model: { modelVersion: string; dim: number },
  fetchJson: FetchJson,
): Promise<PriorIndex | null> {
  if (!url) return null;
  try {
    return priorIndex(await fetchJson(url), model);
  } catch (e) {
    // Handled: rank without the prior (content embedding and popularity only), and say why.
    diagnose('engine/prior', e);
    return null;
  }
}
