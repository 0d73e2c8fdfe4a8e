/**
 * Turning raw card text into a title. Cards label themselves with their call to action as
 * often as with their title ("Play", "More info", "Watch The Matrix"), so generic labels are
 * rejected and a few common decorations stripped; stripping is deliberately narrow because a
 * wrongly cut title is worse than a decorated one.
 */
import { cleanTitle } from '../shared';

const GENERIC = new Set(
  [
    'play',
    'play now',
    'play trailer',
    'watch',
    'watch now',
    'watch trailer',
    'watch free',
    'trailer',
    'teaser',
    'more',
    'more info',
    'more information',
    'info',
    'details',
    'view details',
    'see details',
    'learn more',
    'read more',
    'see all',
    'view all',
    'show all',
    'show more',
    'see more',
    'view more',
    'load more',
    'explore all',
    'next',
    'previous',
    'prev',
    'back',
    'close',
    'open',
    'menu',
    'home',
    'search',
    'share',
    'like',
    'save',
    'add',
    'add to list',
    'my list',
    'add to watchlist',
    'watchlist',
    'remove',
    'rate',
    'rate this',
    'resume',
    'continue',
    'continue watching',
    'start over',
    'episodes',
    'new',
    'new episode',
    'new episodes',
    'live',
    'free',
    'hd',
    'sd',
    'uhd',
    '4k',
    '8k',
    'hdr',
    'dolby vision',
    'dolby atmos',
    'imax',
    'cc',
    'ad',
    'sponsored',
    'advertisement',
    'subscribe',
    'sign in',
    'sign up',
    'log in',
    'login',
    'register',
    'top 10',
    'top ten',
    'recently added',
    'leaving soon',
    'coming soon',
    'image',
    'poster',
    'thumbnail',
    'cover',
    'picture',
    'photo',
    'banner',
    'logo',
    'icon',
    'avatar',
    'placeholder',
    'movie poster',
    'video thumbnail',
    'untitled',
    'loading',
    'loading...',
    'null',
    'undefined',
    // Icon buttons on cards label themselves with what they do.
    'add to my list',
    'remove from my list',
    'remove from list',
    'remove from watchlist',
    'dislike',
    'thumbs up',
    'thumbs down',
    'i like this',
    'love this',
    'not for me',
    'mute',
    'unmute',
    'volume',
    'expand',
    'collapse',
    'favorite',
    'favourite',
    'bookmark',
    'download',
    'options',
    'more options',
    'more actions',
    'actions',
    'episodes and info',
    'episodes info',
    'watch later',
    'add to queue',
    'queue',
    'play from beginning',
    'restart',
    'see all titles',
    'view all titles',
    'top 10 today',
    'top 10 this week',
    'hide',
    'report',
    'menu button',
    // What a player names when it names no title (a media session's "Now playing", "Clip").
    'now playing',
    'video',
    'clip',
    'preview',
    // The same calls to action and badges on French, German and Spanish services.
    'lecture',
    'regarder',
    'reprendre',
    'voir',
    'voir tout',
    'tout voir',
    'voir plus',
    'voir les détails',
    "plus d'infos",
    'en savoir plus',
    'nouveau',
    'nouveauté',
    'abspielen',
    'ansehen',
    'alle anzeigen',
    'mehr anzeigen',
    'mehr infos',
    'details anzeigen',
    'neu',
    'reproducir',
    'ver ahora',
    'ver todo',
    'ver más',
    'más información',
    'nuevo',
    // Their badges and calls to action in Swedish, Danish, Norwegian, Dutch, Italian, and the
    // badges above in the other languages ("Sista chansen", "Neue Folgen", "Dernière chance").
    'sista chansen',
    'nytt avsnitt',
    'nya avsnitt',
    'fortsätt titta',
    'spela upp',
    'nyt afsnit',
    'ny episode',
    'siste sjanse',
    'nieuw',
    'nieuwe afleveringen',
    'laatste kans',
    'guarda ora',
    'riproduci',
    'nuovo',
    'nuovi episodi',
    'ultima occasione',
    'neue folge',
    'neue folgen',
    'letzte chance',
    'nur noch kurz',
    'dernière chance',
    'nouvel épisode',
    'nouveaux épisodes',
    'nuevo episodio',
    'nuevos episodios',
    'última oportunidad',
  ].map((s) => s.replace(/[^\p{L}\p{N} ]/gu, '')),
);

