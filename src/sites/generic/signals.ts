/**
 * How title-like a card looks. Repeated image cards are everywhere (shop products, news
 * stories, people); the words and shapes around a card tell media apart: durations, years,
 * seasons, trailers, posters and media URLs count for it; prices, bylines, "min read" and
 * sentence-long headlines count against it. A neutral card is kept: unknown sites must not
 * lose tiles for lack of hints.
 */
import type { UrlId } from '../shared';
import type { CardScan } from './card';

const PRICE = /(?:[$€£¥₹]\s?\d|\d(?:[.,]\d{2})\s?(?:€|\$|£|usd|eur|gbp)\b)/i;
const SHOP = /\b(?:add to (?:cart|bag|basket)|buy now|in stock|out of stock|free shipping|free delivery|sold by)\b/i;
const READ_TIME = /\b\d+\s*min(?:ute)?s?\s+read\b/i;
const DURATION = /\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d\s?h(?:\s?\d{1,2}\s?m(?:in)?)?\b|\b\d{2,3}\s?min\b(?!\w*\s+read)/i;
const MEDIA_WORDS =
  /\b(?:trailer|teaser|season|seasons|episode|episodes|series|movie|film|documentary|S\d{1,2}\s*:?\s*E\d{1,3}|TV-(?:Y7?|G|PG|14|MA)|PG-13|imdb|rated|views?|watch|stream(?:ing)?|anime)\b/i;
const YEARISH = /(?<!\d)(?:19|20)\d\d(?!\d)/;
const MEDIA_IMAGE_HOSTS = /image\.tmdb\.org|media-amazon\.com|ytimg\.com|nflxso\.net|vimeocdn\.com|dmcdn\.net|poster|boxart|thumbnail/i;

// "By Maria Gonzalez" under a headline; not "Directed by ...", which is a film credit.
const BYLINE = /\bBy\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{Ll}'-]+)+/u;

export function cardScore(scan: CardScan, id: UrlId | null, cardText: string): number {
  let score = 0;
  const title = scan.title?.title ?? '';
  const words = title.split(/\s+/).length;
  if (PRICE.test(cardText) || SHOP.test(cardText)) score -= 3;
  if (READ_TIME.test(cardText)) score -= 2;
  if (BYLINE.test(cardText)) score -= 2;
  if (words >= 14) score -= 2;
  else if (words >= 10) score -= 1;
  if (title.length > 120) score -= 2;
  if (scan.imageShape === 'square') score -= 1;

  if (id && (id.kind || /^tt\d/.test(id.id))) score += 2;
  if (scan.imageShape === 'poster') score += 2;
  const src = scan.imageEl?.getAttribute('src') ?? scan.imageEl?.getAttribute('style') ?? '';
  if (MEDIA_IMAGE_HOSTS.test(src)) score += 1;
  if (DURATION.test(cardText)) score += 1;
  if (MEDIA_WORDS.test(cardText)) score += 1;
  if (scan.title?.year || YEARISH.test(cardText)) score += 1;
  return score;
}
