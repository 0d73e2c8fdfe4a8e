/**
 * The Firefox tier: the cross-browser scenarios (test/e2e/shared/scenarios.ts) with the built
 * Firefox extension in Debian's firefox-esr — the background page hosting the engine worker
 * (src/platform/engine-host-firefox.ts) is what draws the badges here — and `web-ext lint`,
 * AMO's own checks, on the same build.
 */
import { describe, expect, it } from 'vitest';
import { sharedScenarios } from '../shared/scenarios';
import { FIREFOX_EXTENSION_DIR, launchFirefox } from '../shared/firefox-driver';

sharedScenarios(launchFirefox);

describe('web-ext lint', () => {
  it('finds no error, warning or notice in the Firefox build', async () => {
    // web-ext ships no types; its lint command resolves to addons-linter's report.
    const webExt = (await import('web-ext' as string)) as {
      default: { cmd: { lint(o: object, x: object): Promise<{ errors: unknown[]; warnings: unknown[]; notices: unknown[] }> } };
    };
    const r = await webExt.default.cmd.lint({ sourceDir: FIREFOX_EXTENSION_DIR, output: 'none', selfHosted: false }, { shouldExitProgram: false });
    expect({ errors: r.errors, warnings: r.warnings, notices: r.notices }).toEqual({ errors: [], warnings: [], notices: [] });
  });
});
