/**
 * Import: read an export file, validate ALL of it, show what it would change, then write it
 * in one transaction. Nothing is written unless the whole file is valid, and the write is a
 * single read-write transaction over every user table, so a bad file or a failure half-way
 * (full disk) leaves the store exactly as it was.
 */
import { z } from 'zod';
import { titleKey } from '../titles/normalize';
import { canonicalJson } from './canonical';
import { tableNamed, type TastefulDB } from './db';
import { guardQuota } from './errors';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export';
import { describeIssue } from './import-errors';
import {
  RECORD_SCHEMAS,
  Timestamp,
  USER_TABLES,
  type ImpressionRecord,
  type RatingRecord,
  type SearchRecord,
  type SettingRecord,
  type SkipRecord,
  type TitleRecord,
  type UserTable,
  type WatchSessionRecord,
} from './records';
import { monthsToKeep, oldestPrunable } from './retention';
import { checkSettingValue, DEFAULT_SETTINGS, getSettings } from './settings';
import { rekeyEvents } from './rekey';
import { primaryKeyOf } from './tables';

export interface ImportLimits {
  /** Bytes (UTF-16 code units for a string input). */
  readonly maxBytes: number;
  readonly maxRecordsPerTable: number;
  /** Characters of one setting value once serialised: settings are free-form, so bound them here. */
  readonly maxSettingChars: number;
  /** Errors reported before giving up: enough to see a pattern, not a flood. */
  readonly maxErrors: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 512 * 1024 * 1024,
  maxRecordsPerTable: 5_000_000,
  maxSettingChars: 64 * 1024,
  maxErrors: 20,
};

export interface ExportTables {
  titles: TitleRecord[];
  watchSessions: WatchSessionRecord[];
  searches: SearchRecord[];
  skips: SkipRecord[];
  impressions: ImpressionRecord[];
  ratings: RatingRecord[];
  settings: SettingRecord[];
}

declare const validatedBrand: unique symbol;
/** An export file that passed every check. Only parseExport makes one, so applyImport cannot receive an unchecked file. */
export interface ValidatedExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: number;
  readonly app: { readonly name: string; readonly version: string };
  readonly tables: ExportTables;
  readonly [validatedBrand]: true;
}

export type ParseResult =
  | { readonly ok: true; readonly file: ValidatedExport }
  | { readonly ok: false; readonly error: string; readonly errors: readonly string[] };

/**
 * The record schemas as a file is read. A field that may hold null may also be left out and is
 * read as null: a writer working from the documentation (say, a MovieLens converter that has no
 * description or image) naturally omits what it does not know, and null and absent mean the
 * same thing. The stored record is the same either way, so nothing downstream sees the
 * difference; every other field stays required and records stay strict.
 */
function readingSchema(schema: z.ZodObject): z.ZodObject {
  const omittable = Object.entries(schema.shape)
    .filter(([, field]) => field instanceof z.ZodNullable)
    .map(([key, field]) => [key, (field as z.ZodNullable).default(null)]);
  return schema.extend(Object.fromEntries(omittable));
}

const READING_SCHEMAS = Object.fromEntries(USER_TABLES.map((t) => [t, readingSchema(RECORD_SCHEMAS[t])])) as Record<UserTable, z.ZodObject>;

/**
 * Title keys as Tasteful computes them. A title's key is `titleKey(title, year)` wherever it is
 * made; a file written elsewhere (a converter, an older Tasteful) may carry another spelling, or
 * give an event a key its title record does not have. The profile joins events to titles by key
 * and pages by key too, so such an event would silently drop out of the history. On import each
 * title's key is computed from its title and year, and each event of a title the file holds takes
 * that key; an event whose title is not in the file keeps its own. Ratings are keyed by title: of
 * two that now share a key, the later one stays, as a later rating replaces an earlier one.
 */
function withComputedKeys(tables: ExportTables): ExportTables {
  const keyOf = new Map<string, string>();
  const titles = tables.titles.map((t) => {
    const key = titleKey(t.title, t.year);
    keyOf.set(t.id, key);
    return key === t.key ? t : { ...t, key };
  });
  return { ...tables, titles, ...rekeyEvents(tables, (id) => keyOf.get(id)) };
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const TOP_LEVEL_KEYS = ['format', 'version', 'exportedAt', 'app', 'tables'] as const;
const AppInfo = z.strictObject({ name: z.string().max(64), version: z.string().max(64) });

class ForbiddenKeyError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

function fail(errors: readonly string[]): ParseResult {
  return { ok: false, error: errors.join('\n'), errors };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export async function parseExport(input: string | Blob, limits: Partial<ImportLimits> = {}): Promise<ParseResult> {
  const lim: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...limits };
  const size = typeof input === 'string' ? input.length : input.size;
  if (size > lim.maxBytes) {
    return fail([`The file is too large (${size} bytes; the limit is ${lim.maxBytes} bytes).`]);
  }
  const raw = typeof input === 'string' ? input : await input.text();
  // A UTF-8 byte-order mark is not JSON, but Windows editors and PowerShell write one; it says
  // nothing about the content, so it is skipped rather than refused (RFC 8259 §8.1 allows this).
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;

  let root: unknown;
  try {
    // The reviver sees every key, including escaped spellings such as "\u005f_proto__".
    root = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
      return value;
    });
  } catch (err) {
    if (err instanceof ForbiddenKeyError) return fail([`The file contains a forbidden key "${err.key}"; it was not imported.`]);
    const detail = err instanceof Error ? err.message : String(err);
    return fail([`The file is not valid JSON (it may be truncated or not an export): ${detail}`]);
  }
  return validateDocument(root, lim);
}

