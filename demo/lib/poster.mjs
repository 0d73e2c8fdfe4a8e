/**
 * Deterministic SVG posters: colours and shapes come from a hash of the id, the title is
 * drawn as text. All text is XML-escaped; the SVG carries no script, links or external refs.
 */
import { escapeXml } from './html.mjs';
import { hash } from '../catalog.mjs';

const W = 200;
const H = 300;

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

/** Break a title into at most `maxLines` lines of about `width` characters. */
export function wrapTitle(title, width = 14, maxLines = 5) {
  const chars = Array.from(title.replace(/\s+/g, ' ').trim());
  const words = chars.join('').split(' ');
  const lines = [];
  let line = '';
  for (let word of words) {
    while (Array.from(word).length > width) {
      // Hard-break very long words.
      if (line) {
        lines.push(line);
        line = '';
      }
      const w = Array.from(word);
      lines.push(w.slice(0, width).join(''));
      word = w.slice(width).join('');
    }
    const next = line ? `${line} ${word}` : word;
    if (Array.from(next).length > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] =
      Array.from(kept[maxLines - 1])
        .slice(0, width - 1)
        .join('') + '…';
    return kept;
  }
  return lines;
}

/** @param {{id: string, title: string, year?: number|null, kind?: string}} entry */
export function posterSvg(entry) {
  const seed = hash(entry.id);
  const rand = rng(seed);
  const hue1 = Math.floor(rand() * 360);
  const hue2 = (hue1 + 40 + Math.floor(rand() * 140)) % 360;
  const dark = `hsl(${hue1} 55% 18%)`;
  const mid = `hsl(${hue2} 60% 38%)`;
  const accent = `hsl(${(hue1 + 180) % 360} 80% 62%)`;
  const style = seed % 4;
  const shapes = [];
  if (style === 0) {
    for (let i = 0; i < 5; i++) {
      const r = 20 + rand() * 70;
      shapes.push(
        `<circle cx="${(rand() * W).toFixed(1)}" cy="${(rand() * H * 0.7).toFixed(1)}" r="${r.toFixed(1)}" fill="${accent}" fill-opacity="${(0.12 + rand() * 0.3).toFixed(2)}"/>`,
      );
    }
  } else if (style === 1) {
    for (let i = 0; i < 7; i++) {
      const y = (i * H) / 7 + rand() * 10;
      shapes.push(
        `<rect x="-20" y="${y.toFixed(1)}" width="${W + 40}" height="${(6 + rand() * 18).toFixed(1)}" fill="${accent}" fill-opacity="${(0.1 + rand() * 0.25).toFixed(2)}" transform="rotate(${(-20 + rand() * 40).toFixed(1)} ${W / 2} ${y.toFixed(1)})"/>`,
      );
    }
  } else if (style === 2) {
    for (let i = 0; i < 4; i++) {
      const x = rand() * W;
      const y = rand() * H * 0.6;
      const s = 30 + rand() * 80;
      shapes.push(
        `<polygon points="${x.toFixed(1)},${y.toFixed(1)} ${(x + s).toFixed(1)},${(y + s * 1.4).toFixed(1)} ${(x - s).toFixed(1)},${(y + s * 1.4).toFixed(1)}" fill="${accent}" fill-opacity="${(0.15 + rand() * 0.3).toFixed(2)}"/>`,
      );
    }
  } else {
    const cx = W / 2 + (rand() - 0.5) * 60;
    const cy = H * 0.35 + (rand() - 0.5) * 60;
    for (let i = 6; i > 0; i--) {
      shapes.push(
        `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${i * 16}" fill="none" stroke="${accent}" stroke-width="${(2 + rand() * 6).toFixed(1)}" stroke-opacity="${(0.15 + rand() * 0.35).toFixed(2)}"/>`,
      );
    }
  }

  const lines = wrapTitle(entry.title ?? '', 14, 5);
  const fontSize = lines.length > 3 ? 19 : 23;
  const lineH = fontSize * 1.15;
  const top = H - 58 - lineH * (lines.length - 1);
  const text = lines.map((l, i) => `<tspan x="14" y="${(top + i * lineH).toFixed(1)}">${escapeXml(l)}</tspan>`).join('');
  const year = Number.isInteger(entry.year) ? String(entry.year) : '';
  const kindBadge =
    entry.kind === 'series'
      ? `<rect x="12" y="12" width="62" height="20" rx="4" fill="${accent}"/><text x="43" y="26" text-anchor="middle" font-family="system-ui, sans-serif" font-size="11" font-weight="700" fill="#111">SERIES</text>`
      : '';
  const gid = `g${seed.toString(36)}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(entry.title ?? '')}">
<title>${escapeXml(entry.title ?? '')}</title>
<defs><linearGradient id="${gid}" x1="0" y1="0" x2="0.4" y2="1"><stop offset="0" stop-color="${mid}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#${gid})"/>
${shapes.join('\n')}
<rect y="${(top - fontSize - 14).toFixed(1)}" width="${W}" height="${(H - top + fontSize + 14).toFixed(1)}" fill="#000" fill-opacity="0.45"/>
${kindBadge}
<text font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${fontSize}" font-weight="700" fill="#fff">${text}</text>
<text x="14" y="${H - 22}" font-family="system-ui, sans-serif" font-size="13" fill="#ddd">${escapeXml(year)}</text>
</svg>
`;
}
