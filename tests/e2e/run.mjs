// Kaiten's end-to-end test runner: `node tests/e2e/run.mjs [name filter]`.
//
// Serves the built bundle (dist/, or $KAITEN_DIST) on a free loopback port, runs every test
// of every suite in headless Chromium, and ends with `e2e: N passed, M failed`.
// A suite is a module exporting `tests`: an array of { name, viewport?, colorScheme?, run }
// where `run({ page, baseUrl, viewport })` throws to fail. Add a suite by importing it below.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchBrowser, openPage, serveDir, screenshot, sizeName } from './harness.mjs';
import * as engine from './engine.mjs';
import * as editor from './editor.mjs';
import * as shell from './shell.mjs';
import * as files from './files.mjs';
import * as playback from './playback.mjs';
import * as interventions from './interventions.mjs';
import * as language from './language.mjs';
import * as hostile from './hostile.mjs';
import * as lessons from './lessons.mjs';
import * as fit from './fit.mjs';
import * as embed from './embed.mjs';
import * as a11y from './a11y.mjs';

const SUITES = { shell, files, hostile, editor, engine, playback, interventions, language, fit, lessons, embed, a11y };
const TEST_TIMEOUT_MS = 60_000;

const filter = process.argv[2] ?? '';
const dist = process.env.KAITEN_DIST ?? join(ROOT, 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`e2e: no bundle at ${dist}; build it first (scripts/dev build)`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
const failures = [];
const server = await serveDir(dist);
const browser = await launchBrowser().catch((err) => {
  console.error(`e2e: cannot start Chromium: ${err.message}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});

for (const [suiteName, suite] of Object.entries(SUITES)) {
  for (const test of suite.tests) {
    const fullName = `${suiteName}: ${test.name}`;
    if (!fullName.includes(filter)) continue;
    const started = Date.now();
    const { context, page, problems } = await openPage(browser, server.url, test);
    let error = null;
    try {
      await withTimeout(test.run({ page, baseUrl: server.url, viewport: page.viewportSize() }), TEST_TIMEOUT_MS);
      if (problems.length > 0) error = new Error(`the page reported problems:\n    ${problems.join('\n    ')}`);
    } catch (err) {
      error = err;
      if (problems.length > 0) error.message += `\n  page problems:\n    ${problems.join('\n    ')}`;
    }
    const ms = Date.now() - started;
    if (error) {
      const shotName = `FAILED-${suiteName}-${test.name}-${sizeName(page.viewportSize())}`.replace(/[^\w.-]+/g, '_');
      await screenshot(page, shotName).catch(() => {});
      failures.push(fullName);
      console.log(`FAIL ${fullName} (${ms} ms)\n  ${error.stack ?? error}`);
    } else {
      passed += 1;
      console.log(`ok   ${fullName} (${ms} ms)`);
    }
    await context.close();
  }
}

await browser.close();
await server.close();
if (failures.length > 0) console.log(`\nfailed:\n  ${failures.join('\n  ')}`);
if (passed + failures.length === 0) console.log(`no test name contains "${filter}"`);
console.log(`e2e: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length > 0 || passed === 0 ? 1 : 0);

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
