import { afterEach, describe, expect, it, vi } from 'vitest';
import { CREDIT_WINDOW_MS } from '../rank/experiment/credit';
import { deleteRange, deleteSite, deleteTitle, wipeAll } from './delete';
import { EXPERIMENT_LOG_KEY, experimentStanding, LOG_RULES, readExperimentLog, recordShowing, type Showing } from './experiment-log';
import { exportToString } from './export';
import { applyImport, parseExport } from './import';
import type { WatchSessionRecord } from './records';
import { DEFAULT_SETTINGS, getSettings, updateSettings } from './settings';
import { freshDb } from '../../test/support/store-test-support';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2025, 5, 1, 18);
const EXP = 'exp-1';

const showing = (
  at: number,
  picks: [string, 'baseline' | 'candidate'][],
  site = 'demo.test',
  day = new Date(at).toISOString().slice(0, 10),
): Showing => ({
  experiment: EXP,
  site,
  day,
  at,
  picks: picks.map(([titleKey, team]) => ({ titleKey, team })),
});

function start(titleKey: string, at: number, site = 'demo.test'): WatchSessionRecord {
  return {
    id: `s-${titleKey}-${at}`,
    titleId: `${site}:${titleKey}`,
    titleKey,
    site,
    startedAt: at,
    endedAt: at + 60_000,
    secondsWatched: 60,
    duration: 6000,
    completion: 0.01,
    pauses: 0,
    seeks: 0,
    rewatch: false,
    state: 'closed',
    ctx: { hour: 20, weekday: 1, device: 'desktop', site },
  };
}

afterEach(() => vi.restoreAllMocks());

describe('experiment log', () => {
  it('keeps one impression per site and day, adding only new picks on a reload', async () => {
    const db = await freshDb();
    await recordShowing(
      db,
      showing(T0, [
        ['a', 'baseline'],
        ['b', 'candidate'],
      ]),
    );
    await recordShowing(
      db,
      showing(T0 + H, [
        ['b', 'candidate'],
        ['c', 'baseline'],
      ]),
    );
    await recordShowing(db, showing(T0 + H, [['a', 'candidate']], 'other.test'));
    const log = await readExperimentLog(db);
    expect(log?.experiment).toBe(EXP);
    expect(log?.impressions.map((i) => [i.site, i.at, i.picks.map((p) => p.titleKey)])).toEqual([
      ['demo.test', T0, ['a', 'b', 'c']],
      ['other.test', T0 + H, ['a']],
    ]);
  });

  it('credits starts and ratings from the store, and the running result shows them', async () => {
    const db = await freshDb();
    await recordShowing(
      db,
      showing(T0, [
        ['a', 'baseline'],
        ['b', 'candidate'],
        ['c', 'candidate'],
      ]),
    );
    expect((await experimentStanding(db))?.totals.teams.candidate.starts).toBe(0);
    await db.watchSessions.bulkPut([start('b', T0 + H), start('a', T0 - H)]);
    await db.ratings.put({ titleKey: 'c', titleId: 'demo.test:c', site: 'demo.test', value: 'down', at: T0 + 2 * H });
    const s = await experimentStanding(db);
    expect(s?.totals.impressions).toBe(1);
    expect(s?.totals.teams.candidate).toEqual({ wins: 0, starts: 1, liked: 0, disliked: 1 });
    expect(s?.totals.teams.baseline).toEqual({ wins: 0, starts: 0, liked: 0, disliked: 0 });
    expect(s?.totals.ties).toBe(1);
    await db.ratings.put({ titleKey: 'c', titleId: 'demo.test:c', site: 'demo.test', value: 'love', at: T0 + 3 * H });
    expect((await experimentStanding(db))?.totals.teams.candidate.wins).toBe(1);
  });

  it('settles impressions the credit window has passed, keeping their result', async () => {
    const db = await freshDb();
    await recordShowing(
      db,
      showing(T0, [
        ['a', 'baseline'],
        ['b', 'candidate'],
      ]),
    );
    await db.watchSessions.put(start('a', T0 + H));
    const later = T0 + CREDIT_WINDOW_MS + DAY;
    await recordShowing(db, showing(later, [['c', 'candidate']]));
    const log = await readExperimentLog(db);
    expect(log?.impressions.map((i) => i.at)).toEqual([later]);
    expect(log?.settled.impressions).toBe(1);
    expect(log?.settled.teams.baseline).toEqual({ wins: 1, starts: 1, liked: 0, disliked: 0 });
    // A late start on a settled pick changes nothing; the result still counts both panels.
    await db.watchSessions.put(start('b', T0 + 2 * H));
    const s = await experimentStanding(db);
    expect(s?.totals.impressions).toBe(2);
    expect(s?.totals.teams.baseline.wins).toBe(1);
    expect(s?.totals.teams.candidate.starts).toBe(0);
  });

  it('stays under its size bound, settling the oldest early, without losing a panel from the count', async () => {
    const db = await freshDb();
    const long = (i: number, j: number) => `${'k'.repeat(200)}-${i}-${j}`;
    const n = 60;
    for (let i = 0; i < n; i++) {
      await recordShowing(
        db,
        showing(
          T0 + i * H,
          Array.from({ length: 12 }, (_, j) => [long(i, j), j % 2 ? 'candidate' : 'baseline'] as [string, 'baseline' | 'candidate']),
          `s${i}.test`,
        ),
      );
    }
    const row = await db.settings.get(EXPERIMENT_LOG_KEY);
    expect(JSON.stringify(row?.value).length).toBeLessThan(LOG_RULES.maxChars + 2_000);
    const log = await readExperimentLog(db);
    expect(log!.impressions.length).toBeLessThan(n);
    expect(log!.settled.impressions + log!.impressions.length).toBe(n);
  });

  it('starts afresh for another experiment, and over a corrupted row', async () => {
    const db = await freshDb();
    await recordShowing(db, showing(T0, [['a', 'baseline']]));
    await recordShowing(db, { ...showing(T0 + H, [['b', 'candidate']]), experiment: 'exp-2' });
    expect((await readExperimentLog(db))?.impressions.map((i) => i.picks[0]?.titleKey)).toEqual(['b']);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await db.settings.put({ key: EXPERIMENT_LOG_KEY, value: { experiment: EXP, impressions: 'lots' } });
    expect(await readExperimentLog(db)).toBeNull();
    expect(warn).toHaveBeenCalled();
    await recordShowing(db, showing(T0, [['a', 'baseline']]));
    expect((await readExperimentLog(db))?.impressions).toHaveLength(1);
  });

  it('forgets a deleted title, a deleted site and a deleted time range', async () => {
    const db = await freshDb();
    await recordShowing(
      db,
      showing(T0, [
        ['a', 'baseline'],
        ['b', 'candidate'],
      ]),
    );
    await recordShowing(db, showing(T0 + H, [['a', 'candidate']], 'other.test'));
    await recordShowing(db, showing(T0 + 2 * DAY, [['c', 'baseline']], 'third.test'));
    await deleteTitle(db, 'a');
    let log = await readExperimentLog(db);
    expect(log?.impressions.map((i) => [i.site, i.picks.map((p) => p.titleKey)])).toEqual([
      ['demo.test', ['b']],
      ['third.test', ['c']],
    ]);
    await deleteSite(db, 'demo.test');
    log = await readExperimentLog(db);
    expect(log?.impressions.map((i) => i.site)).toEqual(['third.test']);
    await deleteRange(db, T0 + DAY, T0 + 3 * DAY);
    expect((await readExperimentLog(db))?.impressions).toEqual([]);
  });
});

