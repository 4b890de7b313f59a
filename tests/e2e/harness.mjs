// The e2e harness: serves the built bundle on loopback, drives headless Chromium through
// playwright-core, and hands each test a fresh page that fails the test on any console error,
// page error, failed request or request leaving the page's origin.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveDir } from '../../scripts/static-server.mjs';

export { serveDir };

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

// Flags from ../shared/TOOLCHAIN.md: without the background-networking ones Chromium floods
// the closed network with refused connections.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens a fresh context and page for one test and records every problem the page reports.
 * `options` may set `viewport`, `colorScheme` ('light' | 'dark') and `touch` (a touch screen).
 */
export async function openPage(browser, baseUrl, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
    hasTouch: options.touch ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const origin = new URL(baseUrl).origin;
  const problems = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.push(`request outside the origin: ${url}`);
    return route.abort('blockedbyclient');
  });
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (new URL(req.url()).origin === origin) problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`); });
  return { context, page, problems };
}

/** Loads the app and waits until the wasm module has mounted the shell. */
/** Opens the app and waits for its shell. A first visit offers the first lesson; that offer
 * is dismissed ("Not now") unless `options.welcome` keeps it for the test to look at. */
export async function openApp(page, baseUrl, options = {}) {
  await page.goto(baseUrl);
  await page.locator('#app > .shell').waitFor({ state: 'visible', timeout: 30_000 });
  // The offer is dispatched by an effect after the first render: let two frames pass.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const welcome = page.locator('.dialog.welcome');
  if (!options.welcome && await welcome.count() > 0) await welcome.locator('button').last().click();
}

/** Saves a full-page screenshot as test-artifacts/screenshots/NAME.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** "1280x800" for a viewport, for screenshot names. */
export const sizeName = (viewport) => `${viewport.width}x${viewport.height}`;
