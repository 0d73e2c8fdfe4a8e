// `npm run zip`: the two store archives (Chrome Web Store, addons.mozilla.org), built without
// the demo site's hosts, each checked against the 10 MB we promise the stores.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const MAX_BYTES = 10 * 1024 * 1024;
const env = { ...process.env };
delete env.TASTEFUL_DEMO_HOSTS; // a store build never carries localhost
execSync('npx wxt zip', { cwd: root, stdio: 'inherit', env });
execSync('npx wxt zip -b firefox --mv3', { cwd: root, stdio: 'inherit', env });

const read = (f) => JSON.parse(readFileSync(join(root, f), 'utf8'));
const { version } = read('package.json');
const out = join(root, '.output');
let failed = false;
// What the stores get: no demo hosts, no `tabs` (test/manifest.test.ts holds the full lists).
for (const dir of ['chrome-mv3', 'firefox-mv3']) {
  const m = read(`.output/${dir}/manifest.json`);
  const bad = [...(m.permissions ?? []), ...(m.host_permissions ?? [])].filter((p) => p === 'tabs' || /localhost|127\.0\.0\.1/.test(p));
  if (bad.length) {
    failed = true;
    console.error(`[tasteful] ${dir} store manifest asks for ${bad.join(', ')}`);
  }
}
for (const name of readdirSync(out).filter((f) => f.endsWith('.zip') && f.includes(version))) {
  const bytes = statSync(join(out, name)).size;
  const store = /-(chrome|firefox)\.zip$/.test(name);
  const over = store && bytes > MAX_BYTES;
  failed ||= over;
  console.log(
    `[tasteful] ${name}: ${(bytes / 1024 / 1024).toFixed(2)} MB${store ? (over ? ' — OVER the 10 MB limit' : ' (store archive, under 10 MB)') : ''}`,
  );
}
process.exit(failed ? 1 : 0);
