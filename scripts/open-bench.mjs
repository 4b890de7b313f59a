// Opening a big topology in the browser (issue 23): a definitions file of 2,000, 5,000 and
// 10,000 entries (exchanges, queues and bindings) opened through the Open button of the
// release bundle in headless Chromium, timed to the first drawn canvas, then wheel zooms and
// drag pans timed in the page from the input event to the frame that shows it.
//
//   node scripts/open-bench.mjs [sizes, comma-separated] [zooms and pans each]
//
// A benchmark, not a test: it prints figures (BENCHMARKS.md), and asserts nothing about them.

import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { serveDir } from './static-server.mjs';

const DIST = process.env.KAITEN_DIST ?? new URL('../dist', import.meta.url).pathname;
const VIEWPORT = { width: 1280, height: 800 };
const [sizesArg = '2000,5000,10000', movesArg = '20'] = process.argv.slice(2);
const SIZES = sizesArg.split(',').map(Number);
const MOVES = Number(movesArg);

/** A definitions document of about `entries` entries: a fifth exchanges, two fifths each
 * queues and bindings, shaped like services fanning into per-host queues. */
function definitions(entries) {
  const nExchanges = Math.floor(entries / 5);
  const nQueues = Math.floor((entries * 2) / 5);
  const nBindings = entries - nExchanges - nQueues;
  const vhost = '/';
  const exchanges = Array.from({ length: nExchanges }, (_, i) => ({
    name: `svc${i}`, vhost, type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {},
  }));
  const queues = Array.from({ length: nQueues }, (_, i) => ({
    name: `svc${i % nExchanges}.host${i}`, vhost, durable: true, auto_delete: false, arguments: {},
  }));
  const bindings = Array.from({ length: nBindings }, (_, i) => ({
    source: `svc${i % nExchanges}`, vhost, destination: queues[i % nQueues].name, destination_type: 'queue',
    routing_key: `task.${i}.#`, arguments: {},
  }));
  return JSON.stringify({ rabbit_version: '3.10.8', exchanges, queues, bindings });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const nextFrame = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** In the page: from each wheel or pointer-move event to the frame that first shows the
 * drawing's new transform (the event's timeStamp to that frame's requestAnimationFrame). */
function installRecorder() {
  window.kaitenMoves = [];
  let pending = null;
  for (const type of ['wheel', 'pointermove']) {
    window.addEventListener(type, (event) => { if (pending === null) pending = event.timeStamp; }, { capture: true });
  }
  const world = document.querySelector('svg.canvas g.world');
  new MutationObserver(() => {
    if (pending === null) return;
    const since = pending;
    pending = null;
    requestAnimationFrame(() => window.kaitenMoves.push(performance.now() - since));
  }).observe(world, { attributes: true, attributeFilter: ['transform'] });
}

const takeMoves = (page) => page.evaluate(() => window.kaitenMoves.splice(0));
const pause = (ms) => new Promise((done) => setTimeout(done, ms));

async function measure(browser, url, entries) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(url);
  // A first visit offers the first lesson in a dialog: turn it down.
  await page.locator('.dialog.welcome button').last().click();
  const text = definitions(entries);
  const start = performance.now();
  await page.getByLabel('Open', { exact: true }).setInputFiles({ name: `big-${entries}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.locator('svg.canvas g.nodes > g').first().waitFor();
  await nextFrame(page);
  const open = performance.now() - start;
  const drawn = await page.locator('svg.canvas g.nodes > g').count();
  const box = await page.locator('svg.canvas').boundingBox();
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  await page.evaluate(installRecorder);
  for (let i = 0; i < MOVES; i += 1) {
    await page.mouse.wheel(0, i % 2 ? 120 : -120);
    await pause(150);
  }
  const zooms = await takeMoves(page);
  for (let i = 0; i < MOVES; i += 1) {
    const dx = i % 2 ? -80 : 80;
    await page.mouse.move(centre.x, centre.y + 150);
    await page.mouse.down();
    await page.mouse.move(centre.x + dx, centre.y + 150, { steps: 4 });
    await page.mouse.up();
    await pause(150);
  }
  const pans = await takeMoves(page);
  await context.close();
  return { entries, open, drawn, zooms, pans };
}

const { url, close } = await serveDir(DIST, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
console.log(`load average at the start: ${loadavg()[0].toFixed(2)}`);
try {
  for (const entries of SIZES) {
    const run = await measure(browser, url, entries);
    const fmt = (values) => `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms`;
    console.log(`${entries} entries: open to the drawn canvas ${run.open.toFixed(0)} ms (${run.drawn} nodes drawn); wheel zoom ${fmt(run.zooms)}; pan ${fmt(run.pans)}`);
  }
} finally {
  await browser.close();
  await close();
}
