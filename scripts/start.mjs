// `npm start`: build the extension, serve the demo site, open Chromium with the extension
// loaded on it. On a machine without a display it says so and prints how to load it by hand.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const ext = join(root, '.output/chrome-mv3');
const DEFAULT_PORT = 5178;

/** Resolves to the port bound (0 asks the system for a free one), or null when it is taken. */
function tryPort(port) {
  return new Promise((resolvePort) => {
    const probe = net.createServer();
    probe.once('error', () => resolvePort(null)); // EADDRINUSE or EACCES: the caller says which port and what to do
    probe.listen(port, '127.0.0.1', () => {
      const bound = probe.address().port;
      probe.close(() => resolvePort(bound));
    });
  });
}

// Checked before the build, so a taken port costs one line, not a build and a stack trace.
let port = Number(process.env.PORT ?? DEFAULT_PORT);
if ((await tryPort(port)) === null) {
  if (process.env.PORT) {
    console.error(`[tasteful] port ${port} is taken; choose another one: PORT=${port + 1} npm start`);
    process.exit(1);
  }
  port = await tryPort(0);
  console.log(`[tasteful] port ${DEFAULT_PORT} is taken, so the demo site uses ${port} (choose one with PORT=… npm start)`);
}

// A development build: the demo site's hosts are in its manifest (store builds never have them).
execSync('npx wxt build', { cwd: root, stdio: 'inherit', env: { ...process.env, TASTEFUL_DEMO_HOSTS: '1' } });
const { startDemoServer } = await import('../demo/server.mjs');
const server = await startDemoServer({ port });
console.log(`\n[tasteful] demo site: ${server.url}`);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin';
if (!hasDisplay && existsSync(chromium)) {
  // The nearest thing to a window: the extension loaded in headless Chromium on the demo
  // site, with a screenshot to look at.
  const { chromium: pw } = await import('playwright-core');
  const context = await pw.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tasteful-start-')), {
    executablePath: chromium,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForTimeout(1500);
  const shot = join(root, '.output/demo-screenshot.png');
  await page.screenshot({ path: shot });
  console.log(`[tasteful] headless check: extension ${new URL(sw.url()).host} loaded on ${server.url}; screenshot at ${shot}`);
  await context.close();
}
if (!hasDisplay || !existsSync(chromium)) {
  console.log(`
[tasteful] ${hasDisplay ? `Chromium not found at ${chromium}` : 'No display here (no $DISPLAY), so no browser window can open.'}
Load the extension by hand:
  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked", choose
    ${ext}
  Firefox: npm run build:firefox, then about:debugging → This Firefox → "Load Temporary Add-on",
    choose .output/firefox-mv3/manifest.json
Then visit ${server.url} . The demo site keeps running until you press Ctrl+C.`);
} else {
  const { chromium: pw } = await import('playwright-core');
  const context = await pw.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tasteful-start-')), {
    executablePath: chromium,
    headless: false,
    viewport: null,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  console.log('[tasteful] Chromium is open with Tasteful loaded. Close the window or press Ctrl+C to stop.');
  context.on('close', async () => {
    await server.close();
    process.exit(0);
  });
}
process.on('SIGINT', async () => {
  await server.close();
  process.exit(0);
});
