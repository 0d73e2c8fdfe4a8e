/**
 * A page's recent scores (`rank/recent`), asked for at document start so that they are here
 * before the tiles: a page visited again paints its badges without an engine round trip. The
 * reply is checked like any message from elsewhere; a bad one means "nothing known".
 */
import type { Reply } from '../../messages/protocol';
import type { BadgeMode, PageScore } from '../../messages/replies';
import { BADGE_MODES } from '../../store/limits';

/**
 * A lookup of the page's warm scores. `stale`: made before the user's data last moved by weak
 * changes (background/recent-scores.ts): painted at once, and asked for again.
 */
export type KnownScores = ((siteItemId: string) => PageScore | undefined) & { readonly stale?: boolean };

/** Waiting longer than this for the warm scores would delay the badges more than it saves. */
export const WARM_WAIT_MS = 150;

export function parseRecentScores(value: unknown): Map<string, PageScore> {
  const out = new Map<string, PageScore>();
  const list = (value as { scores?: unknown } | null)?.scores;
  if (!Array.isArray(list)) return out;
  for (const s of list as unknown[]) {
    const r = s as Partial<PageScore> | null;
    if (!r || typeof r.siteItemId !== 'string') continue;
    const match = typeof r.match === 'number' && Number.isFinite(r.match) ? r.match : null;
    const why = Array.isArray(r.why) ? r.why.filter((w): w is string => typeof w === 'string') : [];
    out.set(r.siteItemId, { siteItemId: r.siteItemId, match, why });
  }
  return out;
}

/**
 * The page's warm scores from the `rank/recent` request sent at document start (its reply also
 * carries the badge mode: `firstBadgeMode`). Resolves to a lookup, empty when it failed or took
 * over `waitMs` — or, given `notBefore`, until that settles if later: nothing is painted before
 * the badge mode is known, so waiting for the warm scores as long as for the mode costs nothing,
 * while giving up on them earlier costs the page a round trip to the engine.
 */
export function warmScoresFrom(reply: Promise<Reply<unknown>>, waitMs = WARM_WAIT_MS, notBefore?: Promise<unknown>): Promise<KnownScores> {
  const none = { scores: new Map<string, PageScore>(), stale: false };
  const asked = reply.then(
    (r) => (r.ok ? { scores: parseRecentScores(r.value), stale: (r.value as { stale?: unknown } | null)?.stale === true } : none),
    // No warm scores (the background is waking up): the badges take the normal path.
    () => none,
  );
  const waited = new Promise<void>((resolve) => setTimeout(resolve, waitMs));
  // A rejected `notBefore` (the mode's request failed) ends the wait like a settled one.
  const late = Promise.all([waited, notBefore?.catch(() => undefined)]).then(() => none);
  return Promise.race([asked, late]).then(({ scores, stale }) => Object.assign((id: string) => scores.get(id), { stale }));
}

const MODES: ReadonlySet<string> = new Set<string>(BADGE_MODES);

/** A reply's `badgeMode`, checked (the reply comes from elsewhere), or null. */
export function badgeModeOf(value: unknown): BadgeMode | null {
  const m = (value as { badgeMode?: unknown } | null)?.badgeMode;
  return typeof m === 'string' && MODES.has(m) ? (m as BadgeMode) : null;
}

/**
 * The badge mode from the first of `replies` that names one (`rank/recent` is answered from the
 * background's memory and one settings read, `state/get` after permission and storage checks too);
 * 'on', the default, when none does (the background is restarting).
 */
export function firstBadgeMode(replies: Promise<Reply<unknown>>[]): Promise<BadgeMode> {
  return new Promise((resolve) => {
    let left = replies.length;
    const done = (mode: BadgeMode | null) => {
      if (mode) resolve(mode);
      else if (--left === 0) resolve('on');
    };
    for (const r of replies)
      r.then(
        (reply) => done(reply.ok ? badgeModeOf(reply.value) : null),
        () => done(null), // no answer from this one: the other may still tell
      );
    if (left === 0) resolve('on');
  });
}