// An episode code: "S2 E4", "S4:E3", "S02E04", "S2, E9".
const EPISODE_CODE = /^S\d{1,2}\s*[:.,]?\s*E\d{1,3}$/i;
// "Season 2", "Épisode 3", "Staffel 2", "Folge 4", "Temporada 1", "第3話", "シーズン2": a number in a
// series, in the languages services are written in, never a name on its own.
const SEASON_OR_EPISODE =
  /^(?:(?:season|episode|ep|part|chapter|s|saison|épisode|partie|staffel|folge|teil|temporada|episodio|capítulo|stagione)\s*\d+|第\s*\d+\s*[話回期部章巻]|シーズン\s*\d+)$/i;

// A clock time ("8:00 PM", "20:30", "9pm") and a time slot of a schedule ("7:30 PM - 8:30 PM",
// "20:00–21:00", "8:00 PM to 9:00 PM"): when a programme is on, never its name.
const CLOCK = String.raw`\d{1,2}(?::[0-5]\d\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)`;
const SLOT = String.raw`${CLOCK}\s*(?:[-–—]|to)\s*${CLOCK}`;
/** A time slot inside a text: a programme's hours, or a span of a video or podcast ("5:12 – 12:40"). */
export const TIME_SLOT = new RegExp(String.raw`(?<![\d:])${SLOT}(?![\d:])`, 'i');
const CLOCK_PARTS = /(\d{1,2})(?::([0-5]\d))?(\s*[ap]\.?m\.?)?/gi;

/**
 * The two ends of the first time slot in `text`, each as its leading and trailing number ("5:12"
 * → [5, 12], "9pm" → [9, 0]). Those are hours and minutes in a guide but minutes and seconds in a
 * chapter list, and the slot alone cannot say which; an AM/PM (`meridiem`) only a time of day has.
 */
export function timeSlotEnds(text: string): { ends: [number, number][]; meridiem: boolean } | null {
  const slot = TIME_SLOT.exec(text)?.[0];
  if (!slot) return null;
  const ends: [number, number][] = [];
  let meridiem = false;
  for (const m of slot.matchAll(CLOCK_PARTS)) {
    ends.push([Number(m[1]), Number(m[2] ?? 0)]);
    if (m[3]) meridiem = true;
  }
  return ends.length === 2 ? { ends, meridiem } : null;
}
const TIME_ONLY = new RegExp(`^(?:${SLOT}|${CLOCK})$`, 'i');
// …at the end of a label: "CSI: Miami, 8:00 PM to 9:00 PM".
const LABEL_TIME = new RegExp(String.raw`\s*[,;|·–—-]\s*(?:(?:on\s+)?(?:now|today|tonight|tomorrow)\s*,?\s*)?(?:from\s+)?${SLOT}.*$`, 'i');

/** Whether `text` names no title: a call to action, a badge, a number, a duration. */
export function isGenericTitle(text: string): boolean {
  // Every generic label is short; this runs for each candidate of each card, so bail early.
  if (text.length > 40) return false;
  if (/\d/.test(text)) {
    if (/^[\d\s.,:/%+()-]+$/.test(text)) return true; // numbers, ratings, durations "1:42:10", "98%", "(2019)"
    if (TIME_ONLY.test(text)) return true; // "8:00 PM", "7:30 PM - 8:30 PM"
    if (/^\d{3,4}[pi]$/i.test(text)) return true; // resolutions "1080p"
    if (/^\d+\s*(?:h|hr|hrs|m|min|mins|s|sec)(?:\s*\d+\s*(?:m|min|mins|s))?$/i.test(text)) return true;
    if (SEASON_OR_EPISODE.test(text)) return true;
    if (EPISODE_CODE.test(text)) return true; // "S2 E4", "S4:E3", "S02E04"
    if (/^\d+\s*(?:of|\/)\s*\d+$/i.test(text)) return true; // carousel positions: "1 of 3" (a slide's aria-label)
    if (/^[\d.,]+\s*[kmb]?\s+(?:views?|seasons?|episodes?|likes?|comments?)$/i.test(text.trim())) return true;
  }
  if (text.length <= 5 && /^(?:pg-13|pg|g|r|nc-17|nr|tv-(?:y7?|g|pg|14|ma)|u|12a?|15|18)$/i.test(text.trim())) return true; // ratings
  const key = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  // "See all 24 titles", "View more (12)", "Browse all ›": row links dressed as tiles.
  return !key || GENERIC.has(key) || /^(?:see|view|show|browse|explore) (?:all|more)\b/.test(key);
}

