// `npm test`: the unit tier, then the extension build, then the end-to-end tier in real Chromium.
import { execSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });

ensureChromium();
run('npx vitest run');
run('npx wxt build');
run('npx vitest run --config vitest.e2e.config.ts');
