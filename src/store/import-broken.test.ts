import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { TastefulDB } from './db';
import { StoreFullError } from './errors';
import { exportToString } from './export';
import { makeFixture } from '../../test/support/store-fixtures';
import { applyImport, parseExport, type ImportLimits } from './import';
import { canonicalDump, freshDb, load } from '../../test/support/store-test-support';

type Doc = { format: unknown; version: unknown; tables: Record<string, Array<Record<string, unknown>>>; [k: string]: unknown };

let db: TastefulDB;
let valid: string;
let before: string;

beforeAll(async () => {
  db = await freshDb();
  await load(db, makeFixture({ titles: 40, watchSessions: 30, searches: 20, skips: 20, impressions: 40, ratings: 10 }, 21));
  valid = await exportToString(db, { exportedAt: 1_720_000_000_000 });
  before = await canonicalDump(db);
});

const edit = (f: (d: Doc) => void) => () => {
  const d = JSON.parse(valid) as Doc;
  f(d);
  return JSON.stringify(d);
};
const text = (f: (t: string) => string) => () => f(valid);
const future = Date.now() + 3 * 86_400_000;

const BROKEN: Array<{ name: string; file: () => string; error: RegExp; limits?: Partial<ImportLimits> }> = [
  { name: 'truncated', file: text((t) => t.slice(0, Math.floor(t.length / 2))), error: /not valid JSON.*truncated/ },
  { name: 'truncated at the very end', file: text((t) => t.trimEnd().slice(0, -1)), error: /not valid JSON/ },
  { name: 'empty file', file: () => '', error: /not valid JSON/ },
  { name: 'not JSON', file: () => 'Title,Year\nAmélie,2001\n', error: /not valid JSON/ },
  { name: 'JSON but an array', file: () => '[1,2,3]', error: /expected a JSON object/ },
  { name: 'wrong format', file: edit((d) => (d.format = 'netflix-history')), error: /not a Tasteful export.*"netflix-history"/ },
  { name: 'version 99', file: edit((d) => (d.version = 99)), error: /Unsupported export version 99.*reads version 1/ },
  { name: 'version as a string', file: edit((d) => (d.version = '1')), error: /Unsupported export version "1"/ },
  {
    name: 'wrong type',
    file: edit((d) => (d.tables.watchSessions![3]!.secondsWatched = '12')),
    error: /record 4 in table watchSessions: secondsWatched must be a number, not a string/,
  },
  {
    name: 'negative seconds',
    file: edit((d) => (d.tables.watchSessions![0]!.secondsWatched = -5)),
    error: /record 1 in table watchSessions: secondsWatched must be ≥ 0/,
  },
  {
    name: 'NaN via string',
    file: edit((d) => (d.tables.skips![1]!.secondsWatched = 'NaN')),
    error: /record 2 in table skips: secondsWatched must be a number/,
  },
  {
    name: 'Infinity via 1e999',
    file: text((t) => t.replace(/"completion":[0-9.e-]+/, '"completion":1e999')),
    error: /in table watchSessions: completion/,
  },
  { name: 'absurd file size', file: () => valid, limits: { maxBytes: 1000 }, error: /too large.*limit is 1000 bytes/ },
  {
    name: 'too many records in a table',
    file: () => valid,
    limits: { maxRecordsPerTable: 25 },
    error: /Table titles holds 40 records; the limit is 25/,
  },
  {
    name: '__proto__ key',
    file: text((t) => t.replace('"titles":[\n{', '"titles":[\n{"__proto__":{"polluted":true},')),
    error: /forbidden key "__proto__"/,
  },
  { name: 'escaped __proto__ key', file: text((t) => t.replace('"app":{', '"app":{"\\u005f_proto__":{},')), error: /forbidden key "__proto__"/ },
  {
    name: 'constructor key',
    file: text((t) => t.replace('"settings":[', '"settings":[{"key":"x","value":{"constructor":{"prototype":{}}}},')),
    error: /forbidden key "(constructor|prototype)"/,
  },
  { name: 'prototype key', file: text((t) => t.replace('{"format"', '{"prototype":1,"format"')), error: /forbidden key "prototype"/ },
  {
    name: 'duplicate ids',
    file: edit((d) => d.tables.impressions!.push({ ...d.tables.impressions![0]! })),
    error: /record 41 in table impressions: duplicate key/,
  },
  {
    name: 'future timestamp',
    file: edit((d) => (d.tables.searches![2]!.at = future)),
    error: /record 3 in table searches: at: timestamp is in the future/,
  },
  { name: 'future exportedAt', file: edit((d) => (d.exportedAt = future)), error: /exportedAt.*future/ },
  { name: 'unknown table', file: edit((d) => (d.tables.embeddings = [])), error: /Unknown table "embeddings"/ },
  { name: 'missing table key', file: edit((d) => delete d.tables.ratings), error: /Missing table ratings/ },
  { name: 'tables not an object', file: edit((d) => (d.tables = [] as never)), error: /"tables" must be an object/ },
  { name: 'table not an array', file: edit((d) => (d.tables.skips = {} as never)), error: /Table skips must be an array/ },
  { name: 'unknown top-level field', file: edit((d) => (d.encrypted = true)), error: /Unknown top-level field "encrypted"/ },
  {
    name: 'extra field in a record',
    file: edit((d) => (d.tables.titles![5]!.rating = 5)),
    error: /record 6 in table titles: the record has unknown field "rating"/,
  },
  { name: 'missing field in a record', file: edit((d) => delete d.tables.ratings![0]!.value), error: /record 1 in table ratings: value is missing/ },
  {
    name: 'too-long string',
    file: edit((d) => (d.tables.titles![0]!.title = 'x'.repeat(501))),
    error: /record 1 in table titles: title is longer than 500 characters/,
  },
  {
    name: 'invalid enum',
    file: edit((d) => (d.tables.ratings![0]!.value = 'meh')),
    error: /record 1 in table ratings: value must be one of "down", "up", "love", "not-interested"/,
  },
  {
    name: 'javascript: URL',
    file: edit((d) => (d.tables.titles![0]!.url = 'javascript:alert(1)')),
    error: /record 1 in table titles: url: only http\(s\) URLs are stored/,
  },
  {
    name: 'invalid known setting',
    file: edit((d) => d.tables.settings!.push({ key: 'halfLifeDays', value: -1 } as never)),
    error: /setting halfLifeDays\): value must be ≥ 1/,
  },
  {
    name: 'oversized setting value',
    file: edit((d) => d.tables.settings!.push({ key: 'blob', value: 'x'.repeat(70_000) })),
    error: /setting "blob" is larger than/,
  },
  {
    name: 'an error in every record',
    file: edit((d) => {
      for (const r of d.tables.impressions!) r.day = 'yesterday';
    }),
    error: /day has the wrong format[\s\S]*…and more errors/,
  },
];

