/**
 * Test helper (not used by adapters): load an HTML fixture as a Document whose base URL is
 * the page it stands for, so relative links resolve as they would on the real site.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function loadFixture(metaUrl: string, name: string, pageUrl: string): Document {
  // .href: under happy-dom the global URL is not Node's, and fileURLToPath wants a string then.
  const html = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, metaUrl).href), 'utf8');
  return parseHtml(html, pageUrl);
}

export function parseHtml(html: string, pageUrl: string): Document {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(pageUrl);
  // Stylesheet links are irrelevant to adapters, and happy-dom reports each one it cannot load.
  const withoutCss = html.replace(/<link\b[^>]*rel=["']?stylesheet[^>]*>/gi, '');
  return new DOMParser().parseFromString(withoutCss, 'text/html');
}
