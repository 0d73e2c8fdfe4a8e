import { browser } from 'wxt/browser';
import type { EngineApi, EngineCall, EngineMethod } from '../engine/api';
import type { EngineHost } from './engine-host';

const OFFSCREEN_PATH = '/offscreen.html';

let creating: Promise<void> | null = null;

async function offscreenExists(): Promise<boolean> {
  const contexts = await (browser.runtime as unknown as RuntimeWithContexts).getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [browser.runtime.getURL(OFFSCREEN_PATH)],
  });
  return contexts.length > 0;
}

async function ensureOffscreen(): Promise<void> {
  const offscreen = (browser as unknown as { offscreen: ChromeOffscreen }).offscreen;
  // A document still being created is listed by getContexts already: wait for it.
  if (creating) return creating;
  if (await offscreenExists()) return;
  creating ??= offscreen
    .createDocument({ url: OFFSCREEN_PATH, reasons: ['WORKERS'], justification: 'Runs the on-device recommendation model in a web worker.' })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/**
 * `createDocument` can resolve (and `getContexts` can list the document) before the offscreen
 * script has registered its listener, so "no receiver" right after a (re)start means "not
 * ready yet", not "broken": ask again for a few seconds before giving up.
 */
const READY_TIMEOUT_MS = 5_000;

function isNotReady(err: unknown): boolean {
  return /receiving end does not exist|could not establish connection/i.test(err instanceof Error ? err.message : String(err));
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(method: EngineMethod, args: unknown[]): Promise<unknown> {
  const message: EngineCall = { target: 'tasteful-engine', method, args };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (let delay = 25; ; delay = Math.min(delay * 2, 400)) {
    await ensureOffscreen();
    let reply: { ok: boolean; value?: unknown; error?: string } | undefined;
    let notReady: unknown = new Error('engine did not answer');
    try {
      reply = (await browser.runtime.sendMessage(message)) as typeof reply;
    } catch (err) {
      if (!isNotReady(err)) throw err;
      notReady = err;
    }
    if (reply) {
      if (!reply.ok) throw new Error(reply.error ?? 'engine failed');
      return reply.value;
    }
    if (Date.now() > deadline) throw notReady;
    await wait(delay);
  }
}

const proxy = new Proxy({} as EngineApi, {
  // Not a thenable: `await host.api()` must not mistake the proxy for a promise.
  get: (_t, method: string | symbol) => (method === 'then' || typeof method === 'symbol' ? undefined : (...args: unknown[]) => call(method as EngineMethod, args)),
});

export const chromeEngineHost: EngineHost = {
  api: async () => proxy,
  running: offscreenExists,
  reset: async () => {
    const offscreen = (browser as unknown as { offscreen: ChromeOffscreen }).offscreen;
    await offscreen.closeDocument().catch(() => undefined);
  },
};

interface ChromeOffscreen {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
interface RuntimeWithContexts {
  getContexts(filter: { contextTypes: string[]; documentUrls: string[] }): Promise<unknown[]>;
}
