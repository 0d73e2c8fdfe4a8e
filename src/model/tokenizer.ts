/**
 * The featuriser: item text → hashed token ids + mask, exactly as training/tokenizer.py
 * computes them (proved by src/model/tokenizer.test.ts against Python-made vectors).
 * The spec lives in models/tokenizer.json; every constant here is checked against it.
 *
 * Algorithm (v1):
 *  1. Keep the first `maxInputCodePoints` code points of the input.
 *  2. CR/CRLF → LF, NFKD, lower-case, NFKD again, drop combining marks (Mn), drop apostrophes
 *     (' ’ ʼ), replace "&" with " and ".
 *  3. Split into lines. Line 0 is the title. Other lines "name: value" are fields
 *     (year, genres, kind, aka, about); any other line counts as "about" text.
 *  4. Words are maximal runs of letters/numbers (Unicode L* and N*).
 *  5. Tokens, in priority order, each deduplicated (first wins):
 *     ty:<title>|<year>, t:<title>, t:<aka>..., y:<year>, d:<decade>, g:<genre>...,
 *     k:<kind>, w:<word>..., b:<word word>..., c:<char trigram of "<word>">..., a:<word>...
 *  6. id = 1 + fnv1a32(utf8(token)) mod (buckets − 1); id 0 is padding.
 *  7. At most `maxTokens` tokens.
 */

export interface TokenizerSpec {
  version: string;
  buckets: number;
  maxTokens: number;
  maxInputCodePoints: number;
  maxTitleWords: number;
  maxAboutWords: number;
  hash: { name: 'fnv1a32'; offsetBasis: number; prime: number; encoding: 'utf-8' };
}

/** Defaults matching models/tokenizer.json for the shipped model. */
export const DEFAULT_SPEC: TokenizerSpec = {
  version: 'tasteful-tok-1',
  buckets: 65536,
  maxTokens: 64,
  maxInputCodePoints: 2048,
  maxTitleWords: 24,
  maxAboutWords: 48,
  hash: { name: 'fnv1a32', offsetBasis: 2166136261, prime: 16777619, encoding: 'utf-8' },
};

/**
 * FNV-1a over the UTF-8 bytes of `s`, encoding inline (no TextEncoder allocation per
 * token: hashing is the tokenizer's hot loop). Lone surrogates hash as U+FFFD, exactly
 * as TextEncoder would encode them.
 */
export function fnv1a32(s: string, offsetBasis = 2166136261, prime = 16777619): number {
  // Kept as int32 between steps (Math.imul and ^ work on the low 32 bits either way); one
  // unsigned conversion at the end. Written out byte by byte: no closure in the hot loop.
  let h = offsetBasis | 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, prime);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), prime);
      h = Math.imul(h ^ (0x80 | (c & 63)), prime);
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), prime);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 63)), prime);
      h = Math.imul(h ^ (0x80 | (c & 63)), prime);
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), prime);
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 63)), prime);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 63)), prime);
      h = Math.imul(h ^ (0x80 | (c & 63)), prime);
    }
  }
  return h >>> 0;
}

const ASCII = /^[\x00-\x7f]*$/;

