// One headless Chromium per process, found on the system and shared by every report: launched again when it
// dies, and killed with its profile directory removed on every way out of the process.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
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
// Crashpad would start helpers outside Chromium's process group, which outlive a kill of the group, and keep
// a crash database in the user's home: a report renderer has no use for either.
const quietFlags = ['--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions', '--disable-dev-shm-usage', '--mute-audio', '--disable-crash-reporter', '--disable-crashpad-for-testing'];

/** After a launch fails, renders and health probes are answered with its error this long before one is tried again. */
export const LAUNCH_RETRY_MS = 5_000;
// A launch can fail for a passing reason (memory, a full /tmp): one more try, not more, so a broken install fails fast.
const LAUNCH_ATTEMPTS = 2;
const PAUSE_BETWEEN_ATTEMPTS_MS = 500;
// A wedged Chromium does not answer Browser.close: it is killed after this.
const CLOSE_GRACE_MS = 2_000;
const EXIT_WAIT_MS = 2_000;

type State = { name: 'not-started' } | { name: 'launching' } | { name: 'running' } | { name: 'crashed' } | { name: 'failed'; error: MbcheckError; at: number };

/** A launched Chromium and what must go with it: its process group and its directory (profile and temporary files). */
interface Launched {
  browser: Browser;
  child: ChildProcess;
  directory: string;
  stopping?: Promise<void>;
}

let state: State = { name: 'not-started' };
/** Set when the process is ending: a report still in flight must not launch a browser nobody will stop. */
let closedForGood = false;
let shared: Promise<Browser> | undefined;
let current: Launched | undefined;
/** Every Chromium not yet stopped, and every directory not yet removed: what the exit hook cleans up. */
const alive = new Set<Launched>();
const directories = new Set<string>();
/** How many times a browser was launched in this process: a batch of reports must reuse one. */
export let launches = 0;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

