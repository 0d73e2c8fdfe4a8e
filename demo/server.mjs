#!/usr/bin/env node
/**
 * Tasteful demo streaming site: a dependency-free Node `http` server.
 *
 *   node demo/server.mjs [--port 5178] [--host 127.0.0.1] [--quiet]      (or PORT=5178)
 *   import { startDemoServer } from './demo/server.mjs';
 *   const { url, close } = await startDemoServer({ port: 0 });          // port 0: any free port
 *
 * Routes: /  /?page=N  /fragment/rows?page=N  /search?q=  /title/<id>  /watch/<id>[?autoplay=1&muted=1&s=&e=&t=]
 *         /stress?n=2000  /hostile  /poster/<id>.svg  /media/demo.webm (Range)  /static/*  /api/catalog.json  /healthz
 * Query parameters on any page: theme=light|dark (remembered in a cookie), csp=1 (strict CSP header).
 */
import http from 'node:http';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BY_ID, CATALOG } from './catalog.mjs';
import { HOSTILE_BY_ID } from './lib/hostile.mjs';
import { posterSvg } from './lib/poster.mjs';
import * as pages from './lib/pages.mjs';
import { appPage, embedPlayerPage } from './lib/app.mjs';
import { wcPage } from './lib/wc.mjs';

export const DEFAULT_PORT = 5178;
const DIR = fileURLToPath(new URL('.', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.webm': 'video/webm',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function loadStatic() {
  const files = new Map();
  const root = join(DIR, 'public');
  for (const name of readdirSync(root)) {
    const body = readFileSync(join(root, name));
    files.set(`/static/${name}`, { body, type: TYPES[extname(name)] ?? 'application/octet-stream', etag: etagOf(body) });
  }
  return files;
}

function etagOf(buf) {
  return `"${createHash('sha1').update(buf).digest('base64url').slice(0, 20)}"`;
}

/** Catalog entry, hostile entry, or a stress-page alias (`<id>-r<k>`). */
export function resolveTitle(id) {
  if (BY_ID.has(id)) return BY_ID.get(id);
  if (HOSTILE_BY_ID.has(id)) return HOSTILE_BY_ID.get(id);
  const m = /^(.+)-r\d{1,3}$/.exec(id);
  if (m && BY_ID.has(m[1])) return { ...BY_ID.get(m[1]), id };
  return null;
}

/** Parse a single `bytes=` range. Returns {start,end} | 'unsatisfiable' | null (ignore header). */
export function parseRange(header, size) {
  if (!header) return null;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*(?:,.*)?$/.exec(header.trim());
  if (!m) return null;
  const [, a, b] = m;
  if (a === '' && b === '') return null;
  let start;
  let end;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
    if (start >= size || end < start) return 'unsatisfiable';
  }
  return { start, end };
}

