// One headless Chromium per process, found on the system, shared by every report and closed on exit.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { MbcheckError } from '../errors.js';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export function findBrowser(env: NodeJS.ProcessEnv = process.env, places: readonly string[] = candidates): string {
  const configured = env['PUPPETEER_EXECUTABLE_PATH'] ?? env['MBCHECK_CHROMIUM'];
  if (configured) {
    if (!existsSync(configured)) throw new MbcheckError('no-browser', `the browser set in PUPPETEER_EXECUTABLE_PATH (${configured}) does not exist`, 'io');
    return configured;
  }
  const found = places.find((path) => existsSync(path));
  if (!found) {
    throw new MbcheckError(
      'no-browser',
      'no Chromium found to render the PDF. Install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome) ' +
        'or point PUPPETEER_EXECUTABLE_PATH at a Chromium or Chrome executable. `--format html` needs no browser.',
      'io',
    );
  }
  return found;
}

// The machine may have no network: without these, Chromium keeps trying to reach update and sync services.
const quietFlags = ['--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions', '--disable-dev-shm-usage', '--mute-audio'];

let shared: Promise<Browser> | undefined;
/** How many times a browser was launched in this process: a batch of reports must reuse one. */
export let launches = 0;

export function sharedBrowser(): Promise<Browser> {
  if (!shared) {
    const executablePath = findBrowser();
    const args = [...quietFlags, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
    launches++;
    // Signals are ours to handle: the service drains its requests on SIGTERM, the CLI removes unfinished files.
    shared = puppeteer.launch({ executablePath, args, headless: true, pipe: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }).catch((error: unknown) => {
      shared = undefined;
      throw new MbcheckError('browser-failed', `Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`, 'io');
    });
  }
  return shared;
}

export async function closeSharedBrowser(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) await (await current).close().catch(() => undefined);
}