// Genre names, as rows of mood tiles and metadata lines ("2019 · 2h 10m · Drama") write them.
const GENRES = new Set(
  [
    'action',
    'adventure',
    'animation',
    'anime',
    'biography',
    'comedy',
    'comedies',
    'crime',
    'documentary',
    'documentaries',
    'drama',
    'dramas',
    'family',
    'fantasy',
    'history',
    'horror',
    'kids',
    'music',
    'musical',
    'musicals',
    'mystery',
    'reality',
    'romance',
    'romantic comedy',
    'sci-fi',
    'science fiction',
    'sport',
    'sports',
    'stand-up',
    'superhero',
    'suspense',
    'thriller',
    'thrillers',
    'true crime',
    'war',
    'western',
    'aventure',
    'comédie',
    'documentaire',
    'drame',
    'policier',
    'jeunesse',
    'horreur',
    'science-fiction',
    'komödie',
    'krimi',
    'dokumentation',
    'abenteuer',
    'comedia',
    'terror',
    'aventura',
    'documental',
  ].map((g) => g.replace(/[^\p{L}\p{N} ]/gu, '')),
);

/** Whether `text` is a genre's name ("Sci-Fi", "Documentaries", "Comédie"). */
export function isGenreName(text: string): boolean {
  return text.length <= 20 && GENRES.has(text.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ''));
}

// One fact of a metadata line: a year or span, a duration, a rating, a count of seasons, an episode
// code, or what kind of title it is ("Limited series", "Film", "Série").
const META_PIECE =
  /^(?:(?:1[89]|20)\d\d(?:\s*[-–]\s*(?:(?:1[89]|20)\d\d)?)?|\d+\s*(?:h|hr|hrs|std\.?)(?:\s*\d+\s*(?:m|min|mins)?)?|\d+\s*(?:m|min|mins)|(?:tv-)?(?:g|pg|pg-13|r|nc-17|nr|ma|14|y7?)|(?:fsk\s*)?\d{1,2}\+?|\d+\s+(?:seasons?|saisons?|staffeln?|temporadas?|episodes?|épisodes?|folgen|episodios)|s\d{1,2}(?:\s*:?\s*e\d{1,3})?|(?:limited |mini-?|tv |web |docu-?)?(?:series|movie|film|show|documentary|special|série|serie|película|miniseries)|new episodes?|hd|4k|uhd|cc|ad)$/i;

/**
 * Whether `text` is a line of facts about a title rather than its name: "2019 · 2h 10m · PG-13 ·
 * Drama", "Series · 3 Seasons", "S3 · New episode". Every piece between the separators is a fact
 * or a genre; "Dune · 2021" names Dune.
 */
export function isMetaLine(text: string): boolean {
  if (text.length > 80 || !/[·•|]/.test(text)) return false;
  const pieces = text.split(/\s*[·•|]\s*/).filter(Boolean);
  return pieces.length >= 2 && pieces.every((p) => META_PIECE.test(p) || isGenreName(p) || isGenericTitle(p) || SEASON_OR_EPISODE.test(p));
}

/**
 * Whether a piece of a title element is a badge beside the title rather than part of it:
 * a generic label that is a number, a duration or a view count, or is written in capitals
 * ("NEW", "4K", "12:34", "1.2M views"). "Next" in "<span>Next</span> Goal Wins" is not one.
 */
export function isBadgeText(text: string): boolean {
  return isGenericTitle(text) && (/\d/.test(text) || (/\p{L}/u.test(text) && text === text.toUpperCase()));
}

const TRAILER_WORDS =
  '(?:official\\s+)?(?:final\\s+|teaser\\s+|international\\s+|new\\s+|main\\s+|first\\s+|red\\s+band\\s+|hd\\s+)?' +
  '(?:trailer|teaser|clip|promo|featurette|sneak\\s+peek|first\\s+look)(?:\\s*#?\\s*\\d+)?' +
  '(?:\\s*[([]?(?:hd|4k|\\d{4})[)\\]]?)*';
const TRAILER_SUFFIX = new RegExp(`\\s*(?:[-–—|:]\\s*|\\s)[([]?${TRAILER_WORDS}[)\\]]?\\s*$`, 'i');
const LABEL_PREFIX =
  /^(?:watch|play|stream|resume|continue watching|watch now|view title page for|view details for|details for|more info(?:rmation)? (?:about|on|for)|go to)\s*[:\-–—]?\s+(?=\S)/i;
