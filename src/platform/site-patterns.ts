/**
 * Sites Tasteful may read without asking: the local demo site and the named services.
 * Everything else is added by the user through an optional host permission, and a site is
 * enabled exactly when the permission is held (see `content-registration.ts`).
 */
export const DEFAULT_SITE_PATTERNS = [
  'http://localhost/*',
  'http://127.0.0.1/*',
  '*://*.youtube.com/*',
  '*://*.netflix.com/*',
] as const;

/** The origin pattern `permissions.contains` is asked about for a page (its scheme and host). */
export function permissionCheckOrigin(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}
