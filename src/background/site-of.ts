/** The site a sender belongs to, derived from the tab's URL, never from the message. */
export function siteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.host.toLowerCase().replace(/^www\./, '');
  } catch {
    return null; // not a URL: not a website, so no site
  }
}
