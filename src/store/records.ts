/**
 * The shape of everything Tasteful stores. These zod schemas are the single source of
 * truth for stored records: the Dexie tables, the message boundary and the export/import
 * format all validate against them, so a bad record cannot reach the store by any path.
 */
import { z } from 'zod';
import { isHttpUrl, isSite, LIMITS, TITLE_KINDS, YEAR_RANGE } from './limits';
import type { UserTable } from './tables';

/** Upper bounds that keep a hostile page or a forged import file from bloating the store. */
export { LIMITS } from './limits';

// Far-future timestamps are rejected at every boundary; one day of clock skew is tolerated.
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;
/**
 * The earliest time a record may carry: 1990-01-01 UTC. Imported histories go back to the late
 * 1990s (MovieLens from 1996, DVD-by-mail from 1998), so an earlier bound refused real files
 * whole; anything before 1990 is far more likely seconds misread as milliseconds (1970).
 */
export const EARLIEST_TIMESTAMP = 631_152_000_000;

export const Timestamp = z
  .number()
  .int()
  // A refinement rather than .min(): its message says why, and the likeliest cause (seconds, as
  // MovieLens and Unix tools write them, read as milliseconds land in January 1970).
  .refine((t) => t >= EARLIEST_TIMESTAMP, {
    message: 'timestamp is before 1990-01-01 (times are milliseconds since the Unix epoch; a time in seconds reads as January 1970)',
  })
  .refine((t) => t <= Date.now() + MAX_CLOCK_SKEW_MS, { message: 'timestamp is in the future' });

/** An id from a page (messages). */
export const Id = z.string().min(1).max(LIMITS.id);
/** An id or key the store holds: composed ones (site + item id, title keys) run longer than a page's. */
export const StoredId = z.string().min(1).max(LIMITS.storedId);
/** A site is the page's host without a leading "www." (e.g. "youtube.com", "localhost:5178"). */
export const Site = z.string().refine(isSite, { message: 'not a site name' });
export const TitleKind = z.enum(TITLE_KINDS);
export const Year = z.number().int().min(YEAR_RANGE.min).max(YEAR_RANGE.max);
export const DeviceClass = z.enum(['desktop', 'tablet', 'phone', 'tv']);
export const RatingValue = z.enum(['down', 'up', 'love', 'not-interested']);
export const SkipReason = z.enum(['abandoned', 'preview', 'not-interested']);
const Text = z.string().max(LIMITS.text);
const HttpUrl = z.string().max(LIMITS.url).refine(isHttpUrl, { message: 'only http(s) URLs are stored' });

/** When and where an event happened; used for context habits (hour, weekday, device). */
export const EventContext = z.strictObject({
  hour: z.number().int().min(0).max(23),
  weekday: z.number().int().min(0).max(6), // 0 = Sunday, as Date#getDay
  device: DeviceClass,
  site: Site,
});

/** One title as a site shows it. `id` is `${site}:${siteItemId}`; `key` joins sites. */
export const TitleRecord = z.strictObject({
  id: StoredId,
  site: Site,
  siteItemId: StoredId,
  key: StoredId,
  title: Text.min(1),
  year: Year.nullable(),
  kind: TitleKind,
  genres: z.array(z.string().min(1).max(LIMITS.genre)).max(LIMITS.genres),
  description: z.string().max(LIMITS.longText).nullable(),
  imageUrl: HttpUrl.nullable(),
  url: HttpUrl.nullable(),
  firstSeen: Timestamp,
  lastSeen: Timestamp,
});

export const WatchSessionRecord = z.strictObject({
  id: StoredId,
  titleId: StoredId,
  titleKey: StoredId,
  site: Site,
  startedAt: Timestamp,
  endedAt: Timestamp,
  /** Media seconds actually played while visible and unpaused (not wall time). */
  secondsWatched: z
    .number()
    .min(0)
    .max(7 * 24 * 3600),
  duration: z
    .number()
    .positive()
    .max(7 * 24 * 3600)
    .nullable(),
  completion: z.number().min(0).max(1),
  pauses: z.number().int().min(0).max(1e6),
  seeks: z.number().int().min(0).max(1e6),
  rewatch: z.boolean(),
  /** 'open' while the tab still plays; a restart closes any left open. */
  state: z.enum(['open', 'closed']),
  ctx: EventContext,
});

export const SearchRecord = z.strictObject({
  id: StoredId,
  site: Site,
  query: Text.min(1),
  at: Timestamp,
  openedTitleId: StoredId.nullable(),
  ctx: EventContext,
});

export const SkipRecord = z.strictObject({
  id: StoredId,
  titleId: StoredId,
  titleKey: StoredId,
  site: Site,
  at: Timestamp,
  reason: SkipReason,
  secondsWatched: z
    .number()
    .min(0)
    .max(7 * 24 * 3600)
    .nullable(),
  ctx: EventContext,
});

export const ImpressionRecord = z.strictObject({
  id: StoredId,
  titleId: StoredId,
  titleKey: StoredId,
  site: Site,
  at: Timestamp,
  /** Local calendar day (YYYY-MM-DD): the per-title daily cap is keyed on it. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The row (shelf) the tile sat in, when the page has rows. */
  row: Text.nullable(),
  ctx: EventContext,
});

/** One rating per title key: the latest one wins. */
export const RatingRecord = z.strictObject({
  titleKey: StoredId,
  titleId: StoredId,
  site: Site,
  value: RatingValue,
  at: Timestamp,
});

export const SettingRecord = z.strictObject({
  key: z.string().min(1).max(128),
  value: z.unknown(),
});

export const EmbeddingRecord = z.strictObject({
  /** `${modelVersion}:${textHash}` */
  id: StoredId,
  modelVersion: z.string().min(1).max(64),
  textHash: z.string().min(1).max(128),
  vector: z.instanceof(Float32Array),
  at: Timestamp,
});

export type TitleKind = z.infer<typeof TitleKind>;
export type DeviceClass = z.infer<typeof DeviceClass>;
export type RatingValue = z.infer<typeof RatingValue>;
export type SkipReason = z.infer<typeof SkipReason>;
export type EventContext = z.infer<typeof EventContext>;
export type TitleRecord = z.infer<typeof TitleRecord>;
export type WatchSessionRecord = z.infer<typeof WatchSessionRecord>;
export type SearchRecord = z.infer<typeof SearchRecord>;
export type SkipRecord = z.infer<typeof SkipRecord>;
export type ImpressionRecord = z.infer<typeof ImpressionRecord>;
export type RatingRecord = z.infer<typeof RatingRecord>;
export type SettingRecord = z.infer<typeof SettingRecord>;
export type EmbeddingRecord = z.infer<typeof EmbeddingRecord>;

export { USER_TABLES, type UserTable } from './tables';

export const RECORD_SCHEMAS = {
  titles: TitleRecord,
  watchSessions: WatchSessionRecord,
  searches: SearchRecord,
  skips: SkipRecord,
  impressions: ImpressionRecord,
  ratings: RatingRecord,
  settings: SettingRecord,
} as const satisfies Record<UserTable, z.ZodType>;
