/**
 * Test helper (not used by adapters): load an HTML fixture as a Document whose base URL is
 * the page it stands for, so relative links resolve as they would on the real site.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function loadFixture(metaUrl: string, name: string, pageUrl: string): Document {
  const html = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, metaUrl)), 'utf8');
  return parseHtml(html, pageUrl);
}

export function parseHtml(html: string, pageUrl: string): Document {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(pageUrl);
  return new DOMParser().parseFromString(html, 'text/html');
}
