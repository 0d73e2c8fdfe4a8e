/**
 * Loads the short-history prior listed in model.json (`prior`, src/rank/prior.ts) beside the
 * model. The prior is an aid, never a requirement: a missing, unreadable or malformed file,
 * or one made for another encoder, is noted in the diagnostic log and the engine ranks
 * without it.
 */
import { priorIndex, type PriorIndex } from '../rank/prior';
import { diagnose } from '../store/diagnostics';

export type FetchJson = (url: string) => Promise<unknown>;

/** Cosine the loaded encoder's probe embedding must reach (int8 rounding costs < 0.001). */
export const PROBE_MIN_COS = 0.99;

export async function loadPrior(
  url: string | null | undefined,
  model: { modelVersion: string; dim: number },
  fetchJson: FetchJson,
  embed?: (text: string) => Promise<Float32Array>,
): Promise<PriorIndex | null> {
  if (!url) return null;
  try {
    const p = priorIndex(await fetchJson(url), model);
    if (p.probe && embed) {
      const v = await embed(p.probe.text);
      let c = 0;
      let n = 0;
      for (let d = 0; d < v.length; d++) {
        c += (v[d] as number) * (p.probe.vector[d] as number);
        n += (v[d] as number) ** 2;
      }
      const cos = c / Math.sqrt(n || 1);
      if (!(cos >= PROBE_MIN_COS)) throw new Error(`prior: made with another encoder of ${model.modelVersion} (probe cosine ${cos.toFixed(3)})`);
    }
    return p;
  } catch (e) {
    // Handled: rank without the prior (content embedding and popularity only), and say why.
    diagnose('engine/prior', e);
    return null;
  }
}
