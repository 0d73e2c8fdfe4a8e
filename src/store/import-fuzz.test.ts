/**
 * Property: for any file, import either applies completely or changes nothing. Files are
 * valid exports mutated structurally (delete / retype / duplicate fields and records, inject
 * keys, rename tables) and textually (truncate, splice characters).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import type { TastefulDB } from './db';
import { exportToString } from './export';
import { FIXTURE_EPOCH, makeFixture } from '../../test/support/store-fixtures';
import { applyImport, parseExport, type ValidatedExport } from './import';
import { USER_TABLES } from './records';
import { primaryKeyOf } from './tables';
import { canonicalDump, freshDb, load } from '../../test/support/store-test-support';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Doc = { [k: string]: Json };

const RUNS = 10_000;
const SMALL = { titles: 4, watchSessions: 3, searches: 3, skips: 3, impressions: 4, ratings: 2 };

let db: TastefulDB;
const bases: Doc[] = [];

beforeAll(async () => {
  db = await freshDb();
  for (const seed of [1, 2, 3]) {
    const src = await freshDb();
    await load(src, makeFixture(SMALL, seed));
    bases.push(JSON.parse(await exportToString(src, { exportedAt: 1_720_000_000_000 })) as Doc);
  }
  await load(db, makeFixture(SMALL, 2));
  await db.embeddings.put({ id: 'm:h', modelVersion: 'm', textHash: 'h', vector: new Float32Array([0.5, -1]), at: 1_720_000_000_000 });
});

const odd = fc.oneof(
  fc.constantFrom<Json>(
    -1,
    0,
    1,
    0.5,
    1e300,
    'NaN',
    'Infinity',
    '',
    null,
    true,
    false,
    [],
    {},
    'x'.repeat(3000),
    Date.now() + 1e10,
    631_151_999_999,
    978_300_760,
  ),
  fc.integer().map((n) => n as Json),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n as Json),
  fc.string({ maxLength: 6 }).map((s) => s as Json),
  fc.constantFrom<Json>('netflix.com', 'https://a.example/x', 'movie', 'up', 'closed', '2024-01-01', 'abandoned'),
);
const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'id', 'at', 'value', 'titles', 'format');

const structural = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), t: fc.nat(), r: fc.nat(), f: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), t: fc.nat(), r: fc.nat(), f: fc.nat(), v: odd }),
  fc.record({ op: fc.constant('dupRecord' as const), t: fc.nat(), r: fc.nat() }),
  fc.record({ op: fc.constant('dropRecord' as const), t: fc.nat(), r: fc.nat() }),
  fc.record({
    op: fc.constant('inject' as const),
    where: fc.constantFrom('top', 'tables', 'record', 'ctx'),
    t: fc.nat(),
    r: fc.nat(),
    k: key,
    v: odd,
  }),
  fc.record({ op: fc.constant('top' as const), f: fc.constantFrom('format', 'version', 'exportedAt', 'app', 'tables'), v: odd }),
  fc.record({ op: fc.constant('dropTable' as const), t: fc.nat() }),
);
const textual = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('splice' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(8), ins: fc.string({ maxLength: 4 }) }),
);
type Structural = typeof structural extends fc.Arbitrary<infer T> ? T : never;
type Textual = typeof textual extends fc.Arbitrary<infer T> ? T : never;

function mutate(doc: Doc, m: Structural): void {
  const tables = doc.tables as { [k: string]: Json[] } | undefined;
  const tname = USER_TABLES[('t' in m ? m.t : 0) % USER_TABLES.length]!;
  const rows = Array.isArray(tables?.[tname]) ? tables[tname] : undefined;
  const rec = rows?.length && 'r' in m ? (rows[m.r % rows.length] as { [k: string]: Json }) : undefined;
  const field = (r: { [k: string]: Json }, f: number) => Object.keys(r)[f % Math.max(1, Object.keys(r).length)];
  switch (m.op) {
    case 'delete':
      if (rec) delete rec[field(rec, m.f)!];
      break;
    case 'retype':
      if (rec) rec[field(rec, m.f)!] = m.v;
      break;
    case 'dupRecord':
      if (rows && rec) rows.push(structuredClone(rec));
      break;
    case 'dropRecord':
      if (rows?.length) rows.splice(m.r % rows.length, 1);
      break;
    case 'inject': {
      const target =
        m.where === 'top' ? doc : m.where === 'tables' ? (tables as Doc | undefined) : m.where === 'record' ? rec : (rec?.ctx as Doc | undefined);
      // defineProperty: an own "__proto__" key, as JSON.parse would make from a hostile file.
      if (target && typeof target === 'object')
        Object.defineProperty(target, m.k, { value: m.v, enumerable: true, writable: true, configurable: true });
      break;
    }
    case 'top':
      doc[m.f] = m.v;
      break;
    case 'dropTable':
      if (tables) delete tables[tname];
      break;
  }
}

function mutateText(text: string, m: Textual): string {
  const at = Math.floor(m.at * text.length);
  return m.op === 'truncate' ? text.slice(0, at) : text.slice(0, at) + m.ins + text.slice(at + m.del);
}

/** What the store must hold after a successful import, computed from the dump before it. */
function expectedAfter(before: string, file: ValidatedExport, mode: 'merge' | 'replace'): string {
  const dump = JSON.parse(before) as Record<string, object[]>;
  for (const t of USER_TABLES) {
    const byKey = new Map<string, object>();
    if (mode === 'merge') for (const r of dump[t] ?? []) byKey.set(primaryKeyOf(t, r), r);
    for (const r of file.tables[t] as object[]) byKey.set(primaryKeyOf(t, r), JSON.parse(canonicalJson(r)) as object);
    dump[t] = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  }
  return canonicalJson(dump);
}

describe('import fuzz', () => {
  it(`applies fully or changes nothing, for ${RUNS} generated files`, { timeout: 120_000 }, async () => {
    let applied = 0;
    let rejected = 0;
    // The store only changes when a file applies, so the last verified dump is the state before the next run.
    let current = await canonicalDump(db);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(bases.length - 1),
        fc.array(structural, { maxLength: 3 }),
        fc.option(textual, { freq: 4 }),
        fc.constantFrom('merge' as const, 'replace' as const),
        async (b, muts, txt, mode) => {
          const doc = structuredClone(bases[b]!);
          for (const m of muts) mutate(doc, m);
          const text = txt ? mutateText(JSON.stringify(doc), txt) : JSON.stringify(doc);
          const before = current;
          const parsed = await parseExport(text);
          if (parsed.ok) {
            applied++;
            // At the fixtures' own time: retention lengthening is checked in roundtrip.test.ts.
            await applyImport(db, parsed.file, mode, FIXTURE_EPOCH);
            current = await canonicalDump(db);
            expect(current).toBe(expectedAfter(before, parsed.file, mode));
          } else {
            rejected++;
            expect(parsed.error.length).toBeGreaterThan(0);
            expect(await canonicalDump(db)).toBe(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: RUNS, seed: 20_241_123 },
    );
    // The generator must exercise both outcomes, or the property says little.
    expect(applied).toBeGreaterThan(RUNS * 0.05);
    expect(rejected).toBeGreaterThan(RUNS * 0.5);
    expect(applied + rejected).toBe(RUNS);
    console.info(`import fuzz: ${applied} applied, ${rejected} rejected`);
  });
});