function validateDocument(root: unknown, lim: ImportLimits): ParseResult {
  if (!isPlainObject(root)) return fail(['The file is not a Tasteful export: expected a JSON object at the top level.']);
  if (root.format !== EXPORT_FORMAT) {
    return fail([`The file is not a Tasteful export (format is ${JSON.stringify(root.format) ?? 'missing'}, expected "${EXPORT_FORMAT}").`]);
  }
  if (root.version !== EXPORT_VERSION) {
    return fail([
      `Unsupported export version ${JSON.stringify(root.version) ?? '(missing)'}: this version of Tasteful reads version ${EXPORT_VERSION}.`,
    ]);
  }
  const errors: string[] = [];
  const extra = Object.keys(root).filter((k) => !(TOP_LEVEL_KEYS as readonly string[]).includes(k));
  if (extra.length) errors.push(`Unknown top-level field${extra.length > 1 ? 's' : ''} ${extra.map((k) => JSON.stringify(k)).join(', ')}.`);
  const at = Timestamp.safeParse(root.exportedAt);
  if (!at.success) errors.push(`${describeIssue({ ...at.error.issues[0]!, path: ['exportedAt'] }, root)}.`);
  const app = AppInfo.safeParse(root.app);
  if (!app.success) {
    const issue = app.error.issues[0]!;
    errors.push(`${describeIssue({ ...issue, path: ['app', ...issue.path] }, root)}.`);
  }
  const tablesIn = root.tables;
  if (!isPlainObject(tablesIn)) {
    errors.push('"tables" must be an object holding one array per table.');
    return fail(errors);
  }
  const unknownTables = Object.keys(tablesIn).filter((k) => !(USER_TABLES as readonly string[]).includes(k));
  if (unknownTables.length)
    errors.push(`Unknown table${unknownTables.length > 1 ? 's' : ''} ${unknownTables.map((k) => JSON.stringify(k)).join(', ')}.`);
  const missing = USER_TABLES.filter((t) => !Object.hasOwn(tablesIn, t));
  if (missing.length) errors.push(`Missing table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (an empty table is written as []).`);
  if (errors.length) return fail(errors);

  const tables: Record<string, unknown[]> = {};
  for (const name of USER_TABLES) {
    const rows = tablesIn[name];
    if (!Array.isArray(rows)) {
      errors.push(`Table ${name} must be an array of records.`);
      continue;
    }
    if (rows.length > lim.maxRecordsPerTable) {
      errors.push(`Table ${name} holds ${rows.length} records; the limit is ${lim.maxRecordsPerTable}.`);
      continue;
    }
    tables[name] = validateTable(name, rows, lim, errors);
    if (errors.length > lim.maxErrors) break;
  }
  if (errors.length) {
    const shown = errors.slice(0, lim.maxErrors);
    if (errors.length > lim.maxErrors) shown.push(`…and more errors; fix these first.`);
    return fail(shown);
  }
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: at.data!,
    app: app.data!,
    tables: withComputedKeys(tables as unknown as ExportTables),
  };
  return { ok: true, file: file as unknown as ValidatedExport };
}

function validateTable(name: UserTable, rows: readonly unknown[], lim: ImportLimits, errors: string[]): unknown[] {
  const schema = READING_SCHEMAS[name];
  const seen = new Set<string>();
  const out: unknown[] = new Array(rows.length);
  for (let i = 0; i < rows.length && errors.length <= lim.maxErrors; i++) {
    const where = `record ${i + 1} in table ${name}`;
    const row = rows[i];
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      errors.push(
        `${where}: ${parsed.error.issues
          .slice(0, 3)
          .map((iss) => describeIssue(iss, row))
          .join('; ')}`,
      );
      continue;
    }
    const record = parsed.data as object;
    const pk = primaryKeyOf(name, record);
    if (seen.has(pk)) {
      errors.push(`${where}: duplicate key ${JSON.stringify(pk)} (each key may appear once per table)`);
      continue;
    }
    seen.add(pk);
    if (name === 'settings') {
      const s = record as SettingRecord;
      if (s.value === undefined) {
        errors.push(`${where}: value is missing`);
        continue;
      }
      const check = checkSettingValue(s.key, s.value);
      if (check && !check.success) {
        const issue = check.error.issues[0]!;
        errors.push(`${where} (setting ${s.key}): ${describeIssue({ ...issue, path: ['value', ...issue.path] }, { value: s.value })}`);
        continue;
      }
      if (JSON.stringify(s.value).length > lim.maxSettingChars) {
        errors.push(`${where}: setting ${JSON.stringify(s.key)} is larger than ${lim.maxSettingChars} characters`);
        continue;
      }
    }
    out[i] = record;
  }
  return out;
}

