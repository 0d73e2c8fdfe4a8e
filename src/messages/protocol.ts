/**
 * Messages between content scripts, extension pages and the background. Each is a zod
 * schema: the receiver validates before acting, because a content script runs inside a
 * page we do not trust and anything it sends may be forged. A message that fails
 * validation gets `{ ok: false, error }` and changes nothing.
 */
import { z } from 'zod';
import { EventContext, Id, RatingValue, SkipReason, TitleKind, LIMITS, Year } from '../store/records';

const Text = z.string().max(LIMITS.text);
const Url = z.string().max(LIMITS.url).nullable();

/** A title as a content script reports it (the background keys and timestamps it). */
export const TitleInput = z.strictObject({
  siteItemId: Id,
  title: Text.min(1),
  year: Year.nullable(),
  kind: TitleKind,
  genres: z.array(z.string().min(1).max(LIMITS.genre)).max(LIMITS.genres),
  description: z.string().max(LIMITS.longText).nullable(),
  imageUrl: Url,
  url: Url,
});
export type TitleInput = z.infer<typeof TitleInput>;

const Seconds = z
  .number()
  .min(0)
  .max(7 * 24 * 3600);

export const WatchProgress = z.strictObject({
  sessionId: Id,
  title: TitleInput,
  startedAt: z.number().int(),
  secondsWatched: Seconds,
  duration: z
    .number()
    .positive()
    .max(7 * 24 * 3600)
    .nullable(),
  position: Seconds,
  pauses: z.number().int().min(0).max(1e6),
  seeks: z.number().int().min(0).max(1e6),
  /** true once the tab is closing or the media ended: the session is written as closed. */
  final: z.boolean(),
  ctx: EventContext,
});
export type WatchProgress = z.infer<typeof WatchProgress>;

export const ContentMessage = z.discriminatedUnion('type', [
  /** Is recording on for this tab's site? Also returns badge display settings. */
  z.strictObject({ type: z.literal('state/get') }),
  /** Tiles met on the page: upserted into the catalog. */
  z.strictObject({ type: z.literal('titles/seen'), titles: z.array(TitleInput).max(500) }),
  /** Watch-session progress; idempotent per sessionId, sent every few seconds and on pagehide. */
  z.strictObject({ type: z.literal('watch/progress'), progress: WatchProgress }),
  z.strictObject({
    type: z.literal('search/record'),
    searchId: Id,
    query: Text.min(1),
    ctx: EventContext,
  }),
  /** The title opened after a search, attributed to that search. */
  z.strictObject({ type: z.literal('search/opened'), searchId: Id, title: TitleInput }),
  z.strictObject({
    type: z.literal('skip/record'),
    title: TitleInput,
    reason: SkipReason,
    secondsWatched: Seconds.nullable(),
    ctx: EventContext,
  }),
  z.strictObject({
    type: z.literal('impressions/record'),
    impressions: z.array(z.strictObject({ title: TitleInput, row: Text.nullable() })).max(200),
    ctx: EventContext,
  }),
  z.strictObject({ type: z.literal('rating/set'), title: TitleInput, value: RatingValue.nullable() }),
  /** Scores for the titles on the page (badges). */
  z.strictObject({ type: z.literal('rank/page'), titles: z.array(TitleInput).max(500) }),
  /** Scores this page's URL got recently, still valid for the user's data: badges before any `rank/page`. */
  z.strictObject({ type: z.literal('rank/recent') }),
]);
export type ContentMessage = z.infer<typeof ContentMessage>;
export type ContentMessageType = ContentMessage['type'];

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };
