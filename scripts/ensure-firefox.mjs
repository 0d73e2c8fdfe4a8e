// The Firefox tier needs Debian's firefox-esr; a fresh machine lacks it. Install it when we can.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export function ensureFirefox() {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (existsSync(path)) return path;
  if (process.getuid?.() !== 0) {
    throw new Error(`Firefox not found at ${path}. Install it (Debian: sudo apt-get install -y firefox-esr) or set FIREFOX_PATH.`);
  }
  console.log('[tasteful] installing Debian firefox-esr (needed by the Firefox tests)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr', { stdio: 'inherit' });
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureFirefox();
