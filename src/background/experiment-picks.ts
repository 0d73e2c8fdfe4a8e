/**
 * Picks for a page, with the local experiment when the panel asks and the setting is on: the
 * engine interleaves the top row (seeded by experiment, site and local day, so a reload shows
 * the same list), and the background logs which team each shown pick came from
 * (src/store/experiment-log.ts). The popup and the dashboard get plain picks; the reply
 * never carries the teams.
 */
import type { Picks } from '../engine/api';
import { CURRENT_EXPERIMENT } from '../rank/experiment/registry';
import { panelSeed } from '../rank/experiment/run';
import type { TastefulDB } from '../store/db';
import { recordShowing } from '../store/experiment-log';
import { getSettings } from '../store/settings';
import { withEngine } from './engine-client';
import { localDay } from '../store/local-day';

export async function picksFor(db: TastefulDB, site: string | null, panel: boolean, now = Date.now()): Promise<Picks> {
  const interleave = panel && site !== null && (await getSettings(db)).experiments;
  const day = localDay(now);
  const picks = await withEngine((api) =>
    api.picks(site, interleave ? { interleave: { seed: panelSeed(CURRENT_EXPERIMENT.id, site, day) } } : undefined),
  );
  const { interleaved, ...plain } = picks;
  if (interleaved && site !== null && interleaved.picks.length > 0) {
    try {
      await recordShowing(db, { experiment: interleaved.experiment, site, day, at: now, picks: interleaved.picks });
    } catch (err) {
      // The picks are still worth showing; this showing just goes uncounted.
      console.warn('Tasteful: could not log the experiment showing:', err);
    }
  }
  return plain;
}
