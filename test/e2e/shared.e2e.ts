/** The cross-browser scenarios (test/e2e/shared/scenarios.ts) in Chromium. */
import { sharedScenarios } from './shared/scenarios';
import { launchChromium } from './shared/chromium-driver';

sharedScenarios(launchChromium);
