/**
 * Advertising in a player. Ad-supported services play pre-rolls and mid-rolls in one of two
 * ways, and the players that do it name the state in class names:
 *  - the same media element plays the ad, and the player's root says so while it does
 *    (YouTube `ad-showing`, video.js ads `vjs-ad-playing`, JW Player `jw-flag-ads`);
 *  - an ad SDK lays its own media element over the content, in a container of its own
 *    (Google IMA `ima-ad-container`, `ad-container`, `preroll`), and pauses the content.
 * Either way the ad is not the title: its seconds are not watching, its end is not the
 * title's, and its pause of the content is not the user's.
 */

/** Ancestors looked at: a player's markup nests its media a few levels below the root. */
const MAX_DEPTH = 12;

const AD_WORDS = new Set(['ad', 'ads', 'advert', 'advertisement', 'preroll', 'midroll', 'postroll']);
/** Words that, next to an ad word, say the player is in an ad now. */
const STATE_WORDS = new Set(['showing', 'playing', 'interrupting', 'active', 'loading', 'mode', 'flag', 'is', 'break', 'running']);
/** Words that, next to an ad word, name a container that holds the ad's own media. */
const SLOT_WORDS = new Set(['container', 'slot', 'player', 'video', 'unit', 'wrapper', 'layer']);
/** A roll word is a slot by itself (`preroll`); a bare "ad" is too vague to be either. */
const ROLL_WORDS = new Set(['preroll', 'midroll', 'postroll']);
/** Words that turn a token into "no ad here" (`is-ad-free`, `ad-complete`, `adblock-notice`). */
const NOT_WORDS = new Set([
  'free',
  'block',
  'blocker',
  'blocked',
  'complete',
  'completed',
  'done',
  'ended',
  'off',
  'none',
  'disabled',
  'hidden',
  'enabled',
  'supported',
  'skipped',
]);

/** A class or id token as lower-case words: `vjs-ad-playing`, `adContainer`, `ad_slot`. */
function wordsOf(token: string): string[] {
  return token
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

type AdMark = 'state' | 'slot' | null;

/**
 * The ad word must stand next to its state or slot word: `player-with-ads` (a player that can
 * show ads) and `has-ads` name no ad playing now.
 */
function markOf(token: string): AdMark {
  const words = wordsOf(token);
  if (words.some((w) => NOT_WORDS.has(w))) return null;
  const next = (i: number, set: ReadonlySet<string>) => set.has(words[i - 1] ?? '') || set.has(words[i + 1] ?? '');
  let mark: AdMark = null;
  words.forEach((w, i) => {
    if (!AD_WORDS.has(w)) return;
    if (next(i, STATE_WORDS)) mark = 'state';
    else if (mark === null && (next(i, SLOT_WORDS) || ROLL_WORDS.has(w))) mark = 'slot';
  });
  return mark;
}

function marksOf(el: Element): AdMark[] {
  const tokens = [...Array.from(el.classList), ...(el.id ? [el.id] : [])];
  return tokens.map(markOf).filter((m): m is Exclude<AdMark, null> => m !== null);
}

/** The element's ancestors, the media itself first, crossing shadow roots to their hosts. */
function* ancestors(el: Element): Generator<Element> {
  let node: Element | null = el;
  for (let depth = 0; node && depth <= MAX_DEPTH; depth++) {
    yield node;
    const root: Node | null = node.parentElement ? null : node.getRootNode();
    node = node.parentElement ?? (root && 'host' in root ? (root as ShadowRoot).host : null);
  }
}

/** Whether `media` sits in an ad's own container: an ad player laid over the content. */
export function isAdSlot(media: Element): boolean {
  for (const el of ancestors(media)) if (marksOf(el).includes('slot')) return true;
  return false;
}

/** Whether `media` plays an ad now: in an ad's container, or in a player that says it shows one. */
export function isAdPlaying(media: Element): boolean {
  for (const el of ancestors(media)) if (marksOf(el).length > 0) return true;
  return false;
}