describe('the experiments setting', () => {
  it('is on by default and can be switched off', async () => {
    const db = await freshDb();
    expect(DEFAULT_SETTINGS.experiments).toBe(true);
    expect((await getSettings(db)).experiments).toBe(true);
    expect((await updateSettings(db, { experiments: false })).ok).toBe(true);
    expect((await getSettings(db)).experiments).toBe(false);
    expect((await updateSettings(db, { experiments: 'no' } as never)).ok).toBe(false);
  });
});

describe('export, import and wipe', () => {
  it('round-trips the log and the setting through an export file', async () => {
    const db = await freshDb();
    await recordShowing(
      db,
      showing(T0, [
        ['a', 'baseline'],
        ['b', 'candidate'],
      ]),
    );
    await db.watchSessions.put(start('b', T0 + H));
    await updateSettings(db, { experiments: false });
    const before = await experimentStanding(db);
    const text = await exportToString(db, { exportedAt: T0 + DAY });
    expect(text).toContain(`"key":"${EXPERIMENT_LOG_KEY}"`);
    await wipeAll(db);
    expect(await experimentStanding(db)).toBeNull();
    expect((await getSettings(db)).experiments).toBe(true);
    const parsed = await parseExport(text);
    if (!parsed.ok) throw new Error(parsed.error);
    await applyImport(db, parsed.file, 'replace');
    expect(await experimentStanding(db)).toEqual(before);
    expect(before?.totals.teams.candidate.starts).toBe(1);
    expect((await getSettings(db)).experiments).toBe(false);
  });

  it('rejects a file whose log is malformed, naming the place', async () => {
    const db = await freshDb();
    await recordShowing(db, showing(T0, [['a', 'baseline']]));
    const text = await exportToString(db, { exportedAt: T0 + DAY });
    const forged = text.replace('"team":"baseline"', '"team":"sneaky"');
    expect(forged).not.toBe(text);
    const parsed = await parseExport(forged);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/setting experimentLog/);
    const extra = await parseExport(text.replace('"settled":', '"extra":1,"settled":'));
    expect(extra.ok).toBe(false);
  });

  it('imports an export file from before experiments existed', async () => {
    const db = await freshDb();
    const old = `{"format":"tasteful-export","version":1,"exportedAt":${T0},"app":{"name":"tasteful","version":"0.1.0"},"tables":{
"titles":[],"watchSessions":[],"searches":[],"skips":[],"impressions":[],"ratings":[],
"settings":[
{"key":"retentionMonths","value":6}
]
}}
`;
    const parsed = await parseExport(old);
    if (!parsed.ok) throw new Error(parsed.error);
    await applyImport(db, parsed.file, 'merge');
    expect(await getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, retentionMonths: 6 });
    expect(await experimentStanding(db)).toBeNull();
  });
});
