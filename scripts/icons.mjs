// Draws the extension's PNG icons from the SVGs in assets/icon/ (no downloads: resvg from
// npm). The PNGs are committed under public/icons/, so a build needs nothing but this repo;
// run `node scripts/icons.mjs` after changing an SVG.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'public/icons');
/** Chrome Web Store and AMO ask for 16, 32, 48 and 128; Firefox's toolbar also uses 96 on HiDPI. */
export const ICON_SIZES = [16, 32, 48, 96, 128];
/** Toolbar glyph colours: `dark` is drawn for light toolbars, `light` for dark ones. */
const TOOLBAR = { dark: '#1c1b22', light: '#fbfbfe' };

function png(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

mkdirSync(out, { recursive: true });
const full = readFileSync(join(root, 'assets/icon/tasteful.svg'), 'utf8');
const glyph = readFileSync(join(root, 'assets/icon/tasteful-toolbar.svg'), 'utf8');
for (const size of ICON_SIZES) {
  writeFileSync(join(out, `icon-${size}.png`), png(full, size));
  for (const [name, colour] of Object.entries(TOOLBAR)) {
    writeFileSync(join(out, `toolbar-${name}-${size}.png`), png(glyph.replaceAll('CURRENT', colour), size));
  }
}
console.log(`[tasteful] icons written to ${out}`);
