/**
 * One handler per content-script message. Input is already validated; the site comes from
 * the sender (a page cannot write events for another site), and time comes from our clock.
 */
import type { ContentMessage, TitleInput } from '../messages/protocol';
import type { ReplyMap } from '../messages/replies';
import type { TastefulDB } from '../store/db';
import { addImpressions, addSearch, addSkip, applyWatchProgress, attributeSearch, setRating, upsertTitle, upsertTitles } from '../store/events';
import type { EventContext, ImpressionRecord } from '../store/records';
import { localDay } from '../store/local-day';
import { pageState, type SenderInfo } from './recording-state';
import { titleId } from '../titles/title-id';
import { toTitleRecord } from './titles';
import { rankPage, warmEngine } from './engine-client';
import { cachedSettings } from './settings-cache';
import { storeStamp } from './store-version';
import { recentScores, rememberScores } from './recent-scores';
import { attributePendingSearch, forgetSearch, rememberSearch } from './pending-search';

export interface HandlerEnv {
  db: TastefulDB;
  sender: SenderInfo;
  now: number;
}

type Handlers = {
  [T in ContentMessage['type']]: (msg: Extract<ContentMessage, { type: T }>, env: HandlerEnv) => Promise<ReplyMap[T]>;
};

/** Message types that write the user's history: refused unless recording is on here. */
export const RECORDING_MESSAGES: ReadonlySet<ContentMessage['type']> = new Set([
  'titles/seen',
  'watch/progress',
  'search/record',
  'search/opened',
  'skip/record',
  'impressions/record',
]);

export const handlers: Handlers = {
  'state/get': (_msg, { db, sender }) => pageState(db, sender),

  'titles/seen': async (msg, { db, sender, now }) => {
    await upsertTitles(
      db,
      msg.titles.map((t) => toTitleRecord(sender.site, t, now)),
    );
    return { stored: msg.titles.length };
  },

  'watch/progress': async ({ progress: p }, { db, sender, now }) => {
    const title = await upsertTitle(db, toTitleRecord(sender.site, p.title, now));
    const startedAt = Math.min(p.startedAt, now);
    await applyWatchProgress(db, {
      id: p.sessionId,
      titleId: title.id,
      titleKey: title.key,
      site: sender.site,
      startedAt,
      endedAt: now,
      secondsWatched: p.secondsWatched,
      duration: p.duration,
      // The page sends the furthest point reached while actually playing (never a seek
      // target) or the seconds watched, whichever is larger: seeking to the end is not watching.
      completion: p.duration ? Math.min(1, Math.max(p.position, p.secondsWatched) / p.duration) : 0,
      pauses: p.pauses,
      seeks: p.seeks,
      rewatch: false, // the store decides, from earlier completed sessions of this title
      state: p.final ? 'closed' : 'open',
      ctx: ctxFor(p.ctx, sender, startedAt),
    });
    await attributePendingSearch(db, sender, title.id, now);
    return { stored: true };
  },

  'search/record': async (msg, { db, sender, now }) => {
    await addSearch(db, {
      id: msg.searchId,
      site: sender.site,
      query: msg.query.trim().slice(0, 500),
      at: now,
      openedTitleId: null,
      ctx: ctxFor(msg.ctx, sender, now),
    });
    await rememberSearch(sender, msg.searchId, now);
    return { stored: true };
  },

  'search/opened': async (msg, { db, sender, now }) => {
    const title = toTitleRecord(sender.site, msg.title, now);
    await upsertTitles(db, [title]);
    await attributeSearch(db, msg.searchId, title.id);
    await forgetSearch(sender);
    return { stored: true };
  },

  'skip/record': async (msg, { db, sender, now }) => {
    const title = await upsertTitle(db, toTitleRecord(sender.site, msg.title, now));
    await addSkip(db, {
      id: crypto.randomUUID(),
      titleId: title.id,
      titleKey: title.key,
      site: sender.site,
      at: now,
      reason: msg.reason,
      secondsWatched: msg.secondsWatched,
      ctx: ctxFor(msg.ctx, sender, now),
    });
    return { stored: true };
  },

  'impressions/record': async (msg, { db, sender, now }) => {
    const titles = msg.impressions.map((i) => toTitleRecord(sender.site, i.title, now));
    const keyOf = new Map((await upsertTitles(db, titles)).map((t) => [t.id, t.key]));
    const day = localDay(now);
    const records: ImpressionRecord[] = titles.map((t, i) => ({
      id: crypto.randomUUID(),
      titleId: t.id,
      titleKey: keyOf.get(t.id) ?? t.key,
      site: sender.site,
      at: now,
      day,
      row: msg.impressions[i]?.row ?? null,
      ctx: ctxFor(msg.ctx, sender, now),
    }));
    const { added } = await addImpressions(db, records);
    // Impressions over the daily cap (or already stored) are dropped by the store: report what was kept.
    return { stored: added };
  },

  'rating/set': async (msg, { db, sender, now }) => {
    const title = await upsertTitle(db, toTitleRecord(sender.site, msg.title, now));
    await setRating(
      db,
      msg.value === null
        ? { titleKey: title.key, value: null }
        : { titleKey: title.key, titleId: title.id, site: sender.site, value: msg.value, at: now },
    );
    return { stored: true };
  },

  'rank/page': async (msg, { db, sender, now }) => {
    // Tagged with the version asked at: if the engine ranked at a newer one, the entries are
    // merely replaced early (recent-scores.ts never serves a score across a strong change).
    const stamp = { ...storeStamp(db), now };
    const reply = await rankPage(sender.site, msg.titles);
    rememberScores(sender.url, stamp, reply.scores);
    return reply;
  },

  'rank/recent': async (_msg, { db, sender, now }) => {
    const { scores, stale } = recentScores(sender.url, { ...storeStamp(db), now });
    // Nothing warm for this page, or only stale scores: its tiles will go to the engine, which starts now.
    if (scores.length === 0 || stale) warmEngine();
    // From memory: an IndexedDB read here waited behind the store's commits (settings-cache.ts).
    return { scores, stale, badgeMode: (await cachedSettings(db)).badgeMode };
  },
};

/** The page's clock may lie; the hour/weekday the page computed are kept, the site is ours. */
function ctxFor(ctx: EventContext, sender: SenderInfo, _at: number): EventContext {
  return { ...ctx, site: sender.site };
}

export type { TitleInput };
export { titleId };
