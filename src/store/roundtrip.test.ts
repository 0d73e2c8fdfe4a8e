import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { wipeAll } from './delete';
import { blobSink, exportChunks, exportToString } from './export';
import { FIXTURE_EPOCH, makeEvents, makeFixture, seededRng } from '../../test/support/store-fixtures';
import { applyImport, parseExport, previewImport } from './import';
import { canonicalDump, freshDb, load } from '../../test/support/store-test-support';
import { pruneOlderThan, retentionCutoff } from './retention';
import { getSettings } from './settings';

const counts = { titles: 300, watchSessions: 400, searches: 250, skips: 250, impressions: 600, ratings: 150 };

describe('export → wipe → import', () => {
  it('restores an identical store (replace)', async () => {
    const db = await freshDb();
    const fixture = makeFixture(counts, 42);
    await load(db, fixture);
    const before = await canonicalDump(db);
    const text = await exportToString(db, { chunkSize: 97, exportedAt: 1_720_000_000_000 });
    expect(() => JSON.parse(text)).not.toThrow();
    // Every record line is in canonical form (sorted keys at every depth), whichever serialiser wrote it.
    const lines = text.split('\n').filter((l) => l.startsWith('{"') && !l.startsWith('{"format"'));
    expect(lines.length).toBe(Object.values(fixture).reduce((a, rows) => a + rows.length, 0));
    for (const line of lines) {
      const json = line.endsWith(',') ? line.slice(0, -1) : line;
      expect(json).toBe(canonicalJson(JSON.parse(json)));
    }

    await wipeAll(db);
    expect(await canonicalDump(db)).not.toBe(before);
    const parsed = await parseExport(text);
    if (!parsed.ok) throw new Error(parsed.error);
    // Imported while the fixture's history is inside its window: nothing for retention to lengthen.
    await applyImport(db, parsed.file, 'replace', FIXTURE_EPOCH);
    expect(await canonicalDump(db)).toBe(before);
    // And the re-export is byte-identical.
    expect(await exportToString(db, { chunkSize: 1000, exportedAt: 1_720_000_000_000 })).toBe(text);
  });

  it('imports a history from the late 1990s (a MovieLens-era import), and refuses seconds read as milliseconds', async () => {
    const db = await freshDb();
    await load(db, makeFixture({ ...counts, watchSessions: 20 }, 5));
    const text = await exportToString(db, { exportedAt: 1_720_000_000_000 });
    const doc = JSON.parse(text) as { tables: { watchSessions: { startedAt: number; endedAt: number }[] } };
    const shift = (t: number): number => t - 1_720_000_000_000 + 880_000_000_000; // 1997-11-20
    for (const w of doc.tables.watchSessions) {
      w.startedAt = shift(w.startedAt);
      w.endedAt = shift(w.endedAt);
    }
    const parsed = await parseExport(JSON.stringify(doc));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.file.tables.watchSessions.map((w) => new Date(w.startedAt).getUTCFullYear())).toContain(1997);
    // The file's own window (6 months) would let the next daily prune delete it all: the import lengthens it.
    const now = Date.UTC(2026, 11, 4);
    const preview = await previewImport(db, parsed.file, 'replace', now);
    expect(preview.retention?.from).toBe(6);
    const result = await applyImport(db, parsed.file, 'replace', now);
    expect(result.retention).toEqual(preview.retention);
    const months = (await getSettings(db)).retentionMonths;
    expect(months).toBe(result.retention?.to);
    expect(retentionCutoff(now, months)).toBeLessThanOrEqual(Math.min(...parsed.file.tables.watchSessions.map((w) => w.startedAt)));
    expect(retentionCutoff(now, months - 1)).toBeGreaterThan(Math.min(...parsed.file.tables.watchSessions.map((w) => w.startedAt)));
    await pruneOlderThan(db, retentionCutoff(now, months));
    expect(await db.watchSessions.count()).toBe(20);
    const seconds = JSON.parse(text) as typeof doc;
    (seconds.tables.watchSessions[0] as { startedAt: number }).startedAt = 880_000_000; // seconds, not ms
    expect((await parseExport(JSON.stringify(seconds))).ok).toBe(false);
  });

  it('leaves out the embedding cache and yields bounded chunks', async () => {
    const db = await freshDb();
    await load(db, makeFixture(counts, 1));
    await db.embeddings.put({ id: 'm:h', modelVersion: 'm', textHash: 'h', vector: new Float32Array(4), at: 1_720_000_000_000 });
    let maxRecords = 0;
    for await (const chunk of exportChunks(db, { chunkSize: 50 })) maxRecords = Math.max(maxRecords, chunk.split('\n{').length - 1);
    expect(maxRecords).toBe(50);
    const doc = JSON.parse(await exportToString(db)) as { tables: Record<string, unknown[]>; format: string; version: number };
    expect(doc.format).toBe('tasteful-export');
    expect(doc.version).toBe(1);
    expect(Object.keys(doc.tables)).toEqual(['titles', 'watchSessions', 'searches', 'skips', 'impressions', 'ratings', 'settings']);
    expect(doc.tables.titles).toHaveLength(counts.titles);
  });

  it('writes the same bytes whatever the chunk size, tables that fill chunks exactly included', async () => {
    const db = await freshDb();
    await load(db, makeFixture(counts, 7));
    const opts = { exportedAt: 1_720_000_000_000 };
    const whole = await exportToString(db, { ...opts, chunkSize: 10_000 });
    // 150 divides titles, ratings and impressions exactly: their last chunk comes back empty.
    for (const chunkSize of [1, 150, 333]) expect(await exportToString(db, { ...opts, chunkSize })).toBe(whole);
  });

  it('includes no record twice when the store changes during an export', async () => {
    const db = await freshDb();
    const fixture = makeFixture(counts, 3);
    await load(db, fixture);
    let text = '';
    let chunks = 0;
    for await (const chunk of exportChunks(db, { chunkSize: 50 })) {
      text += chunk;
      // After the first chunk of titles: rewrite every title, add one before and one after all the others.
      if (++chunks === 3) {
        await db.titles.bulkPut(fixture.titles.map((t) => ({ ...t, lastSeen: t.lastSeen + 1 })));
        await db.titles.bulkPut([
          { ...fixture.titles[0]!, id: '!first:item' },
          { ...fixture.titles[0]!, id: '~last:item' },
        ]);
      }
    }
    const ids = (JSON.parse(text) as { tables: { titles: Array<{ id: string }> } }).tables.titles.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Reading resumes after the last key read: the new first title was passed already, the new last one was not.
    expect(ids).toHaveLength(counts.titles + 1);
    expect(ids.at(-1)).toBe('~last:item');
  });

  it('builds the same bytes as a Blob for download, folded into it as it goes', async () => {
    const db = await freshDb();
    await load(db, makeFixture(counts, 5));
    const opts = { exportedAt: 1_720_000_000_000, chunkSize: 64 };
    const text = await exportToString(db, opts);
    const out = blobSink(1_000); // folds many times on this export
    for await (const chunk of exportChunks(db, opts)) await out.sink(chunk);
    expect(text.length).toBeGreaterThan(10_000);
    expect(await out.finish().text()).toBe(text);
  });

  it('exports an empty store as valid JSON that imports back', async () => {
    const db = await freshDb();
    const parsed = await parseExport(new Blob([await exportToString(db)]));
    expect(parsed.ok).toBe(true);
  });

  it('merges into a non-empty store: new records added, conflicts won by the file, the rest kept', async () => {
    const source = await freshDb();
    const base = makeFixture(counts, 42);
    await load(source, base);
    const text = await exportToString(source);

    const target = await freshDb();
    const rng = seededRng(9);
    const own = makeEvents(base.titles.slice(0, 50), { watchSessions: 30, searches: 20, skips: 20, impressions: 40, ratings: 0 }, rng, 'local');
    const changed = { ...base.watchSessions[0]!, secondsWatched: 1 };
    await load(target, { titles: base.titles.slice(0, 100), ...own, watchSessions: [...own.watchSessions, changed], ratings: [], settings: [] });

    const parsed = await parseExport(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const preview = await previewImport(target, parsed.file, 'merge', FIXTURE_EPOCH);
    expect(preview.perTable.titles).toEqual({ incoming: 300, new: 200, duplicates: 100, conflicts: 0, existing: 100 });
    expect(preview.perTable.watchSessions).toMatchObject({ incoming: 400, new: 399, duplicates: 0, conflicts: 1, existing: 31 });

    await applyImport(target, parsed.file, 'merge', FIXTURE_EPOCH);
    expect(await target.watchSessions.count()).toBe(400 + 30);
    expect(await target.watchSessions.get(changed.id)).toEqual(base.watchSessions[0]);
    for (const s of own.searches) expect(await target.searches.get(s.id)).toEqual(s);

    // Merging the same file again changes nothing.
    const once = await canonicalDump(target);
    const again = await previewImport(target, parsed.file, 'merge', FIXTURE_EPOCH);
    expect(again.perTable.impressions).toMatchObject({ new: 0, conflicts: 0, duplicates: 600 });
    await applyImport(target, parsed.file, 'merge', FIXTURE_EPOCH);
    expect(await canonicalDump(target)).toBe(once);
  });
});
