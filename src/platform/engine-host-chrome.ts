import { browser } from 'wxt/browser';
import type { EngineApi, EngineCall, EngineMethod } from '../engine/api';
import type { EngineHost } from './engine-host';
import { EngineFailed, EngineUnreachable, transportError, type EngineReply } from './engine-errors';

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
 * One attempt, its failure typed. `createDocument` can resolve (and `getContexts` can list the
 * document) before the offscreen script has registered its listener, so "no receiver" right
 * after a (re)start is an `EngineUnreachable` like any other: the engine client's one retry
 * policy waits for it (this layer does not retry).
 */
async function call(method: EngineMethod, args: unknown[]): Promise<unknown> {
  const message: EngineCall = { target: 'tasteful-engine', method, args };
  try {
    await ensureOffscreen();
  } catch (err) {
    throw new EngineUnreachable(`offscreen document could not be created: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  let reply: EngineReply | undefined;
  try {
    reply = (await browser.runtime.sendMessage(message)) as EngineReply | undefined;
  } catch (err) {
    throw transportError(err);
  }
  if (!reply) throw new EngineUnreachable('engine did not answer');
  if (!reply.ok) throw new EngineFailed(reply.error);
  return reply.value;
}

const proxy = new Proxy({} as EngineApi, {
  // Not a thenable: `await host.api()` must not mistake the proxy for a promise.
  get: (_t, method: string | symbol) =>
    method === 'then' || typeof method === 'symbol' ? undefined : (...args: unknown[]) => call(method as EngineMethod, args),
});

export const chromeEngineHost: EngineHost = {
  api: async () => proxy,
  running: offscreenExists,
  reset: async () => {
    const offscreen = (browser as unknown as { offscreen: ChromeOffscreen }).offscreen;
    // Closing a document that is already gone throws; either way none is left, which is the aim.
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
