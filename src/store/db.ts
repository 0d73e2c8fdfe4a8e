/**
 * The Dexie database behind everything Tasteful remembers.
 *
 * Where it may be opened: only in the extension's own origin (background service worker,
 * offscreen document, extension pages such as the dashboard and popup). Never import this
 * from a content script: there IndexedDB belongs to the visited site, so the profile would
 * land in the page's storage where page scripts can read it. Content scripts talk to the
 * background through messages instead.
 */
import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import type {
  EmbeddingRecord,
  ImpressionRecord,
  RatingRecord,
  SearchRecord,
  SettingRecord,
  SkipRecord,
  TitleRecord,
  WatchSessionRecord,
} from './records';
import type { DiagnosticRecord } from './diagnostics';
import type { TableName } from './tables';

export type { TableName } from './tables';

/** Table name → index specification, in Dexie's syntax (first entry is the primary key). */
export type StoreSchema = Record<string, string | null>;

/**
 * One step of the schema history. A new version appends a step; steps are never edited
 * once released, because an installed store may sit at any earlier version. `upgrade`
 * rewrites existing rows when a change of shape needs it (Dexie runs it inside the
 * versionchange transaction, so a failed upgrade leaves the old version intact).
 */
export interface Migration {
  readonly version: number;
  readonly stores: StoreSchema;
  readonly upgrade?: (tx: Transaction) => Promise<void> | void;
}

/**
 * Version 1. Indexes exist for the dashboard and the delete/retention paths:
 * time (`at`, `startedAt` for sessions), site + time for site filters, title id and key
 * for deleting a title and joining, `[titleId+day]` for the impression daily cap,
 * `state` to find sessions a crash left open.
 */
export const SCHEMA_V1: StoreSchema = {
  titles: 'id, key, site, lastSeen',
  watchSessions: 'id, startedAt, [site+startedAt], titleKey, titleId, state',
  searches: 'id, at, [site+at], openedTitleId',
  skips: 'id, at, [site+at], titleKey, titleId',
  impressions: 'id, at, [site+at], titleKey, titleId, [titleId+day]',
  ratings: 'titleKey, at, [site+at], titleId',
  settings: 'key',
  embeddings: 'id, modelVersion',
};

/** Version 2 adds the local diagnostic log (see diagnostics.ts); no existing row changes. */
export const SCHEMA_V2: StoreSchema = {
  diagnostics: '++seq, at',
};

/**
 * The released schema history. To change the schema, change the table in tables.ts and append
 * e.g. `{ version: 3, stores: { ...changedTablesOnly }, upgrade: async (tx) => { await tx.table('x').toCollection().modify(...) } }`;
 * `db.test.ts` proves the steps end at the layout tables.ts describes, and the pattern by
 * upgrading a populated v1 store.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, stores: SCHEMA_V1 },
  { version: 2, stores: SCHEMA_V2 },
];

export class TastefulDB extends Dexie {
  // `declare` keeps class-field semantics from resetting the tables Dexie assigns in the constructor.
  declare titles: Table<TitleRecord, string>;
  declare watchSessions: Table<WatchSessionRecord, string>;
  declare searches: Table<SearchRecord, string>;
  declare skips: Table<SkipRecord, string>;
  declare impressions: Table<ImpressionRecord, string>;
  declare ratings: Table<RatingRecord, string>;
  declare settings: Table<SettingRecord, string>;
  declare embeddings: Table<EmbeddingRecord, string>;
  declare diagnostics: Table<DiagnosticRecord, number>;

  constructor(name = 'tasteful', options?: DexieOptions, migrations: readonly Migration[] = MIGRATIONS) {
    super(name, options);
    for (const m of migrations) {
      const v = this.version(m.version).stores(m.stores);
      if (m.upgrade) v.upgrade(m.upgrade);
    }
  }
}

/** Opens (creating or upgrading as needed) the store. `options` lets tests inject an IDBFactory. */
export async function openStore(name = 'tasteful', options?: DexieOptions): Promise<TastefulDB> {
  const db = new TastefulDB(name, options);
  await db.open();
  return db;
}

/** Every table but the diagnostic log (whose key is a number). */
export type StringKeyedTable = Exclude<TableName, 'diagnostics'>;

/**
 * A table by name, for code that walks tables generically. Returns the named property
 * (`db.titles`), not `db.table('titles')`: Dexie keeps two distinct Table objects for these,
 * and tests instrument the named ones.
 */
export function tableNamed(db: TastefulDB, name: StringKeyedTable): Table<object, string> {
  return db[name] as unknown as Table<object, string>;
}
