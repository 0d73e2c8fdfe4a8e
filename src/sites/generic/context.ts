/**
 * Where on the page an element sits: inside navigation, the page banner or footer, an ad
 * slot, a cookie banner, a share bar or a carousel's copy of a slide, none of which hold
 * title tiles (or, for the copy, none that are not already counted). Answers are memoised
 * per call so the ancestor chain shared by thousands of cards is walked once.
 */
import { nearestRowHeading, parentAcrossShadow } from '../shared';
import { memoize } from './memo';

// Class/id words (split on -, _ and camelCase) that mark non-content regions.
const JUNK_WORDS = new Set([
  'ad',
  'ads',
  'advert',
  'adverts',
  'advertisement',
  'advertising',
  'adsbygoogle',
  'sponsor',
  'sponsored',
  'dfp',
  'gpt',
  'taboola',
  'outbrain',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'social',
  'share',
  'sharing',
  'navbar',
  'nav',
  'navigation',
  'menu',
  'breadcrumb',
  'breadcrumbs',
  'pagination',
  'pager',
  'footer',
  'masthead',
  'newsletter',
  'avatar',
  'logo',
  'comments',
  'comment',
  // Looping carousels copy their first and last slides ("slick-cloned", "swiper-slide-duplicate",
  // "glide__slide--clone"); the copies would count every title at the ends twice.
  'clone',
  'cloned',
  'duplicate',
]);
const LANDMARK_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'menu', 'menubar', 'toolbar', 'dialog', 'alertdialog', 'search']);
const SECTIONING = new Set(['ARTICLE', 'SECTION', 'ASIDE', 'MAIN', 'NAV']);

interface Place {
  excluded: boolean;
  sectioned: boolean;
}

/** Class/id words: split on spaces, -, _ and camelCase ("ChannelLink" → channel, link). */
export function classWords(value: string | null): string[] {
  if (!value) return [];
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/);
}

/** Whether the element itself marks a non-content region, given whether it sits in sectioning content. */
function selfExcluded(el: Element, sectioned: boolean): boolean {
  const tag = el.tagName;
  if (tag === 'NAV') return true;
  // A <header>/<footer> is the page banner/footer only outside sectioning content (HTML spec).
  if ((tag === 'HEADER' || tag === 'FOOTER') && !sectioned) return true;
  const role = el.getAttribute('role');
  if (role && LANDMARK_ROLES.has(role)) return true;
  if (el.hasAttribute('data-ad') || el.hasAttribute('data-ad-slot') || el.hasAttribute('data-google-query-id')) return true;
  return junkName(el.getAttribute('class')) || junkName(el.getAttribute('id'));
}

const isJunkName = memoize((value) => classWords(value).some((w) => JUNK_WORDS.has(w)), 5_000);

function junkName(value: string | null): boolean {
  return !!value && isJunkName(value);
}

// Words in a card's own class that say it stands for many titles or for a person
// ("item-ia collection-ia", "playlist-card", "channel-tile"), though it looks like a title card.
// Only short class lists name the component: CMSs list each post's taxonomy in long ones
// ("post-4121 post type-post … category-trailers tag-dune"), which says nothing of the card.
const MAX_COMPONENT_CLASSES = 3;
const NOT_TITLE_CARD_WORDS = new Set(['channel', 'channels', 'category', 'categories', 'genre', 'genres', 'person', 'people', 'profile', 'author']);
// Words for many titles: a card for one of those is not a title, but "collection-item" (a Webflow
// CMS item) and "playlist-item" are items in one, which are titles.
const CONTAINER_WORDS = new Set(['collection', 'collections', 'playlist', 'playlists']);
const ITEM_WORDS = new Set(['item', 'items', 'entry', 'video', 'videos', 'title', 'titles', 'episode', 'movie', 'film']);

function namesNonTitle(token: string): boolean {
  const words = classWords(token);
  return words.some((w, i) => NOT_TITLE_CARD_WORDS.has(w) || (CONTAINER_WORDS.has(w) && !words.slice(i + 1).some((n) => ITEM_WORDS.has(n))));
}

// What an app's entity-type attribute or type class calls a card that is no title
// (`data-card-entity-type="Subscription"`, `data-item-type="collection"`, `item-type-collection`),
// written without case, spaces, dashes or underscores.
const NOT_TITLE_TYPES = new Set([
  'collection',
  'playlist',
  'category',
  'genre',
  'channel',
  'livechannel',
  'station',
  'network',
  'brand',
  'person',
  'people',
  'subscription',
  'addon',
  'upsell',
  'promo',
  'promotion',
  'offer',
  'plan',
  'ad',
  'advertisement',
  'article',
  'product',
]);
// A data-* attribute saying what a card is: data-type, data-item-type, data-card-entity-type …
const TYPE_ATTR = /^data-(?:[a-z]+-)*(?:type|kind)$/;
// A class token saying the same ("item-type-collection", "type-playlist").
const TYPE_CLASS = /(?:^|[-_])type[-_]([a-z]+)$/i;

const typeKey = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, '');

function typedNonTitle(el: Element): boolean {
  // Names only: reading `attributes` makes an Attr node per attribute, on every card of every batch.
  for (const name of el.getAttributeNames()) {
    if ((name.endsWith('type') || name.endsWith('kind')) && TYPE_ATTR.test(name) && NOT_TITLE_TYPES.has(typeKey(el.getAttribute(name) ?? '')))
      return true;
  }
  return false;
}