// Image alt texts and labels often wrap the title: "Poster for Heat", "Heat poster", "Cover of Dune".
const IMAGE_PREFIX =
  /^(?:(?:the\s+)?(?:movie\s+|film\s+|official\s+)?(?:poster|cover|cover art|thumbnail|artwork|key art|box ?art|image|picture)(?:\s+(?:for|of|from)\s*:?|\s*:)\s+)(?=\S)/i;
const IMAGE_SUFFIX =
  /\s*[-–—|:]?\s+(?:(?:movie|film|official|tv|series|show)\s+)?(?:poster|cover|cover art|thumbnail|artwork|key art|box ?art)(?:\s+image)?$/i;
const RANK_PREFIX = /^(?:#\s*)?\d{1,3}[.)]\s+(?=\S)/;
// Episode cards lead with the episode's code: "S2 E4 · The Return", "S4:E3 Pilot", "Episode 4: The
// Return", "E4 - The Return" (without the season, only before a separator: "Episode 50" is a film).
const EPISODE_PREFIX = /^(?:S\d{1,2}\s*[:.,]?\s*E\d{1,3}\s*(?:[-–—:·•|]\s*)?|(?:episode|ep\.?|e)\s*\d{1,3}\s*[-–—:·•|]\s*)(?=\S)/i;
// Labels written for screen readers end in an instruction ("Tron: Ares Select for details on this
// title.", "Dune, press to play"); the instruction is never part of the name. Without a separator
// before it only "… for details/info" is one ("Don't Tap to Answer" is a title). A full stop before
// it stays: it may end the name ("Monsters, Inc. Select for details on this title.").
// A remote's button may sit between ("Dune, Press OK to play"); the same tails in French, German and
// Spanish ("…, Voir les détails", "…, Mehr Infos").
const LABEL_INSTRUCTION =
  /(?:\s*[,;:–—-]\s*(?:(?:select|press|click|tap|double[- ]tap|activate)\s+(?:\w+\s+)?(?:for|to|here)\b|voir les détails|plus d'infos|en savoir plus|details anzeigen|mehr infos|ver detalles|más información)|\s+(?:select|press|click|tap|double[- ]tap|activate)\s+for\s+(?:more\s+)?(?:details|info(?:rmation)?)\b).*$/iu;
// …and often say which season and episode a card resumes: "The Bear Season 3 Episode 7", "The
// Boys - Season 4" (a season alone only after a separator: "Hunting Season 2" is a title).
const LABEL_SEASON =
  /(?:\s*[-–—:,|·]\s*(?:season|saison|staffel|temporada|stagione)\s+\d{1,2}(?![\p{L}\p{N}])|\s+(?:season|saison|staffel|temporada)\s+\d{1,2}\s*,?\s*(?:episode|épisode|folge|episodio)\s+\d{1,3}(?![\p{L}\p{N}])).*$/iu;
// …and the rating: "The Bear, Rated TV-MA", "Heat Rated R" (a rating's code must follow "Rated").
const LABEL_RATING = /(?:\s*[,;|·–—-]\s*|\s+)rated\s+(?:g|pg|pg-13|r|nc-17|nr|tv-(?:y7?|g|pg|14|ma)|u|12a?|15|18|\d{1,2}\+?)(?![\p{L}\p{N}-]).*$/iu;
const DECORATED =
  /[\d:|()[\]#–—·•-]|watch|play|stream|resume|continue|view|details|more info|go to|trailer|teaser|clip|promo|featurette|peek|look|poster|cover|thumbnail|art|image|picture|select|press|click|tap|activate|rated|season|saison|staffel|temporada|stagione|voir|infos|détails|detalles|información/i;
const YEAR_SUFFIX = /\s*\((1[89]\d\d|20\d\d)\)\s*$/;
// Labels often read "Arrival, 2016" (title, then year after a comma), and TV apps go on with more
// facts the same way ("Dune, 2021, 2 hours 35 minutes"): after a year between commas, no name.
const LABEL_YEAR_SUFFIX = /\s*,\s*(1[89]\d\d|20\d\d)\s*(?:,.*)?$/;

// A title made only of digits ("300", "1917", "2012", "24") is a title when it sits where titles
// sit (a heading, a title-classed element, an alt or aria-label); elsewhere it is a counter.
const DIGIT_TITLE = /^\d{1,4}$/;

export interface CleanedTitle {
  title: string;
  /** A year that was part of the raw text ("The Matrix (1999)"). */
  year: number | null;
}

/**
 * Clean a raw title. `fromLabel` marks text from aria-label/title attributes, where a
 * leading "Watch"/"Play" is an accessibility phrase rather than part of the name. `slot` marks
 * text from a title slot, where a number alone is a title.
 */
export function cleanCardTitle(raw: string | null | undefined, fromLabel = false, slot = false): CleanedTitle | null {
  const text = cleanTitle(raw);
  if (!text) return null;
  if (slot && DIGIT_TITLE.test(text)) return { title: text, year: null };
  if (isMetaLine(text)) return null;
  if (isGenericTitle(text)) {
    // "2012 (2009)": a number title with its year.
    const numbered = slot ? /^(\d{1,4})\s*\((1[89]\d\d|20\d\d)\)$/.exec(text) : null;
    return numbered ? { title: numbered[1]!, year: Number(numbered[2]) } : null;
  }
  // Most titles carry nothing to strip; skip the decoration passes for them.
  if (!DECORATED.test(text)) return { title: text, year: null };
  let title = text;
  let year: number | null = null;
  for (let i = 0; i < 3; i++) {
    const before = title;
    title = title.replace(RANK_PREFIX, '').replace(EPISODE_PREFIX, '');
    if (fromLabel) {
      title = title.replace(LABEL_INSTRUCTION, '').replace(LABEL_SEASON, '').replace(LABEL_RATING, '').replace(LABEL_TIME, '');
      title = title.replace(LABEL_PREFIX, '').replace(IMAGE_PREFIX, '').replace(IMAGE_SUFFIX, '');
    }
    title = title.replace(TRAILER_SUFFIX, '');
    const y = YEAR_SUFFIX.exec(title) ?? (fromLabel ? LABEL_YEAR_SUFFIX.exec(title) : null);
    if (y?.[1]) {
      year ??= Number(y[1]);
      title = title.slice(0, y.index);
    }
    title = title.replace(/[\s\-–—|:,]+$/, '').trim();
    if (title === before) break;
  }
  // Stripping must never turn a real title into nothing or into a generic word.
  if (slot && DIGIT_TITLE.test(title)) return { title, year };
  if (!title || isGenericTitle(title)) return { title: text, year };
  return { title, year };
}

/**
 * A label that says more than the card's name, around the name its picture or hidden text gives
 * ("Subtitles Available Badge Avatar: Fire and Ash Rated 12 …" around alt "Avatar: Fire and
 * Ash"): badges and ratings ride along in labels, so the plain name wins; the label's year stays.
 * Only where the label marks the name's ends (a separator, a badge word, the label's end): a
 * plain word beside it continues the title ("Batman Begins" around alt "Batman", "The Bear"
 * around "Bear").
 */
export function unwrapLabel(label: CleanedTitle | null, name: CleanedTitle | null): CleanedTitle | null {
  if (!label || !name || label.title.length <= name.title.length || !/\p{L}/u.test(name.title)) return label;
  const at = label.title.toLowerCase().indexOf(name.title.toLowerCase());
  if (at < 0) return label;
  const before = label.title.slice(0, at).trim();
  const rest = label.title.slice(at + name.title.length);
  const after = rest.trim();
  // "Inside Out 2" around alt "Inside Out", "Dune: Part Two" around "Dune": the label is the longer title.
  if (SEQUEL_TAIL.test(rest)) return label;
  if (before && !BADGE_BEFORE.test(before)) return label;
  if (after && !BADGE_AFTER.test(after) && !BADGE_END.test(after)) return label;
  return { title: name.title, year: label.year ?? name.year };
}

const SEQUEL_TAIL = /^\s*(?:[:–—-]|\d|(?:part|chapter|vol(?:ume)?|episode|[IVX]+)\b)/i;
// What may stand before a name in a label: a separator, or a badge ("… Available Badge", "New").
const BADGE_BEFORE = /(?:[,;:|–—·([-]|\b(?:badge|available|new|original|exclusive|featured|trending))$/i;
// A service's badge after the name ends in what it is: "Disney+ Original", "Prime Exclusive".
const BADGE_END = /\b(?:original|exclusive|premiere|badge|available)s?$/i;
// …and after it: a separator, or a badge, rating or year ("Rated 12", "Season 2", "4K", "2024").
const BADGE_AFTER =
  /^(?:[,;:|–—·([-]|(?:rated|rating|season|episode|subtitles?|audio|new|hd|uhd|4k|dolby|original|premiere|available|badge|exclusive|featured|trending)\b|(?:1[89]|20)\d\d\b)/i;
