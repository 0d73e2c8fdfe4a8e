/** The scenario driver over playwright-core and the Chromium harness. */
import type { Page } from 'playwright-core';
import { contentScriptReady, launchWithExtension } from '../harness';
import type { DriverPage, ExtensionDriver, LaunchOptions } from './driver';

function wrap(page: Page): DriverPage {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (sel) => page.click(sel),
    fill: (sel, text) => page.fill(sel, text),
    setInputFile: (sel, path) => page.setInputFiles(sel, path),
    waitFor: async (sel, timeout = 20_000) => {
      await page.waitForSelector(sel, { timeout });
    },
    close: () => page.close(),
  };
}

export async function launchChromium(opts: LaunchOptions = {}): Promise<ExtensionDriver> {
  const proxy = opts.proxyPort ? [`--proxy-server=http://127.0.0.1:${opts.proxyPort}`, '--proxy-bypass-list=<-loopback>'] : [];
  const s = await launchWithExtension({ extraArgs: proxy });
  await contentScriptReady(s);
  return {
    browserName: 'chromium',
    newPage: async () => wrap(await s.context.newPage()),
    extensionPage: async (path) => {
      const page = await s.context.newPage();
      await page.goto(s.extensionUrl(path));
      return wrap(page);
    },
    // An unpacked or store install has a fixed id: this is what a fingerprinting page tries.
    guessablePanelUrl: () => s.extensionUrl('panel.html'),
    close: () => s.close(),
  };
}