// Chromium is the leader of its own process group (puppeteer spawns it detached): killing the group takes its
// renderers and helpers with it. Only while the leader lives: once it is reaped, its number may be reused.
function killGroup(child: ChildProcess): void {
  if (hasExited(child) || child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function removeDirectory(directory: string): void {
  // Retries cover a file a dying helper was still writing.
  rmSync(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  directories.delete(directory);
}

// The last way out: process.exit() from anywhere, or an uncaught error. Nothing can be awaited here.
function killEverythingNow(): void {
  for (const launched of alive) killGroup(launched.child);
  for (const directory of directories) {
    try {
      removeDirectory(directory);
    } catch {
      // Exiting anyway; the directory is in the temporary directory, which the system clears.
    }
  }
}
process.on('exit', killEverythingNow);

function privateDirectory(): { directory: string; profile: string; temporary: string } {
  const directory = mkdtempSync(join(tmpdir(), 'mbcheck-chromium-'));
  directories.add(directory);
  const profile = join(directory, 'profile');
  const temporary = join(directory, 'tmp');
  mkdirSync(profile);
  mkdirSync(temporary);
  return { directory, profile, temporary };
}

async function launchOnce(executablePath: string): Promise<Launched> {
  const { default: puppeteer } = await import('puppeteer-core');
  const { directory, profile, temporary } = privateDirectory();
  const args = [...quietFlags, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  launches++;
  try {
    // Signals are ours to handle: the service drains its requests on SIGTERM, the CLI removes unfinished files.
    // Chromium's own temporary files go to our directory too, so that removing it leaves nothing behind.
    const browser = await puppeteer.launch({
      executablePath,
      args,
      userDataDir: profile,
      env: { ...process.env, TMPDIR: temporary },
      headless: true,
      pipe: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const launched: Launched = { browser, child: browser.process()!, directory };
    alive.add(launched);
    browser.once('disconnected', () => void drop(launched));
    return launched;
  } catch (error) {
    removeDirectory(directory);
    throw error;
  }
}

async function launch(): Promise<Launched> {
  const executablePath = findBrowser();
  let failure: unknown;
  for (let attempt = 1; attempt <= LAUNCH_ATTEMPTS; attempt++) {
    try {
      return await launchOnce(executablePath);
    } catch (error) {
      failure = error;
    }
    if (attempt < LAUNCH_ATTEMPTS) await sleep(PAUSE_BETWEEN_ATTEMPTS_MS);
  }
  const reason = failure instanceof Error ? failure.message.split('\n')[0] : String(failure);
  throw new MbcheckError(
    'browser-failed',
    `Chromium at ${executablePath} did not start (${LAUNCH_ATTEMPTS} attempts): ${reason}. Check that it runs (${executablePath} --headless=new --version), or point PUPPETEER_EXECUTABLE_PATH at another Chromium or Chrome`,
    'io',
  );
}

function startLaunch(): Promise<Browser> {
  state = { name: 'launching' };
  const launching = launch().then(
    (launched) => {
      // Closed while it was starting: it belongs to nobody.
      if (shared !== launching) {
        void stop(launched);
        throw new MbcheckError('browser-closed', 'the browser was closed while it started', 'io');
      }
      current = launched;
      state = { name: 'running' };
      return launched.browser;
    },
    (error: unknown) => {
      const failure = error instanceof MbcheckError ? error : new MbcheckError('browser-failed', String(error), 'io');
      if (shared === launching) {
        shared = undefined;
        state = { name: 'failed', error: failure, at: Date.now() };
      }
      throw failure;
    },
  );
  return launching;
}

/** The browser every report shares; launched on first use, and again after it died. */
export function sharedBrowser(): Promise<Browser> {
  if (closedForGood) return Promise.reject(new MbcheckError('browser-closed', 'the browser was closed because mbcheck is stopping; run the command again', 'io'));
  if (state.name === 'failed' && Date.now() - state.at < LAUNCH_RETRY_MS) return Promise.reject(state.error);
  shared ??= startLaunch();
  return shared;
}

/**
 * This browser cannot be used any more (it died, or its connection broke): the next report launches another.
 * Whatever is left of it is killed and its directory removed.
 */
export function forget(browser: Browser): Promise<void> {
  const launched = [...alive].find((l) => l.browser === browser);
  return launched ? drop(launched) : Promise.resolve();
}

function drop(launched: Launched): Promise<void> {
  if (current === launched) {
    current = undefined;
    shared = undefined;
    state = { name: 'crashed' };
  }
  return stop(launched, 0);
}

/** Asks Chromium to close, kills its process group if it does not within the grace time, then removes its directory. */
function stop(launched: Launched, graceMs = CLOSE_GRACE_MS): Promise<void> {
  launched.stopping ??= (async () => {
    const { browser, child } = launched;
    const exited = hasExited(child) ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (graceMs > 0 && browser.connected) await Promise.race([browser.close().catch(() => undefined), sleep(graceMs)]);
    killGroup(child);
    await Promise.race([exited, sleep(EXIT_WAIT_MS)]);
    alive.delete(launched);
    removeDirectory(launched.directory);
  })();
  return launched.stopping;
}

/**
 * Closes every browser of this process and removes their directories. The next report launches a new one,
 * unless `final` (the process is ending on a signal, with reports still in flight).
 */
export async function closeSharedBrowser(options: { graceMs?: number; final?: boolean } = {}): Promise<void> {
  if (options.final) closedForGood = true;
  const starting = shared;
  shared = undefined;
  current = undefined;
  state = { name: 'not-started' };
  // A launch under way is let finish, so that its browser is stopped too (startLaunch sees it is no longer shared).
  await starting?.catch(() => undefined);
  await Promise.all([...alive].map((launched) => stop(launched, options.graceMs ?? CLOSE_GRACE_MS)));
}

// Puppeteer's words for a call that lost its browser: the connection or the page's session closed under it.
const goneMessage = /Target closed|Session closed|Connection closed|frame was detached|detached Frame|browser has disconnected/i;

/** Whether a failure means the browser (or the page's target in it) went away, rather than a fault of the page. */
export function isBrowserGone(error: unknown, browser?: Browser): boolean {
  if (browser && !browser.connected) return true;
  if (!(error instanceof Error)) return false;
  return error.name === 'ConnectionClosedError' || error.name === 'TargetCloseError' || goneMessage.test(error.message);
}

export function browserCrashed(): MbcheckError {
  return new MbcheckError('browser-crashed', 'the PDF renderer (Chromium) stopped while rendering this report; a new one is started for the next report: retry', 'io');
}

/**
 * For a health probe: undefined while PDFs can be rendered, else the error a render would get. Launches a browser
 * only when the last one crashed or a failed launch is old enough to try again, never one nobody has asked for.
 */
export async function browserProblem(): Promise<MbcheckError | undefined> {
  if (state.name === 'not-started' || state.name === 'launching' || state.name === 'running') return undefined;
  try {
    await sharedBrowser();
    return undefined;
  } catch (error) {
    return error instanceof MbcheckError ? error : new MbcheckError('browser-failed', String(error), 'io');
  }
}
