/**
 * The manifest, as one pure function of the target browser and whether the build carries
 * the demo site's hosts. wxt.config.ts calls it; test/manifest.test.ts holds every variant
 * to the permission list the README documents.
 *
 * Privacy rules that the manifest can enforce are enforced here:
 * - connect-src and img-src allow only our own files: an extension page cannot fetch or show a
 *   remote resource, so the panel draws posters locally instead of loading the site's images.
 * - CSP forbids remote code; 'wasm-unsafe-eval' is needed by onnxruntime-web and WXT only
 *   adds it in dev mode, so a store build without this line could not run the model.
 * - No `tabs` permission (Chrome words it "Read your browsing history"): the popup learns its
 *   tab's address through `activeTab` (granted when the user clicks the toolbar button), and
 *   the background only looks at tabs of sites whose host permission it already holds.
 * - Host permissions are only the named services; every other site is an optional permission
 *   the user grants from the popup. The demo site's hosts (localhost, 127.0.0.1) are in
 *   development and test builds only (`TASTEFUL_DEMO_HOSTS=1`), never in a store build.
 * - panel.html is web-accessible (it is the in-page iframe), but only at an address a page
 *   cannot guess: Chrome's `use_dynamic_url`, Firefox's per-install UUID.
 */
import { DEMO_SITE_PATTERNS, SERVICE_SITE_PATTERNS } from '../src/platform/site-patterns';

export type TargetBrowser = 'chrome' | 'firefox';

export const EXTENSION_CSP =
  "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; base-uri 'none'; form-action 'none'";

export const GECKO_ID = 'tasteful@tasteful.invalid';

/** The environment variable that puts the demo site's hosts into a build. */
export const DEMO_HOSTS_ENV = 'TASTEFUL_DEMO_HOSTS';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

const sized = (prefix: string) => Object.fromEntries(ICON_SIZES.map((s) => [String(s), `icons/${prefix}-${s}.png`]));

export function permissionsFor(browser: TargetBrowser): string[] {
  return ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'activeTab', ...(browser === 'firefox' ? [] : ['offscreen'])];
}

export function hostPermissionsFor(opts: { demoHosts: boolean }): string[] {
  return [...(opts.demoHosts ? DEMO_SITE_PATTERNS : []), ...SERVICE_SITE_PATTERNS];
}

export function buildManifest(browser: TargetBrowser, opts: { demoHosts: boolean }) {
  return {
    name: 'Tasteful',
    description: 'Private “Picked for you” recommendations computed on your own machine. Nothing you watch ever leaves your browser.',
    permissions: permissionsFor(browser),
    host_permissions: hostPermissionsFor(opts),
    optional_host_permissions: ['*://*/*'],
    content_security_policy: { extension_pages: EXTENSION_CSP },
    icons: sized('icon'),
    web_accessible_resources: [
      {
        // The in-page panel is an extension-origin iframe so page scripts cannot read it.
        resources: ['panel.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    action: {
      default_title: 'Tasteful',
      default_icon: sized('icon'),
      // Firefox draws the toolbar button from these by theme: `light` on dark toolbars.
      ...(browser === 'firefox'
        ? { theme_icons: ICON_SIZES.map((size) => ({ light: `icons/toolbar-light-${size}.png`, dark: `icons/toolbar-dark-${size}.png`, size })) }
        : {}),
    },
    incognito: 'spanning',
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  };
}
