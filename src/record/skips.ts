/**
 * When leaving a title counts as a skip. Skips are negative evidence for the profile, so the
 * rules are deliberately conservative: a wrong skip teaches the model the opposite of the
 * truth, a missed one only loses a little evidence. Thresholds and reasoning: README.md.
 */
import type { EventContext } from '../store/records';
import type { TileInfo } from '../sites/types';
import { toTitleInput } from './title-input';
import type { Send } from './types';

/**
 * Under this much real play a session is a mis-click (wrong tile, play pressed by accident),
 * not a judgement on the title: it is neither a skip nor a watch worth storing.
 */
export const MISCLICK_SECONDS = 3;
/**
 * Abandoned play, absolute part: two minutes is about the length of a cold open or a
 * trailer; leaving before it is a decision about the title, not an interruption later on.
 */
export const ABANDON_MAX_SECONDS = 120;
/**
 * Abandoned play, relative part: under 15% of a feature or an episode. Both parts must hold,
 * so that 100 s of a 3-minute clip (55%) is not a skip just because it is short in seconds.
 */
export const ABANDON_MAX_COMPLETION = 0.15;
/**
 * Media shorter than this (clips, shorts, trailers) get the looser relative limit below:
 * 15% of a 4-minute video is 36 s, too little to tell a skip from a watch.
 */
export const SHORT_MEDIA_SECONDS = 600;
export const ABANDON_MAX_COMPLETION_SHORT = 0.3;
/**
 * Preview left at once: an autoplaying (muted) preview, or a title/detail page, left within
 * 10 s without pressing play. Ten seconds is enough to read a title and a synopsis and
 * decide "not this"; longer dwell is interest, not rejection.
 */
export const PREVIEW_LEFT_WITHIN_MS = 10_000;
/**
 * ...but not within the first second: that is the pointer passing over a hover preview, or a
 * page that redirected, which says nothing about the title.
 */
export const PREVIEW_MIN_SHOWN_MS = 1_000;

export interface ClosedPlay {
  /** 'watching' once the user really watched; 'preview' for muted autoplay only. */
  mode: 'idle' | 'preview' | 'watching';
  secondsWatched: number;
  duration: number | null;
  completion: number | null;
  ended: boolean;
}

/** Abandoned play: a real session closed early in both absolute and relative terms. */
export function isAbandoned(s: ClosedPlay): boolean {
  if (s.mode !== 'watching' || s.ended) return false;
  if (s.secondsWatched < MISCLICK_SECONDS) return false; // mis-click, not a skip
  if (s.secondsWatched >= ABANDON_MAX_SECONDS) return false;
  // Without a duration (live streams) the relative test cannot be made: no verdict.
  if (s.duration === null || s.completion === null) return false;
  const limit = s.duration < SHORT_MEDIA_SECONDS ? ABANDON_MAX_COMPLETION_SHORT : ABANDON_MAX_COMPLETION;
  return s.completion < limit;
}

export interface ShownTitle {
  /** How long the preview played or the title page was shown, in ms. */
  shownMs: number;
  /** Whether the user pressed play (or unmuted the preview) for this title meanwhile. */
  pressedPlay: boolean;
}

/** Preview left at once: a preview or title page left within PREVIEW_LEFT_WITHIN_MS. */
export function isPreviewLeft(p: ShownTitle): boolean {
  return !p.pressedPlay && p.shownMs >= PREVIEW_MIN_SHOWN_MS && p.shownMs < PREVIEW_LEFT_WITHIN_MS;
}

/**
 * Sends skips, at most one per title and reason per page view: the same preview can end in
 * several ways at once (source change, navigation, pagehide) and must count once.
 */
export function skipSender(deps: { send: Send; context: () => EventContext; enabled?: () => boolean }) {
  const done = new Set<string>();
  return (title: TileInfo, reason: 'abandoned' | 'preview', secondsWatched: number | null): void => {
    if (deps.enabled && !deps.enabled()) return;
    const input = toTitleInput(title);
    if (!input) return;
    const key = `${reason}\u0000${input.siteItemId}`;
    if (done.has(key)) return;
    done.add(key);
    void deps.send({ type: 'skip/record', title: input, reason, secondsWatched, ctx: deps.context() });
  };
}
