import { browser } from 'wxt/browser';
import type { EngineApi, EngineCall, EngineMethod } from '../engine/api';
import type { EngineHost } from './engine-host';

const OFFSCREEN_PATH = '/offscreen.html';

let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const offscreen = (browser as unknown as { offscreen: ChromeOffscreen }).offscreen;
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const contexts = await (browser.runtime as unknown as RuntimeWithContexts).getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [url],
  });
  if (contexts.length) return;
  creating ??= offscreen
    .createDocument({ url: OFFSCREEN_PATH, reasons: ['WORKERS'], justification: 'Runs the on-device recommendation model in a web worker.' })
    .finally(() => {
      creating = null;
    });
  await creating;
}

async function call(method: EngineMethod, args: unknown[]): Promise<unknown> {
  await ensureOffscreen();
  const message: EngineCall = { target: 'tasteful-engine', method, args };
  const reply = (await browser.runtime.sendMessage(message)) as { ok: boolean; value?: unknown; error?: string } | undefined;
  if (!reply) throw new Error('engine did not answer');
  if (!reply.ok) throw new Error(reply.error ?? 'engine failed');
  return reply.value;
}

const proxy = new Proxy({} as EngineApi, {
  // Not a thenable: `await host.api()` must not mistake the proxy for a promise.
  get: (_t, method: string | symbol) => (method === 'then' || typeof method === 'symbol' ? undefined : (...args: unknown[]) => call(method as EngineMethod, args)),
});

export const chromeEngineHost: EngineHost = {
  api: async () => proxy,
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
