/**
 * The local experiment's log (src/rank/experiment/): which interleaved picks the panel showed,
 * and the settled totals of impressions older than the credit window. It lives in ONE row of
 * the `settings` table (key EXPERIMENT_LOG_KEY), so export, import (validated by
 * `checkSettingValue`), wipe and the schema need nothing new; deleting a title or a site
 * removes its picks from the log too (delete.ts).
 *
 * Bounded: an impression is one site's panel on one local day (a reload or a refresh adds
 * only new picks to it, at most LOG_RULES.maxPicks); impressions leave the log once the credit
 * window has passed, their credit settled into `settled`; and the row stays under
 * LOG_RULES.maxChars of JSON (the import limit for one setting is 64 KiB), settling the
 * oldest impressions early if it must.
 */
import { z } from 'zod';
import {
  addToTotals,
  creditImpressions,
  CREDIT_WINDOW_MS,
  emptyTotals,
  type RatingEvent,
  type StartEvent,
  type Totals,
} from '../rank/experiment/credit';
import { TEAM_NAMES } from '../rank/experiment/registry';
import type { TastefulDB } from './db';
import { guardQuota } from './errors';
import { StoredId as Id, Site, Timestamp } from './records';

export const EXPERIMENT_LOG_KEY = 'experimentLog';
export const LOG_RULES = { maxPicks: 30, maxImpressions: 200, maxChars: 48_000 } as const;

const Count = z.number().int().min(0).max(1e9);
const TeamTally = z.strictObject({ wins: Count, starts: Count, liked: Count, disliked: Count });
const TotalsSchema = z.strictObject({
  impressions: Count,
  ties: Count,
  teams: z.strictObject({ baseline: TeamTally, candidate: TeamTally }),
});

export const LoggedImpression = z.strictObject({
  site: Site,
  /** Local calendar day (YYYY-MM-DD) of the first showing. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** When the panel first showed picks here that day. */
  at: Timestamp,
  picks: z.array(z.strictObject({ titleKey: Id, team: z.enum(TEAM_NAMES) })).max(LOG_RULES.maxPicks),
});
export type LoggedImpression = z.infer<typeof LoggedImpression>;

export const ExperimentLog = z.strictObject({
  /** The experiment id (registry.ts); a log of another experiment is started afresh. */
  experiment: z.string().min(1).max(64),
  impressions: z.array(LoggedImpression).max(LOG_RULES.maxImpressions),
  settled: TotalsSchema,
});
export type ExperimentLog = z.infer<typeof ExperimentLog>;

export const emptyLog = (experiment: string): ExperimentLog => ({ experiment, impressions: [], settled: emptyTotals() });

export async function readExperimentLog(db: TastefulDB): Promise<ExperimentLog | null> {
  const row = await db.settings.get(EXPERIMENT_LOG_KEY);
  if (row === undefined) return null;
  const parsed = ExperimentLog.safeParse(row.value);
  if (!parsed.success) {
    // A corrupted row must not break the panel; the next showing starts a fresh log over it.
    console.warn('Tasteful: ignoring an invalid experiment log:', parsed.error.issues[0]?.message);
    return null;
  }
  return parsed.data;
}

/** Starts and ratings on the given title keys, as credit.ts reads them. */
async function eventsFor(db: TastefulDB, keys: readonly string[]): Promise<{ starts: StartEvent[]; ratings: RatingEvent[] }> {
  const distinct = [...new Set(keys)];
  if (!distinct.length) return { starts: [], ratings: [] };
  const sessions = await db.watchSessions.where('titleKey').anyOf(distinct).toArray();
  const ratings = (await db.ratings.bulkGet(distinct)).filter((r) => r !== undefined);
  return {
    starts: sessions.map((s) => ({ titleKey: s.titleKey, startedAt: s.startedAt })),
    ratings: ratings.map((r) => ({ titleKey: r.titleKey, value: r.value, at: r.at })),
  };
}