export function normalizeText(s: string, maxCodePoints: number): string {
  let cut = s;
  // Count code points, not UTF-16 units, so Python (which slices code points) agrees.
  let n = 0;
  for (let i = 0; i < s.length; n++) {
    if (n === maxCodePoints) {
      cut = s.slice(0, i);
      break;
    }
    const c = s.codePointAt(i) ?? 0;
    i += c > 0xffff ? 2 : 1;
  }
  // ASCII is already NFKD with no combining marks: skip the Unicode passes (hot path).
  if (ASCII.test(cut)) return cut.replace(/\r\n?/g, '\n').toLowerCase().replace(/'/g, '').replace(/&/g, ' and ');
  return cut
    .replace(/\r\n?/gu, '\n')
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .replace(/['’ʼ]/gu, '')
    .replace(/&/gu, ' and ');
}

const WORD = /[\p{L}\p{N}]+/gu;
function words(s: string, max: number): string[] {
  const out = s.match(WORD) ?? [];
  return out.length > max ? out.slice(0, max) : out;
}

// Explicit [ \t] and [^]: \s and . differ between JS and Python regex engines.
// biome-ignore lint/correctness/noEmptyCharacterClassInRegex: [^] is 'any character', spelled so that JS and Python agree
const FIELD = /^[ \t]*(year|genres|kind|aka|about)[ \t]*:([^]*)$/u;

/** The ordered, deduplicated token strings of a text (before hashing). */
export function tokenStrings(text: string, spec: TokenizerSpec = DEFAULT_SPEC): string[] {
  const lines = normalizeText(text, spec.maxInputCodePoints).split('\n');
  const titleWords = words(lines[0] ?? '', spec.maxTitleWords);
  let year: string | null = null;
  const genres: string[] = [];
  const kinds: string[] = [];
  const akas: string[] = [];
  const about: string[] = [];
  for (const line of lines.slice(1)) {
    const m = FIELD.exec(line);
    const name = m?.[1];
    const value = m?.[2] ?? line;
    if (name === 'year') {
      const y = /^[ \t]*([0-9]{4})[ \t]*$/u.exec(value);
      if (y?.[1] !== undefined && year === null) year = y[1];
    } else if (name === 'genres' || name === 'aka') {
      for (const part of value.split('|')) {
        const w = words(part, spec.maxTitleWords).join(' ');
        if (w) (name === 'genres' ? genres : akas).push(w);
      }
    } else if (name === 'kind') {
      const w = words(value, spec.maxTitleWords).join(' ');
      if (w) kinds.push(w);
    } else {
      about.push(...words(value, spec.maxAboutWords));
    }
  }

  const seen = new Set<string>();
  const out: string[] = [];
  const add = (t: string): void => {
    if (out.length < spec.maxTokens && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  const title = titleWords.join(' ');
  if (title && year !== null) add(`ty:${title}|${year}`);
  if (title) add(`t:${title}`);
  for (const a of akas) add(`t:${a}`);
  if (year !== null) {
    add(`y:${year}`);
    add(`d:${year.slice(0, 3)}`);
  }
  for (const g of genres) add(`g:${g}`);
  for (const k of kinds) add(`k:${k}`);
  for (const w of titleWords) add(`w:${w}`);
  for (let i = 0; i + 1 < titleWords.length; i++) add(`b:${titleWords[i]} ${titleWords[i + 1]}`);
  for (const w of titleWords) {
    const marked = `<${w}>`;
    if (ASCII.test(marked)) {
      // One code point per UTF-16 unit: slice directly (the common case, and the hot one).
      for (let i = 0; i + 3 <= marked.length; i++) add(`c:${marked.slice(i, i + 3)}`);
    } else {
      const cps = Array.from(marked);
      for (let i = 0; i + 3 <= cps.length; i++) add(`c:${cps[i]}${cps[i + 1]}${cps[i + 2]}`);
    }
  }
  for (const w of about.slice(0, spec.maxAboutWords)) add(`a:${w}`);
  return out;
}

export function tokenId(token: string, spec: TokenizerSpec = DEFAULT_SPEC): number {
  return 1 + (fnv1a32(token, spec.hash.offsetBasis, spec.hash.prime) % (spec.buckets - 1));
}

/** Token ids of one text (unpadded). */
export function tokenize(text: string, spec: TokenizerSpec = DEFAULT_SPEC): number[] {
  return tokenStrings(text, spec).map((t) => tokenId(t, spec));
}

export interface Batch {
  ids: Int32Array;
  mask: Float32Array;
  batch: number;
  width: number;
}

/**
 * Pad a batch to its longest row (at least 1 column, so an empty text is still a valid
 * input). The model pools with the mask, so padding width never changes a result.
 */
export function encodeBatch(texts: readonly string[], spec: TokenizerSpec = DEFAULT_SPEC): Batch {
  const rows = texts.map((t) => tokenize(t, spec));
  const width = Math.max(1, ...rows.map((r) => r.length));
  const ids = new Int32Array(rows.length * width);
  const mask = new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    ids.set(r, i * width);
    mask.fill(1, i * width, i * width + r.length);
  });
  return { ids, mask, batch: rows.length, width };
}
