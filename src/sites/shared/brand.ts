/**
 * The names a site goes by. Streaming apps leave their own name where a title would be: a
 * document title that is only "Disney+" or "Max", a media session naming "Peacock", an og:title
 * of "Prime Video". The site's names come from the page (og:site_name, application-name,
 * apple-mobile-web-app-title) and from its host, whose label often adds a word to the brand
 * ("peacocktv", "tubitv", "disneyplus" for "Disney+").
 *
 * What names the page or the site — its document title, og:title, a player's label, its logo —
 * names no title when it is the site's name. What names an item does: a tile in a row with its
 * own link or id and picture, a JSON-LD Movie or TVSeries, a player slot over an episode line
 * (a series called "Peacock" on peacocktv.com, a film called "Crave" on crave.ca). So callers ask
 * isBrandName only of the former.
 */

/** A name compared as a brand: case and punctuation aside, "+" read as "plus" ("Disney+" → "disneyplus"). */
export function brandKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\+/g, 'plus')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// Host labels that say how a site is served, not what it is called.
const SERVING_LABELS = new Set(['www', 'www2', 'm', 'app', 'apps', 'play', 'watch', 'web', 'tv', 'beta', 'stream', 'video', 'player', 'desktop']);
// Second-level labels of country domains ("co.uk", "com.au"): the brand is the label before them.
const COUNTRY_SLD = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'ne', 'or']);
// Words a brand's host or its own name adds: "peacock" + "tv", "disney" + "plus", "max" + "go".
const BRAND_SUFFIXES = ['tv', 'plus', 'app', 'video', 'play', 'now', 'go', 'stream', 'hd', 'online'];
// A broadcaster's app is its name and a product word ("BBC iPlayer" on bbc.co.uk, "ITVX" on
// itv.com), and a service in several languages names its edition ("ARTE in English"): only after
// a brand of three letters or more, so a short word is not read as one.
const PRODUCT_SUFFIX =
  /^(?:iplayer|player|x|hub|mediathek|ondemand|(?:in|en|auf|på|em)(?:english|français|francais|deutsch|español|espanol|italiano|polski|svenska|português|portugues))$/u;

/** Brand keys of a host: "play.max.com" → max; "tv.apple.com" → apple, appletv; "app.plex.tv" → plex. */
export function hostBrandKeys(hostname: string): string[] {
  const labels = hostname.toLowerCase().split('.').filter(Boolean);
  if (labels.length < 2) return labels.map(brandKey).filter(Boolean);
  labels.pop(); // the top-level domain
  if (labels.length >= 2 && COUNTRY_SLD.has(labels[labels.length - 1] as string)) labels.pop();
  const main = labels.pop() as string;
  const sub = labels.pop();
  const keys = [main];
  // A serving label beside the brand may be part of it: tv.apple.com is "Apple TV".
  if (sub) keys.push(`${main}${sub}`, `${sub}${main}`);
  if (sub && !SERVING_LABELS.has(sub)) keys.push(sub);
  return keys.map(brandKey).filter(Boolean);
}

/** Brand keys of the page: its declared site names and its host's. */
export function siteBrandKeys(doc: Document | null, pageUrl: string | null): string[] {
  const keys: string[] = [];
  if (doc) {
    for (const sel of ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="apple-mobile-web-app-title"]']) {
      const content = doc.querySelector(sel)?.getAttribute('content');
      const key = content ? brandKey(content.slice(0, 200)) : '';
      if (key) keys.push(key);
    }
  }
  try {
    if (pageUrl) keys.push(...hostBrandKeys(new URL(pageUrl).hostname));
  } catch {
    // no page address: only the declared names
  }
  return keys;
}

/**
 * Whether `name` is one of the site's names ("Disney+" on disneyplus.com, "Peacock" on
 * peacocktv.com, "BBC iPlayer" on bbc.co.uk).
 */
export function isBrandName(name: string | null | undefined, brands: readonly string[]): boolean {
  if (!name) return false;
  const key = brandKey(name);
  if (key.length < 2) return false;
  for (const brand of brands) {
    if (key === brand) return true;
    for (const suffix of BRAND_SUFFIXES) if (brand === key + suffix || key === brand + suffix) return true;
    if (brand.length >= 3 && key.startsWith(brand) && PRODUCT_SUFFIX.test(key.slice(brand.length))) return true;
  }
  return false;
}
