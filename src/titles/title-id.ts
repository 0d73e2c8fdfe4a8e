/** A title's id in the store: the site and the site's own id of it. */
export function titleId(site: string, siteItemId: string): string {
  return `${site}:${siteItemId}`;
}
