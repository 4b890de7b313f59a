// The app shell: the first screen's regions, its layout at desktop and phone sizes, themes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { DESKTOP, PHONE, openApp, screenshot, sizeName } from './harness.mjs';
import { canvasOf } from './editor.mjs';

/** The five regions, found by role and accessible name as a screen reader would. */
function regions(page) {
  return {
    header: page.getByRole('banner'),
    palette: page.getByRole('complementary', { name: 'Palette' }),
    main: page.getByRole('main'),
    canvas: page.getByRole('main').getByRole('group', { name: 'Canvas', exact: true }),
    inspector: page.getByRole('complementary', { name: 'Inspector' }),
    playback: page.getByRole('toolbar', { name: 'Playback' }),
  };
}

async function checkRegions(page) {
  const found = regions(page);
  for (const [name, locator] of Object.entries(found)) {
    assert.equal(await locator.count(), 1, `exactly one ${name} region`);
    assert.ok(await locator.isVisible(), `the ${name} region is visible`);
  }
  assert.equal(await found.header.getByRole('heading', { level: 1 }).textContent(), 'Kaiten');
  assert.equal(await found.canvas.evaluate((el) => el.tagName.toLowerCase()), 'svg');
  return found;
}

async function boxes(found) {
  const out = {};
  for (const [name, locator] of Object.entries(found)) out[name] = await locator.boundingBox();
  return out;
}

const overlap = (a, b) =>
  a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

async function pageOverflow(page) {
  return page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
}

/**
 * The budget for the app's wasm and JavaScript, each gzipped by `gzip -9` as BENCHMARKS.md
 * measures them (node's zlib writes about 1% more).
 */
const BUNDLE_BUDGET_BYTES = 650_000;