function parseCookies(header = '') {
  const out = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

function intParam(value, def, min, max) {
  const n = Number.parseInt(value ?? '', 10);
  if (!Number.isFinite(n)) return def;
  return Math.min(max, Math.max(min, n));
}

/**
 * @param {{port?: number, host?: string, quiet?: boolean}} [options]
 * @returns {Promise<{url: string, port: number, host: string, server: http.Server, close: () => Promise<void>}>}
 */
export function startDemoServer({ port = DEFAULT_PORT, host = '127.0.0.1', quiet = true } = {}) {
  const staticFiles = loadStatic();
  const mediaPath = join(DIR, 'media', 'demo.webm');
  const media = readFileSync(mediaPath);
  const mediaEtag = etagOf(media);
  const mediaModified = statSync(mediaPath).mtime.toUTCString();
  const posterCache = new Map();

  const server = http.createServer((req, res) => {
    const started = Date.now();
    if (!quiet) res.on('finish', () => console.log(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    try {
      handle(req, res);
    } catch (err) {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    }
  });

  function send(req, res, status, type, body, headers = {}) {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
    res.writeHead(status, {
      'content-type': type,
      'content-length': buf.length,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : buf);
  }

  function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { allow: 'GET, HEAD' });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const q = url.searchParams;

    // Origin for absolute URLs (og:image, JSON-LD). Only a well-formed Host is trusted.
    const hostHeader = req.headers.host ?? '';
    const origin = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/i.test(hostHeader)
      ? `http://${hostHeader}`
      : `http://${host}:${server.address()?.port ?? port}`;

    const cookies = parseCookies(req.headers.cookie);
    const themeParam = q.get('theme');
    const theme = themeParam === 'light' || themeParam === 'dark' ? themeParam : cookies.theme === 'light' ? 'light' : 'dark';
    const pageHeaders = { 'cache-control': 'no-cache' };
    if (themeParam === 'light' || themeParam === 'dark') {
      pageHeaders['set-cookie'] = `theme=${themeParam}; Path=/; SameSite=Lax; Max-Age=31536000`;
    }
    if (q.get('csp') === '1') pageHeaders['content-security-policy'] = STRICT_CSP;
    const ctx = { origin, theme, path };
    const page = (status, body) => send(req, res, status, TYPES['.html'], String(body), pageHeaders);
    const notFound = () => page(404, pages.notFoundPage(ctx, path));

    if (path === '/' || path === '/index.html') {
      const p = intParam(q.get('page'), 1, 1, 100);
      if (p === 1) return page(200, pages.homePage(ctx));
      const more = pages.morePage(ctx, p);
      return more ? page(200, more) : notFound();
    }
    if (path === '/fragment/rows') {
      const frag = pages.moreRowsFragment(intParam(q.get('page'), 2, 2, 100));
      if (!frag) return send(req, res, 204, 'text/plain', '', { 'cache-control': 'no-cache' });
      return send(req, res, 200, TYPES['.html'], String(frag.html), {
        'cache-control': 'no-cache',
        'x-next-page': frag.next ? String(frag.next) : '',
      });
    }
    if (path === '/fragment/search') {
      const query = (q.get('q') ?? '').slice(0, 200);
      return send(req, res, 200, TYPES['.html'], String(pages.searchResultsFragment(query, { includeHostile: q.get('hostile') === '1' })), {
        'cache-control': 'no-cache',
      });
    }
    if (path === '/search') {
      const query = (q.get('q') ?? '').slice(0, 200);
      return page(200, pages.searchPage(ctx, query, { includeHostile: q.get('hostile') === '1' }));
    }
    let m;
    if ((m = /^\/title\/([^/]+)\/?$/.exec(path))) {
      const t = resolveTitle(safeDecode(m[1]));
      return t ? page(200, pages.titlePage(ctx, t)) : notFound();
    }
    if ((m = /^\/watch\/([^/]+)\/?$/.exec(path))) {
      const t = resolveTitle(safeDecode(m[1]));
      if (!t) return notFound();
      const isSeries = t.kind === 'series';
      return page(
        200,
        pages.watchPage(ctx, t, {
          autoplay: q.get('autoplay') === '1',
          muted: q.get('muted') === '1',
          season: isSeries && q.has('s') ? intParam(q.get('s'), 1, 1, t.seasons ?? 1) : null,
          episode: isSeries && q.has('e') ? intParam(q.get('e'), 1, 1, t.episodesPerSeason ?? 1) : null,
          start: q.has('t') ? intParam(q.get('t'), 0, 0, 3600) : null,
        }),
      );
    }
    if ((m = /^\/poster\/([^/]+)\.svg$/.exec(path))) {
      const id = safeDecode(m[1]);
      const t = resolveTitle(id);
      if (!t) return send(req, res, 404, 'text/plain; charset=utf-8', 'No such poster');
      let entry = posterCache.get(id);
      if (!entry) {
        const body = Buffer.from(posterSvg(t), 'utf8');
        entry = { body, etag: etagOf(body) };
        if (posterCache.size < 20_000) posterCache.set(id, entry);
      }
      if (req.headers['if-none-match'] === entry.etag) return send(req, res, 304, TYPES['.svg'], '', { etag: entry.etag });
      return send(req, res, 200, TYPES['.svg'], entry.body, {
        etag: entry.etag,
        'cache-control': 'public, max-age=86400',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
    }
    if (path === '/media/demo.webm') return serveMedia(req, res);
    if (path === '/stress') return page(200, pages.stressPage(ctx, intParam(q.get('n'), 2000, 1, 10_000)));
    if (path === '/hostile') return page(200, pages.hostilePage(ctx));
    if (path === '/app') return page(200, appPage());
    if (path === '/embed/player') return page(200, embedPlayerPage());
    if (path === '/wc') return page(200, wcPage());
    if (path === '/api/catalog.json') {
      return send(req, res, 200, TYPES['.json'], JSON.stringify(CATALOG), { 'cache-control': 'no-cache' });
    }
    if (path === '/healthz') return send(req, res, 200, 'text/plain; charset=utf-8', 'ok');
    if (path === '/robots.txt') return send(req, res, 200, 'text/plain; charset=utf-8', 'User-agent: *\nDisallow: /\n');
    if (path === '/favicon.ico') return send(req, res, 204, 'image/x-icon', '');
    const file = staticFiles.get(path);
    if (file) {
      if (req.headers['if-none-match'] === file.etag) return send(req, res, 304, file.type, '', { etag: file.etag });
      return send(req, res, 200, file.type, file.body, { etag: file.etag, 'cache-control': 'no-cache' });
    }
    return notFound();
  }

  function serveMedia(req, res) {
    const size = media.length;
    const base = {
      'content-type': TYPES['.webm'],
      'accept-ranges': 'bytes',
      etag: mediaEtag,
      'last-modified': mediaModified,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    };
    const ifRange = req.headers['if-range'];
    const rangeAllowed = !ifRange || ifRange === mediaEtag || ifRange === mediaModified;
    const range = rangeAllowed ? parseRange(req.headers.range, size) : null;
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...base, 'content-range': `bytes */${size}`, 'content-length': 0 });
      return res.end();
    }
    if (!range) {
      if (req.headers['if-none-match'] === mediaEtag) {
        res.writeHead(304, base);
        return res.end();
      }
      res.writeHead(200, { ...base, 'content-length': size });
      return res.end(req.method === 'HEAD' ? undefined : media);
    }
    const { start, end } = range;
    res.writeHead(206, { ...base, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 });
    return res.end(req.method === 'HEAD' ? undefined : media.subarray(start, end + 1));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const actualPort = typeof addr === 'object' && addr ? addr.port : port;
      const hostForUrl = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${hostForUrl}:${actualPort}`,
        port: actualPort,
        host,
        server,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function argValue(name) {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : undefined;
}

// Run standalone: `node demo/server.mjs`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(argValue('--port') ?? process.env.PORT ?? DEFAULT_PORT);
  const host = argValue('--host') ?? process.env.HOST ?? '127.0.0.1';
  const quiet = process.argv.includes('--quiet');
  startDemoServer({ port, host, quiet }).then(
    ({ url, close }) => {
      console.log(`Tasteful demo site: ${url}/  (${CATALOG.length} titles; try ${url}/hostile and ${url}/stress?n=2000)`);
      const stop = () => close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err) => {
      console.error(`Could not start the demo site on ${host}:${port}: ${err.message}`);
      process.exit(1);
    },
  );
}