const notTitleClass = memoize((cls) => {
  const tokens = cls.split(/\s+/).filter(Boolean);
  // A type token names the component whatever the length of the list.
  return (
    (tokens.length <= MAX_COMPONENT_CLASSES && tokens.some(namesNonTitle)) ||
    tokens.some((t) => NOT_TITLE_TYPES.has(TYPE_CLASS.exec(t)?.[1]?.toLowerCase() ?? ''))
  );
}, 5_000);

/**
 * Whether a card's own class says it is a collection, channel, category or person card, or its
 * type attribute (on the card or on a wrapper it fills alone, either way) says it is no title.
 */
export function isNotTitleCard(card: Element): boolean {
  const cls = card.getAttribute('class');
  if (cls && notTitleClass(cls)) return true;
  let down: Element | null = card;
  for (let d = 0; down && d < 3; d++, down = down.childElementCount === 1 ? down.firstElementChild : null) {
    if (down.hasAttributes() && typedNonTitle(down)) return true;
  }
  let up = card.parentElement;
  for (let d = 0; up && d < 2 && up.childElementCount === 1; d++, up = up.parentElement) {
    if (up.hasAttributes() && typedNonTitle(up)) return true;
  }
  return false;
}

export class PlaceMemo {
  private readonly memo = new Map<Element, Place>();

  private place(el: Element): Place {
    const known = this.memo.get(el);
    if (known) return known;
    // Iterative to stay safe on very deep trees: collect the unknown chain, then fill top-down.
    const chain: Element[] = [];
    let cur: Element | null = el;
    while (cur && !this.memo.has(cur)) {
      chain.push(cur);
      // Across shadow roots: a card in a web component inside a <nav> or a dialog is in it.
      cur = parentAcrossShadow(cur);
    }
    let parent: Place = cur ? this.memo.get(cur)! : { excluded: false, sectioned: false };
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i]!;
      const place: Place = {
        excluded: parent.excluded || selfExcluded(node, parent.sectioned),
        sectioned: parent.sectioned || SECTIONING.has(node.tagName),
      };
      this.memo.set(node, place);
      parent = place;
    }
    return parent;
  }

  /** Whether `el` or any ancestor is navigation, banner, footer, ad, share bar and the like. */
  excluded(el: Element): boolean {
    return this.place(el).excluded;
  }
}

// Rows of people, channels and categories look like rows of titles. The heading is the whole of
// it ("Cast & Crew", "Channels you follow"): "Studio Ghibli", "Brand New", "Crew Picks" or
// "Images of War" name rows of titles.
// Services outside English head them "Sender", "Kanäle", "Kanaler", "Chaînes", "Kategorier", "Rubriken".
const NOT_TITLE_ROW =
  /^(?:(?:(?:explore|discover|browse)(?:\s+(?:our|all|the))?|our|top|popular|featured|recommended|suggested|shop by|browse by|meet the|the|all|alle|alla|toutes les|tous les)\s+)?(?:cast(?:\s*(?:&|and)\s*crew)?|crew|actors?|actresses|directors?|stars|people|celebrities|celebs|creators?|hosts?|channels?|studios?|networks?|brands?|partners?|sponsors?|genres?|categories|category|moods?|collections?|profiles?|who'?s watching|photos?|gallery|galleries|screenshots?|stills|images|wallpapers|sender|kanäle|kanaler|chaînes|kategorien|kategorier|catégories|rubriken|genrer)(?:\s+(?:you follow|to follow|for you|we love|and more))?\s*[:.!?…]?$/iu;

// Lightbox galleries name their images, not titles: the word alone, with a number, or "of"/"from"
// a title ("Screenshot 3", "Open photo 2 of 8", "Still from Dune") — not "Still Alice", "Photo Finish".
const GALLERY_TITLE =
  /^(?:(?:open|view|show|enlarge|zoom)\s+)?(?:screenshot|still|photo|image|picture|slide|gallery|wallpaper|behind the scenes)(?:\s*#?\d+(?:\s*(?:of|\/)\s*\d+)?|\s+(?:from|of)\s.*)?$/i;

/** Whether a card's name is an image's in a gallery rather than a title's. */
export function isGalleryName(title: string): boolean {
  return GALLERY_TITLE.test(title);
}

/** Whether a row heading names people, profiles, channels or categories rather than titles. */
export function isNotTitleRow(heading: string | null): boolean {
  return !!heading && NOT_TITLE_ROW.test(heading);
}

/**
 * Whether a card sits in a row headed as people, profiles, photos or categories ("Cast & Crew",
 * "Who's watching?", "Photos"). Asked once per row (the card's parent), for cards that are
 * buttons, not links: a link says where it goes, a button does not.
 */
export class RowMemo {
  private readonly memo = new Map<ParentNode, boolean>();

  notTitleRow(card: Element): boolean {
    const parent = card.parentNode;
    if (!parent) return false;
    let verdict = this.memo.get(parent);
    if (verdict === undefined) {
      verdict = isNotTitleRow(nearestRowHeading(card));
      this.memo.set(parent, verdict);
    }
    return verdict;
  }
}