describe('a broken import file', () => {
  it.each(BROKEN)('is rejected with a clear error and changes nothing: $name', async ({ file, error, limits }) => {
    const input = file();
    for (const mode of ['merge', 'replace'] as const) {
      const parsed = await parseExport(input, limits);
      if (parsed.ok) await applyImport(db, parsed.file, mode);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error).toMatch(error);
        expect(parsed.errors.length).toBeGreaterThan(0);
      }
      expect(await canonicalDump(db)).toBe(before);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('covers at least 14 kinds of breakage', () => {
    expect(BROKEN.length).toBeGreaterThanOrEqual(14);
  });

  it('the unbroken file is accepted (so the cases above fail for their own reason)', async () => {
    const parsed = await parseExport(valid);
    expect(parsed.ok).toBe(true);
  });

  it('a full disk half-way through a valid import leaves the store whole, in both modes', async () => {
    const other = await freshDb();
    await load(other, makeFixture({ titles: 30, watchSessions: 30, searches: 10, skips: 10, impressions: 30, ratings: 5 }, 99));
    const parsed = await parseExport(await exportToString(other));
    if (!parsed.ok) throw new Error(parsed.error);
    // Titles and sessions are written (and, in replace mode, every table cleared) before impressions fail.
    const spy = vi.spyOn(db.impressions, 'bulkPut').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      for (const mode of ['merge', 'replace'] as const) {
        await expect(applyImport(db, parsed.file, mode)).rejects.toBeInstanceOf(StoreFullError);
        expect(await canonicalDump(db)).toBe(before);
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('rejects an oversized Blob before reading it', async () => {
    const blob = new Blob([valid]);
    const r = await parseExport(blob, { maxBytes: blob.size - 1 });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
  });
});