export type ImportMode = 'merge' | 'replace';

export interface TablePreview {
  /** Records in the file. */
  readonly incoming: number;
  /** Incoming records whose key is not stored yet. */
  readonly new: number;
  /** Incoming records identical to the stored one. */
  readonly duplicates: number;
  /** Incoming records whose key is stored with different content (the file wins). */
  readonly conflicts: number;
  /** Records stored now; in 'replace' mode all of them are removed first. */
  readonly existing: number;
}

/**
 * An import of history older than the retention window lengthens the window to keep it:
 * otherwise the next daily prune would delete what the user just chose to bring in.
 */
export interface RetentionChange {
  /** The oldest prunable event in the file. */
  readonly oldest: number;
  /** Months kept before the import (the file's own setting, when it carries one). */
  readonly from: number;
  readonly to: number;
}

export interface ImportPreview {
  readonly mode: ImportMode;
  readonly perTable: { readonly [T in UserTable]: TablePreview };
  readonly retention: RetentionChange | null;
}

/** How the import changes the retention window; `storedMonths`: the setting stored now. */
export function retentionChange(file: ValidatedExport, mode: ImportMode, storedMonths: number, now: number): RetentionChange | null {
  const oldest = oldestPrunable((t) => (file.tables[t as UserTable] ?? []) as object[]);
  if (!Number.isFinite(oldest)) return null;
  // Both modes write the file's settings (the file wins), so its window is the one to lengthen.
  const own = file.tables.settings.find((r) => r.key === 'retentionMonths')?.value as number | undefined;
  const from = own ?? (mode === 'merge' ? storedMonths : DEFAULT_SETTINGS.retentionMonths);
  const to = monthsToKeep(oldest, now, from);
  return to > from ? { oldest, from, to } : null;
}

const PREVIEW_BATCH = 5_000;

export async function previewImport(db: TastefulDB, file: ValidatedExport, mode: ImportMode, now = Date.now()): Promise<ImportPreview> {
  const perTable = {} as Record<UserTable, TablePreview>;
  for (const name of USER_TABLES) {
    const table = tableNamed(db, name);
    const rows = file.tables[name] as object[];
    let fresh = 0;
    let duplicates = 0;
    let conflicts = 0;
    for (let start = 0; start < rows.length; start += PREVIEW_BATCH) {
      const batch = rows.slice(start, start + PREVIEW_BATCH);
      const stored = await table.bulkGet(batch.map((r) => primaryKeyOf(name, r)));
      batch.forEach((r, i) => {
        const s = stored[i];
        if (s === undefined) fresh++;
        else if (canonicalJson(s) === canonicalJson(r)) duplicates++;
        else conflicts++;
      });
    }
    perTable[name] = { incoming: rows.length, new: fresh, duplicates, conflicts, existing: await table.count() };
  }
  return { mode, perTable, retention: retentionChange(file, mode, (await getSettings(db)).retentionMonths, now) };
}

export interface ImportResult {
  readonly mode: ImportMode;
  readonly written: { readonly [T in UserTable]: number };
  readonly retention: RetentionChange | null;
}

/**
 * merge: every incoming record is put; on a key conflict the file's record wins (the user
 * chose to import it). replace: every user table is cleared first. The embedding cache is
 * derived data and is left alone in both modes. History older than the retention window
 * lengthens the window, in the same transaction (`retentionChange`).
 */
export async function applyImport(db: TastefulDB, file: ValidatedExport, mode: ImportMode, now = Date.now()): Promise<ImportResult> {
  const tables = USER_TABLES.map((t) => tableNamed(db, t));
  return guardQuota('applyImport', () =>
    db.transaction('rw', tables, async () => {
      const retention = retentionChange(file, mode, (await getSettings(db)).retentionMonths, now);
      if (mode === 'replace') for (const t of tables) await t.clear();
      const written = {} as Record<UserTable, number>;
      for (const name of USER_TABLES) {
        const rows = file.tables[name] as object[];
        await tableNamed(db, name).bulkPut(rows);
        written[name] = rows.length;
      }
      if (retention) await db.settings.put({ key: 'retentionMonths', value: retention.to });
      return { mode, written, retention };
    }),
  );
}
