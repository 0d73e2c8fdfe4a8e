/**
 * Every manifest variant asks for exactly what the README's permission table says, and no
 * more: a new permission or host must be added here and in the README on purpose.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildManifest, ICON_SIZES } from '../scripts/manifest';

const README = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');

/** The documented lists (README, "Permissions"). */
const EXPECTED = {
  chrome: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'activeTab', 'offscreen'],
  firefox: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'activeTab'],
};
const SERVICES = ['*://*.youtube.com/*', '*://*.netflix.com/*'];
const DEMO = ['http://localhost/*', 'http://127.0.0.1/*'];

describe.each(['chrome', 'firefox'] as const)('the %s manifest', (browser) => {
  it.each([false, true])('with demo hosts %s asks for exactly the documented permissions and hosts', (demoHosts) => {
    const m = buildManifest(browser, { demoHosts });
    expect(m.permissions).toEqual(EXPECTED[browser]);
    expect(m.host_permissions).toEqual(demoHosts ? [...DEMO, ...SERVICES] : SERVICES);
    expect(m.optional_host_permissions).toEqual(['*://*/*']);
    expect(m.permissions).not.toContain('tabs'); // "Read your browsing history" in Chrome's prompt
  });

  it('store build: no localhost, no 127.0.0.1 anywhere', () => {
    const text = JSON.stringify(buildManifest(browser, { demoHosts: false }));
    expect(text).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('panel.html is web-accessible only at an address a page cannot guess', () => {
    const war = buildManifest(browser, { demoHosts: false }).web_accessible_resources;
    expect(war).toHaveLength(1);
    expect(war[0]!.resources).toEqual(['panel.html']);
    // Chrome: a fresh URL per session. Firefox: the moz-extension UUID is random per install.
    if (browser === 'chrome') expect(war[0]).toMatchObject({ use_dynamic_url: true });
    else expect(buildManifest(browser, { demoHosts: false }).browser_specific_settings?.gecko.id).toBe('tasteful@tasteful.invalid');
  });

  it('has every icon size, as files that exist, and toolbar icons for light and dark themes', () => {
    const m = buildManifest(browser, { demoHosts: false });
    expect(Object.keys(m.icons).map(Number)).toEqual([...ICON_SIZES]);
    expect(m.action.default_icon).toEqual(m.icons);
    const files = [...Object.values(m.icons), ...('theme_icons' in m.action ? (m.action.theme_icons ?? []).flatMap((t) => [t.light, t.dark]) : [])];
    for (const f of files) {
      const png = readFileSync(resolve(import.meta.dirname, '../public', f));
      expect(png.subarray(1, 4).toString(), f).toBe('PNG');
      const size = Number(/-(\d+)\.png$/.exec(f)![1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], f).toEqual([size, size]); // IHDR width, height
    }
    if (browser === 'firefox') expect('theme_icons' in m.action && m.action.theme_icons).toHaveLength(ICON_SIZES.length);
  });
});

describe('the README permission table', () => {
  it('names every permission and host of every build', () => {
    const table = README.slice(README.indexOf('## Permissions'));
    for (const p of [...EXPECTED.chrome, ...SERVICES, ...DEMO, '*://*/*']) expect(table, p).toContain(`\`${p}\``);
  });
});
