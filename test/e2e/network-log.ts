/**
 * A logging HTTP proxy that Chromium is told to send every request through (loopback
 * included). Whatever context makes a request — page, service worker, offscreen document,
 * worker, extension page, content script — it passes here, so "no request leaves" is checked
 * at the one place every request must cross. Requests for the demo site are forwarded; any
 * other destination is refused and logged.
 */
import http from 'node:http';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * The browsers' own housekeeping that the closed-network flags do not fully silence (extension
 * update pings, network time, account checks). They are the browser's, made with or without
 * Tasteful; none carries an extension Origin. Fonts, CDNs and anything else are NOT here.
 */
export const BROWSER_INTERNAL_HOSTS = new Set([
  'update.googleapis.com',
  'clients2.google.com',
  'accounts.google.com',
  'clientservices.googleapis.com',
  'safebrowsing.googleapis.com',
  'optimizationguide-pa.googleapis.com',
  // Firefox's remote settings (blocklists, certificate data), polled by the browser itself.
  'firefox.settings.services.mozilla.com',
]);

export interface LoggedRequest {
  method: string;
  url: string;
  host: string;
  origin: string | null;
  forwarded: boolean;
}

export interface NetworkLog {
  proxyArg: string;
  port: number;
  requests: LoggedRequest[];
  /** Requests to anything but the allowed hosts and the browser's own housekeeping. */
  outside(): LoggedRequest[];
  /** Requests whose Origin header is an extension (made by our code, not by the page). */
  fromExtension(): LoggedRequest[];
  close(): Promise<void>;
}

export async function startNetworkLog(allowedHosts: string[]): Promise<NetworkLog> {
  const requests: LoggedRequest[] = [];
  const allowed = new Set(allowedHosts);
  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      url: target.href,
      host: target.host,
      origin: (req.headers.origin as string | undefined) ?? null,
      forwarded: allowed.has(target.host),
    };
    requests.push(entry);
    if (!entry.forwarded) {
      res.writeHead(403).end('blocked by the test proxy');
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: target.pathname + target.search, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  // HTTPS (and WebSocket over TLS) arrive as CONNECT: nothing of ours is ever https here.
  server.on('connect', (req, socket: net.Socket) => {
    requests.push({ method: 'CONNECT', url: `https://${req.url}`, host: req.url ?? '', origin: null, forwarded: false });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    proxyArg: `--proxy-server=http://127.0.0.1:${port}`,
    port,
    requests,
    outside: () => requests.filter((r) => !r.forwarded && !BROWSER_INTERNAL_HOSTS.has(r.host.replace(/:\d+$/, ''))),
    fromExtension: () => requests.filter((r) => /^(chrome|moz)-extension:\/\//.test(r.origin ?? '')),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