export const tests = [
  {
    name: 'the served bundle stays within its 650 KB gzipped budget',
    run: async ({ baseUrl }) => {
      const index = await (await fetch(baseUrl)).text();
      const files = [...new Set(index.match(/kaiten-web-[0-9a-f]+(_bg\.wasm|\.js)/g))];
      assert.equal(files.length, 2, `index.html names the app's wasm and its JavaScript: ${files}`);
      let total = 0;
      for (const file of files) {
        const body = Buffer.from(await (await fetch(new URL(file, baseUrl))).arrayBuffer());
        total += execFileSync('gzip', ['-9c'], { input: body, maxBuffer: 1 << 24 }).length;
      }
      assert.ok(total <= BUNDLE_BUDGET_BYTES, `the bundle is ${total} bytes gzipped, over ${BUNDLE_BUDGET_BYTES}`);
    },
  },
  {
    name: `regions and layout at ${sizeName(DESKTOP)}`,
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      const found = await checkRegions(page);
      const box = await boxes(found);
      const side = ['header', 'palette', 'main', 'inspector'];
      for (const [i, a] of side.entries()) {
        for (const b of side.slice(i + 1)) assert.ok(!overlap(box[a], box[b]), `${a} and ${b} do not overlap`);
      }
      assert.ok(box.palette.x < box.main.x && box.main.x < box.inspector.x, 'palette | canvas | inspector, left to right');
      // The main region is the stage: the canvas, its legend, and the playback bar at its foot.
      assert.ok(!overlap(box.canvas, box.playback) && box.playback.y > box.canvas.y, 'the playback bar is below the canvas');
      assert.ok(box.playback.y + box.playback.height <= box.main.y + box.main.height + 1, 'the playback bar is in the main region');
      // The run panel (event log, sequence diagram) takes the bottom of the window.
      assert.ok(box.canvas.width >= 600 && box.canvas.height >= 400, `the canvas is large: ${JSON.stringify(box.canvas)}`);
      assert.deepEqual(await pageOverflow(page), { x: 0, y: 0 }, 'the shell fits the window without scrolling');
      await screenshot(page, `shell-${sizeName(viewport)}`);
    },
  },
  {
    name: `regions stack on a phone at ${sizeName(PHONE)}`,
    viewport: PHONE,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      const found = await checkRegions(page);
      const box = await boxes(found);
      assert.ok((await pageOverflow(page)).x <= 0, 'no sideways scrolling');
      assert.ok(box.header.y < box.palette.y && box.palette.y < box.main.y, 'header, palette, canvas, top to bottom');
      assert.ok(box.main.y < box.playback.y && box.playback.y < box.inspector.y, 'canvas, playback, inspector, top to bottom');
      assert.ok(box.canvas.width >= viewport.width - 1, 'the canvas spans the width');
      assert.ok(box.canvas.height >= 300, `the canvas is tall enough to draw on: ${box.canvas.height}px`);
      for (const button of await found.palette.getByRole('button').all()) {
        const { height } = await button.boundingBox();
        assert.ok(height >= 40, `palette buttons are touch-sized (${height}px)`);
      }
      await screenshot(page, `shell-${sizeName(viewport)}`);
    },
  },
  {
    name: 'clicking a palette item places a node and shows it in the inspector',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      const { palette, inspector, canvas } = regions(page);
      await inspector.getByText('Nothing is selected').waitFor();
      await palette.getByRole('button', { name: 'Add exchange', exact: true }).click();
      await inspector.getByRole('heading', { name: 'exchange-1' }).waitFor();
      await canvas.getByRole('button', { name: 'exchange-1', exact: true }).waitFor();
      await palette.getByRole('button', { name: 'Add RPC server', exact: true }).click();
      await inspector.getByRole('heading', { name: 'rpc-server-1' }).waitFor();
      await screenshot(page, `palette-placed-${sizeName(viewport)}`);
      const box = await canvas.boundingBox();
      await canvas.click({ position: { x: 24, y: box.height - 24 } });
      await inspector.getByText('Nothing is selected').waitFor();
    },
  },
  {
    name: `dark theme follows prefers-color-scheme at ${sizeName(DESKTOP)}`,
    viewport: DESKTOP,
    colorScheme: 'dark',
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      await checkRegions(page);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = background.match(/\d+/g).map(Number);
      assert.ok(r + g + b < 150, `the dark theme has a dark background (${background})`);
      await screenshot(page, `shell-dark-${sizeName(viewport)}`);
    },
  },
  {
    name: 'a reload keeps the drawing, the picked scenario and the position',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await page.getByRole('button', { name: 'Add queue', exact: true }).click();
      await canvasOf(page).getByRole('button', { name: 'queue-1', exact: true }).waitFor();
      await page.reload();
      await page.locator('#app > .shell').waitFor();
      await canvasOf(page).getByRole('button', { name: 'queue-1', exact: true }).waitFor();
      await page.getByRole('combobox', { name: 'Scenario' }).selectOption('rpc-call');
      for (let i = 0; i < 5; i += 1) await page.getByRole('button', { name: 'Step', exact: true }).click();
      const timeline = page.getByRole('slider', { name: 'Timeline' });
      const position = await timeline.inputValue();
      await page.reload();
      await page.locator('#app > .shell').waitFor();
      assert.equal(await page.getByRole('combobox', { name: 'Scenario' }).inputValue(), 'rpc-call');
      await page.waitForFunction((want) => document.querySelector('input.timeline')?.value === want, position);
    },
  },
  {
    name: 'kept work that does not load is reported and the page still works',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await page.evaluate(() => localStorage.setItem('kaiten.work', '{"kaiten_saved": 1, "scenario_name": null, "position": 0, "scenario": []}'));
      await page.reload();
      await page.locator('#app > .shell').waitFor();
      await page.getByText(/saved work/).first().waitFor();
      await page.getByRole('button', { name: 'Add queue', exact: true }).click();
      await canvasOf(page).getByRole('button', { name: 'queue-1', exact: true }).waitFor();
    },
  },
  {
    // The release bundle aborts at once on a panic (no message is compiled in), so a bug
    // reaches the page as a WebAssembly.RuntimeError: from an event handler or timer as an
    // `error` event, from the first render or a future as an `unhandledrejection`. Both are
    // dispatched here as the browser would; an ordinary script error is not Kaiten's.
    name: 'a wasm trap (a panic) shows the error banner with a reload link; other errors do not',
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      const banner = page.getByRole('alert').filter({ hasText: 'Kaiten stopped because of a bug.' });
      await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { error: new Error('not ours') })));
      assert.equal(await banner.count(), 0, 'a script error that is not a trap shows no banner');
      await page.evaluate(() => window.dispatchEvent(
        new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable') })));
      await banner.waitFor();
      assert.match(await banner.textContent(), /RuntimeError: unreachable/);
      assert.equal(await banner.getByRole('link', { name: 'Reload the page' }).count(), 1);
      await page.evaluate(() => window.dispatchEvent(new PromiseRejectionEvent('unhandledrejection', {
        promise: Promise.resolve(), reason: new WebAssembly.RuntimeError('memory access out of bounds') })));
      await page.getByRole('alert').filter({ hasText: 'memory access out of bounds' }).waitFor();
      assert.equal(await page.locator('.panic-banner').count(), 1, 'one banner, the latest');
    },
  },
];
