/**
 * Light or dark, read from the page itself: the computed background colour of the nearest
 * opaque ancestor of an element (a tile), then `<body>`, then `<html>`, and only when the
 * page paints nothing opaque at all, the user's `prefers-color-scheme`. Read once per page
 * and again when the colour scheme changes, never per badge or per frame.
 */
export type Theme = 'light' | 'dark';

/** [r, g, b, a] with r/g/b in 0..255 and a in 0..1, or null for what we cannot parse. */
export function parseCssColor(value: string | null | undefined): [number, number, number, number] | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (v === 'transparent') return [0, 0, 0, 0];
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(v);
  if (m) {
    const alphaRaw = m[4];
    const a = alphaRaw === undefined ? 1 : alphaRaw.endsWith('%') ? parseFloat(alphaRaw) / 100 : parseFloat(alphaRaw);
    return [Number(m[1]), Number(m[2]), Number(m[3]), a];
  }
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [parseInt(full.slice(0, 2), 16), parseInt(full.slice(2, 4), 16), parseInt(full.slice(4, 6), 16), 1];
  }
  if (v === 'white') return [255, 255, 255, 1];
  if (v === 'black') return [0, 0, 0, 1];
  return null;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
}

const MAX_DEPTH = 40;

export function prefersDark(win: Window | null | undefined): boolean {
  try {
    return win?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  } catch {
    return false; // a window without matchMedia (a detached frame): assume the light default
  }
}

/** The look of the page around `from` (or of the page as a whole). */
export function detectTheme(doc: Document, from?: Element | null): Theme {
  const win = doc.defaultView;
  const candidates: Element[] = [];
  for (let el = from ?? null, i = 0; el && i < MAX_DEPTH; el = el.parentElement, i++) candidates.push(el);
  if (doc.body && !candidates.includes(doc.body)) candidates.push(doc.body);
  if (doc.documentElement && !candidates.includes(doc.documentElement)) candidates.push(doc.documentElement);
  for (const el of candidates) {
    let color: ReturnType<typeof parseCssColor> = null;
    try {
      color = parseCssColor(win?.getComputedStyle(el).backgroundColor);
    } catch {
      color = null; // a node from another realm or a detached one has no computed style: look further up
    }
    if (color && color[3] >= 0.5) return luminance(color) < 0.35 ? 'dark' : 'light';
  }
  return prefersDark(win) ? 'dark' : 'light';
}

/** Calls `cb` whenever the user's colour scheme flips; stops with `signal`. */
export function onColorSchemeChange(win: Window | null | undefined, cb: () => void, signal: AbortSignal): void {
  try {
    const mq = win?.matchMedia?.('(prefers-color-scheme: dark)');
    mq?.addEventListener?.('change', cb, { signal });
  } catch {
    // no matchMedia: nothing to follow
  }
}
