import { describe, expect, it, vi } from 'vitest';
import type { EngineApi, Picks, PicksOptions } from '../engine/api';
import { CURRENT_EXPERIMENT } from '../rank/experiment/registry';
import { panelSeed } from '../rank/experiment/run';
import { readExperimentLog } from '../store/experiment-log';
import { updateSettings } from '../store/settings';
import { freshDb } from '../../test/support/store-test-support';
import { useEngineHost } from './engine-client';
import { picksFor } from './experiment-picks';
import { localDay } from '../store/local-day';

const NOW = Date.UTC(2025, 5, 6, 19);

/** An engine that interleaves when asked (teams alternate) and records the options it got. */
function fakeEngine() {
  const calls: (PicksOptions | undefined)[] = [];
  const api = {
    picks: async (_site: string | null, options?: PicksOptions): Promise<Picks> => {
      calls.push(options);
      const rows = [{ id: 'top', label: 'Top picks for you', items: [] }];
      if (!options?.interleave) return { rows, evidence: 3, generatedAt: NOW };
      return {
        rows,
        evidence: 3,
        generatedAt: NOW,
        interleaved: {
          experiment: CURRENT_EXPERIMENT.id,
          picks: [
            { titleKey: 'alien-1979', team: 'baseline' },
            { titleKey: 'heat-1995', team: 'candidate' },
          ],
        },
      };
    },
  } as unknown as EngineApi;
  useEngineHost({ api: async () => api, reset: async () => undefined, running: async () => true });
  return calls;
}

describe('picks with the local experiment', () => {
  it('interleaves only for the panel on a site, seeded by experiment, site and day, and logs the teams without handing them out', async () => {
    const db = await freshDb();
    const calls = fakeEngine();
    const panel = await picksFor(db, 'demo.test', true, NOW);
    expect(calls[0]).toEqual({ interleave: { seed: panelSeed(CURRENT_EXPERIMENT.id, 'demo.test', localDay(NOW)) } });
    expect(panel).not.toHaveProperty('interleaved');
    const log = await readExperimentLog(db);
    expect(log?.impressions).toEqual([
      {
        site: 'demo.test',
        day: localDay(NOW),
        at: NOW,
        picks: [
          { titleKey: 'alien-1979', team: 'baseline' },
          { titleKey: 'heat-1995', team: 'candidate' },
        ],
      },
    ]);

    // The popup and the dashboard (panel false), and a panel with no site, get today's ranking.
    await picksFor(db, 'demo.test', false, NOW);
    await picksFor(db, null, true, NOW);
    expect(calls.slice(1)).toEqual([undefined, undefined]);
  });

  it('does not interleave when experiments are switched off', async () => {
    const db = await freshDb();
    const calls = fakeEngine();
    await updateSettings(db, { experiments: false });
    await picksFor(db, 'demo.test', true, NOW);
    expect(calls).toEqual([undefined]);
    expect(await readExperimentLog(db)).toBeNull();
  });

  it('still returns the picks when the log cannot be written, and says why', async () => {
    const db = await freshDb();
    fakeEngine();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const put = vi.spyOn(db.settings, 'put').mockRejectedValue(new Error('disk full'));
    const picks = await picksFor(db, 'demo.test', true, NOW);
    expect(picks.rows[0]?.id).toBe('top');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not log'), expect.anything());
    put.mockRestore();
    warn.mockRestore();
  });
});
