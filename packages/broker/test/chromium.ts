// Debian's Chromium for the browser suite (ENVIRONMENT.md): launched by playwright-core, never skipped.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that keep a headless Chromium quiet on a closed network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the suite saves its screenshots (git-ignored). */
export const SCREENSHOT_DIR = path.join(__dirname, '..', 'test-results', 'screenshots');

/**
 * Starts Chromium. Without one the suite fails rather than skips: in CI (CI=true) because the run must
 * prove the page works, on a laptop with the command that installs it.
 * @throws Error saying how to get a browser
 */
export async function launchChromium(): Promise<Browser> {
  const installHint =
    'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), then run the suite again.';
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      process.env.CI === 'true'
        ? `CI=true but no browser at ${CHROMIUM_PATH}: .ci/run installs it as root; the browser suite cannot pass without it.`
        : `The browser suite needs Chromium at ${CHROMIUM_PATH}. ${installHint}`,
    );
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new Error(
      `Chromium at ${CHROMIUM_PATH} did not start (${(error as Error).message}). ${installHint}`,
    );
  }
}
