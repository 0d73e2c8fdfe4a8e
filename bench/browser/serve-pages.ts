/**
 * A throwaway local HTTP server for the browser benches: fixed bodies by path on 127.0.0.1
 * (a free port). A path not listed gets `fallback` as HTML, or 404 without one.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Body {
  body: string;
  type: string;
}

export interface ServedPages {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  close: () => void;
}

export async function servePages(pages: Record<string, string | Body>, fallback?: string): Promise<ServedPages> {
  const server = createServer((req, res) => {
    const hit = pages[req.url ?? ''];
    const page: Body | undefined =
      typeof hit === 'string'
        ? { body: hit, type: 'text/html; charset=utf-8' }
        : (hit ?? (fallback === undefined ? undefined : { body: fallback, type: 'text/html' }));
    if (page) res.writeHead(200, { 'content-type': page.type }).end(page.body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { base: `http://127.0.0.1:${port}`, port, close: () => server.close() };
}
