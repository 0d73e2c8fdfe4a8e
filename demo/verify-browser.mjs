#!/usr/bin/env node
/**
 * Checks the demo site in a real Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH):
 * the media file plays and seeks, pages run their scripts without errors, no dialog ever
 * opens on /hostile, no request leaves 127.0.0.1. Usage: node demo/verify-browser.mjs
 */
import { chromium } from 'playwright-core';
import { startDemoServer } from './server.mjs';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

const { url, close } = await startDemoServer({ port: 0 });
const browser = await chromium.launch({ executablePath, args, headless: true });
const failures = [];
const check = (ok, msg) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${msg}`);
  if (!ok) failures.push(msg);
};
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const foreign = [];
  const pageErrors = [];
  const dialogs = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });

  // 1. Media: duration, playback, seeking.
  await page.goto(`${url}/watch/the-matrix-1999?autoplay=1`);
  await page.waitForFunction(
    () => {
      const v = document.querySelector('video#player');
      return v && v.currentTime > 1;
    },
    null,
    { timeout: 15000 },
  );
  const m = await page.evaluate(async () => {
    const v = document.querySelector('video#player');
    const before = { duration: v.duration, time: v.currentTime, paused: v.paused, muted: v.muted };
    v.currentTime = 60;
    await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
    const seekable = v.seekable.length ? [v.seekable.start(0), v.seekable.end(v.seekable.length - 1)] : [];
    await new Promise((r) => setTimeout(r, 700));
    const hasAudio = v.mozHasAudio ?? (v.webkitAudioDecodedByteCount > 0 || v.audioTracks?.length > 0);
    return { ...before, afterSeek: v.currentTime, seekable, hasAudio, w: v.videoWidth, h: v.videoHeight, paused2: v.paused };
  });
  console.log('media', JSON.stringify(m));
  check(Math.abs(m.duration - 90) < 1, `duration readable (${m.duration})`);
  check(!m.paused && m.time > 1, 'autoplay plays (with sound allowed by flag)');
  check(m.afterSeek >= 60 && m.afterSeek < 62, `seek to 60 s works (${m.afterSeek})`);
  check(m.seekable.length === 2 && m.seekable[1] > 89, 'seekable range covers the file');
  check(m.w === 192 && m.h === 108, 'video frames decoded');
  check(Boolean(m.hasAudio), 'audio track decoded');

  // 2. muted=1
  await page.goto(`${url}/watch/fargo-2014?autoplay=1&muted=1&s=2&e=3`);
  await page.waitForFunction(() => document.querySelector('video#player').currentTime > 0.5, null, { timeout: 15000 });
  check(await page.evaluate(() => document.querySelector('video#player').muted), 'muted=1 mutes');

  // 3. Home: rows, lazy rows, live search.
  await page.goto(url + '/');
  const rows = await page.evaluate(() => document.querySelectorAll('section.row[data-row]').length);
  check(rows >= 12, `home has ${rows} rows`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => document.querySelectorAll('section.row[data-row]').length > 12, null, { timeout: 5000 });
  check(true, 'more rows load on scroll');
  await page.fill('header input[type="search"]', 'noir');
  await page.press('header input[type="search"]', 'Enter');
  await page.waitForURL(/\/search\?q=noir/);
  await page.fill('main input[type="search"]', 'space');
  await page.waitForFunction(() => location.search === '?q=space', null, { timeout: 5000 });
  const n = await page.evaluate(() => document.querySelectorAll('#results a.tile').length);
  check(n > 0, `live search shows ${n} results for "space"`);

  // 4. Light theme.
  await page.goto(`${url}/?theme=light`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check(bg === 'rgb(246, 246, 248)', `light theme (${bg})`);
  await page.goto(`${url}/title/the-matrix-1999`);
  check(await page.evaluate(() => document.documentElement.className === 'theme-light'), 'theme remembered');
  await page.goto(`${url}/?theme=dark`);

  // 5. Hostile page: nothing executes, the hostile script runs.
  await page.goto(`${url}/hostile`);
  await page.waitForTimeout(1500);
  const h = await page.evaluate(() => ({
    overridden: window.__hostile.overridden.length,
    mutations: window.__hostile.mutations,
    churn: window.__hostile.churn,
    findings: window.__hostile.findings,
    errors: window.__hostile.errors,
    tiles: document.getElementsByClassName('tile').length,
  }));
  console.log('hostile', JSON.stringify(h));
  check(dialogs.length === 0, `no dialogs (${dialogs.join(', ')})`);
  check(h.overridden >= 5 && h.mutations > 20 && h.churn > 5, 'hostile script overrides prototypes and mutates tiles');
  check(h.findings.length === 0, 'nothing to find without an extension');

  // 6. Stress page.
  const t0 = Date.now();
  await page.goto(`${url}/stress?n=10000`);
  const st = await page.evaluate(() => document.querySelectorAll('a.tile').length);
  check(st === 10000, `stress page renders 10000 tiles in ${Date.now() - t0} ms`);

  // 7. Strict CSP mode still works.
  await page.goto(`${url}/search?q=comedy&csp=1`);
  check((await page.evaluate(() => document.querySelectorAll('a.tile').length)) > 10, 'csp=1 page renders');

  check(foreign.length === 0, `no requests to other hosts (${foreign.slice(0, 3).join(', ')})`);
  check(pageErrors.length === 0, `no page errors (${pageErrors.slice(0, 3).join(' | ')})`);
} finally {
  await browser.close();
  await close();
}
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('all browser checks passed');
