/** What the background answers to each content-script message. */
import type { ContentMessageType } from './protocol';
import type { BADGE_MODES } from '../store/limits';

export type BadgeMode = (typeof BADGE_MODES)[number];

/** Why recording is on or off for a tab: shown in the popup and honoured by the recorder. */
export type RecordingState =
  | 'on'
  | 'paused' // global pause
  | 'site-paused'
  | 'private' // private window, not opted in
  | 'not-enabled' // no host permission for this site
  | 'store-full'; // quota exhausted: paused until space returns

export interface PageState {
  site: string;
  recording: RecordingState;
  badgeMode: BadgeMode;
}

export interface PageScore {
  siteItemId: string;
  /** Calibrated match percentage, or null when the profile lacks evidence or it is under 50%. */
  match: number | null;
  /** Human-readable reasons ("Because you watched Alien"). */
  why: string[];
  /** Which profile spoke: the long-term taste ('taste', badges) or the recent titles ('recent', picks). */
  horizon?: 'taste' | 'recent';
}

export interface ReplyMap {
  'state/get': PageState;
  'titles/seen': { stored: number };
  'watch/progress': { stored: boolean };
  'search/record': { stored: boolean };
  'search/opened': { stored: boolean };
  'skip/record': { stored: boolean };
  'impressions/record': { stored: number };
  'rating/set': { stored: boolean };
  'rank/page': { scores: PageScore[]; evidence: number };
  /** `badgeMode` too (one settings read beside scores from memory): it often comes well before `state/get` (which also checks permissions and storage space). */
  /** `stale`: the scores were made before the data version last moved (weak changes only): paint them, and ask `rank/page` again. */
  'rank/recent': { scores: PageScore[]; stale: boolean; badgeMode: BadgeMode };
}

// Compile-time check that every message type has a reply type and vice versa.
type Missing = Exclude<ContentMessageType, keyof ReplyMap>;
const _exhaustive: Missing extends never ? true : never = true;
void _exhaustive;
