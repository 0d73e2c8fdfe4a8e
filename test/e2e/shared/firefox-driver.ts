/**
 * The scenario driver over puppeteer-core and Debian's firefox-esr (WebDriver BiDi). The
 * built extension (.output/firefox-mv3) is installed as a temporary add-on; its background
 * page is Firefox's engine host (src/platform/engine-host-firefox.ts), which starts the
 * engine worker directly.
 *
 * Extension pages: the UUID of moz-extension:// is random per install (that is what keeps
 * panel.html unguessable for pages); here a preference fixes it so the test can open them.
 * Opening one needs system access for the remote agent, and the navigation's load wait
 * never resolves there, so the page is opened without waiting and polled until rendered.
 */
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { GECKO_ID } from '../../../scripts/manifest';
import { poll, type DriverPage, type ExtensionDriver, type LaunchOptions } from './driver';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/firefox-mv3');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Fixed for tests only; a real install gets a random one. */
export const TEST_UUID = '3f1c6a7e-2b8d-4c51-9a0e-7d5b2e4f8a10';
const BASE = `moz-extension://${TEST_UUID}/`;

function proxyPrefs(port: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.no_proxies_on': '',
    // Firefox never proxies loopback unless told to: the demo site must pass the proxy too.
    'network.proxy.allow_hijacking_localhost': true,
  };
}

function wrap(page: Page): DriverPage {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (sel) => page.click(sel),
    fill: async (sel, text) => {
      await page.$eval(sel, (el) => ((el as HTMLInputElement).value = ''));
      await page.type(sel, text);
    },
    setInputFile: async (sel, path) => {
      const input = (await page.waitForSelector(sel)) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(path);
    },
    waitFor: async (sel, timeout = 20_000) => {
      await page.waitForSelector(sel, { timeout });
    },
    close: () => page.close(),
  };
}

async function openExtensionPage(browser: Browser, path: string): Promise<DriverPage> {
  const page = await browser.newPage();
  // The load wait of a moz-extension:// navigation never resolves over BiDi; the page itself
  // is polled below, so the pending wait is dropped (it rejects when the page closes).
  page.goto(BASE + path.replace(/^\//, '')).catch(() => undefined);
  await poll(`${path} to load`, () => page.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete'));
  return wrap(page);
}

export async function launchFirefox(opts: LaunchOptions = {}): Promise<ExtensionDriver> {
  if (!existsSync(`${FIREFOX_EXTENSION_DIR}/manifest.json`)) {
    throw new Error(`no build at ${FIREFOX_EXTENSION_DIR}: run "TASTEFUL_DEMO_HOSTS=1 npx wxt build -b firefox --mv3" first`);
  }
  // TASTEFUL_FIREFOX_DEBUG=1: Firefox's output, and every console (content scripts, the
  // background page, the engine worker) on this process's stderr.
  const debug = process.env.TASTEFUL_FIREFOX_DEBUG === '1';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    dumpio: debug,
    // Chromium's harness size: badges are drawn only for tiles near the viewport.
    defaultViewport: { width: 1280, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: TEST_UUID }),
      'remote.system-access-check.enabled': false,
      // The demo player starts on its own, as Chromium's --autoplay-policy allows there.
      'media.autoplay.default': 0,
      'media.autoplay.blocking_policy': 0,
      ...(opts.proxyPort ? proxyPrefs(opts.proxyPort) : {}),
      ...(debug ? { 'devtools.console.stdout.content': true, 'devtools.console.stdout.chrome': true } : {}),
    },
  });
  try {
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
    // The background registers the content script for the granted origins on start.
    const probe = await openExtensionPage(browser, 'popup.html');
    await poll('the content script registration', () =>
      probe.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } } }).chrome;
        return (await c.scripting.getRegisteredContentScripts()).some((x) => x.matches?.includes('http://127.0.0.1/*'));
      }, undefined),
    );
    await probe.close();
  } catch (err) {
    await browser.close();
    throw err;
  }
  return {
    browserName: 'firefox',
    newPage: async () => wrap(await browser.newPage()),
    extensionPage: (path) => openExtensionPage(browser, path),
    guessablePanelUrl: () => null,
    close: () => browser.close(),
  };
}
