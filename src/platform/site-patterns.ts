/**
 * Sites Tasteful may read without asking: the named services, and in development and test
 * builds the local demo site (see scripts/manifest.ts). Everything else is added by the user
 * through an optional host permission, and a site is enabled exactly when the permission is
 * held (see `content-registration.ts`).
 */
export const SERVICE_SITE_PATTERNS = ['*://*.youtube.com/*', '*://*.netflix.com/*'] as const;

/** The demo site's hosts: in the manifest of development and test builds only. */
export const DEMO_SITE_PATTERNS = ['http://localhost/*', 'http://127.0.0.1/*'] as const;

export const DEFAULT_SITE_PATTERNS = [...DEMO_SITE_PATTERNS, ...SERVICE_SITE_PATTERNS] as const;

/** The origin pattern `permissions.contains` is asked about for a page (its scheme and host). */
export function permissionCheckOrigin(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}