async function credit(db: TastefulDB, impressions: readonly LoggedImpression[]) {
  const { starts, ratings } = await eventsFor(
    db,
    impressions.flatMap((i) => i.picks.map((p) => p.titleKey)),
  );
  return creditImpressions(impressions, starts, ratings);
}

export interface Showing {
  experiment: string;
  site: string;
  day: string;
  at: number;
  picks: readonly { titleKey: string; team: (typeof TEAM_NAMES)[number] }[];
}

/** Records that the panel showed interleaved picks; settles impressions the window has passed. */
export async function recordShowing(db: TastefulDB, s: Showing): Promise<ExperimentLog> {
  const showing = LoggedImpression.parse({ site: s.site, day: s.day, at: s.at, picks: s.picks.slice(0, LOG_RULES.maxPicks) });
  return guardQuota('recordShowing', () =>
    db.transaction('rw', [db.settings, db.watchSessions, db.ratings], async () => {
      const stored = await readExperimentLog(db);
      const log = stored && stored.experiment === s.experiment ? stored : emptyLog(s.experiment);
      const same = log.impressions.find((i) => i.site === showing.site && i.day === showing.day);
      if (same) {
        const have = new Set(same.picks.map((p) => p.titleKey));
        for (const p of showing.picks) {
          if (same.picks.length >= LOG_RULES.maxPicks) break;
          if (!have.has(p.titleKey)) same.picks.push(p);
        }
      } else {
        log.impressions.push(showing);
      }
      log.impressions.sort((a, b) => a.at - b.at);
      // Settle what the window has passed, then the oldest while the row is too large.
      let cut = log.impressions.findIndex((i) => s.at - i.at <= CREDIT_WINDOW_MS);
      if (cut < 0) cut = log.impressions.length;
      while (
        cut < log.impressions.length - 1 &&
        (log.impressions.length - cut > LOG_RULES.maxImpressions || JSON.stringify(log.impressions.slice(cut)).length > LOG_RULES.maxChars)
      ) {
        cut++;
      }
      if (cut > 0) {
        const old = log.impressions.slice(0, cut);
        log.settled = addToTotals(log.settled, await credit(db, old)) as ExperimentLog['settled'];
        log.impressions = log.impressions.slice(cut);
      }
      await db.settings.put({ key: EXPERIMENT_LOG_KEY, value: log });
      return log;
    }),
  );
}

export interface ExperimentStanding {
  experiment: string;
  /** Settled totals plus the live credit of impressions still in the window. */
  totals: Totals;
}

/** The running result, or null when no interleaved picks were ever shown. */
export async function experimentStanding(db: TastefulDB): Promise<ExperimentStanding | null> {
  return db.transaction('r', [db.settings, db.watchSessions, db.ratings], async () => {
    const log = await readExperimentLog(db);
    if (!log) return null;
    return { experiment: log.experiment, totals: addToTotals(log.settled, await credit(db, log.impressions)) };
  });
}

/**
 * Drops a deleted title (by key), a deleted site or the showings of a deleted time range
 * [from, to) from the log. Runs inside the caller's transaction, which must include
 * `settings`. Settled totals hold only counts, no titles.
 */
export async function forgetInExperimentLog(
  db: TastefulDB,
  what: { titleKey: string } | { site: string } | { from: number; to: number },
): Promise<void> {
  const log = await readExperimentLog(db);
  if (!log) return;
  const impressions = log.impressions
    .filter((i) => !('site' in what && i.site === what.site))
    .filter((i) => !('from' in what && i.at >= what.from && i.at < what.to))
    .map((i) => ('titleKey' in what ? { ...i, picks: i.picks.filter((p) => p.titleKey !== what.titleKey) } : i))
    .filter((i) => i.picks.length > 0);
  await db.settings.put({ key: EXPERIMENT_LOG_KEY, value: { ...log, impressions } });
}
