/**
 * Every table of the store, described once. The schema (db.ts proves its migrations end at
 * these indexes), export and import (the `exported` tables, in this order), delete and wipe
 * (every table) all read this, so adding a table is one entry here plus one appended
 * migration step in db.ts.
 */

interface TableSpec {
  /** Indexes in Dexie's syntax; the first entry is the primary key. */
  readonly schema: string;
  /** The primary key's field. */
  readonly pk: string;
  /** Part of the user's history: exported, imported, counted in the dashboard. */
  readonly exported: boolean;
}

export const TABLES = {
  titles: { schema: 'id, key, site, lastSeen', pk: 'id', exported: true },
  watchSessions: { schema: 'id, startedAt, [site+startedAt], titleKey, titleId, state', pk: 'id', exported: true },
  searches: { schema: 'id, at, [site+at], openedTitleId', pk: 'id', exported: true },
  skips: { schema: 'id, at, [site+at], titleKey, titleId', pk: 'id', exported: true },
  impressions: { schema: 'id, at, [site+at], titleKey, titleId, [titleId+day]', pk: 'id', exported: true },
  ratings: { schema: 'titleKey, at, [site+at], titleId', pk: 'titleKey', exported: true },
  settings: { schema: 'key', pk: 'key', exported: true },
  // Derived from titles by the model: rebuilt on demand, so never exported.
  embeddings: { schema: 'id, modelVersion', pk: 'id', exported: false },
  // Local troubleshooting notes, not history: never exported, cleared by wipe.
  diagnostics: { schema: '++seq, at', pk: 'seq', exported: false },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The tables that hold the user's data, in export order. */
export type UserTable = { [K in TableName]: (typeof TABLES)[K]['exported'] extends true ? K : never }[TableName];
export const USER_TABLES = TABLE_NAMES.filter((t): t is UserTable => TABLES[t].exported);

/** The layout a fresh install has, table by table. */
export const CURRENT_SCHEMA: Readonly<Record<TableName, string>> = Object.fromEntries(TABLE_NAMES.map((t) => [t, TABLES[t].schema])) as Record<
  TableName,
  string
>;

export function primaryKeyOf(table: UserTable, record: object): string {
  return String((record as Record<string, unknown>)[TABLES[table].pk]);
}
