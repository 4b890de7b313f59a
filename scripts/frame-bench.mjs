// Browser performance of the built app (headless Chromium): frame times while playing the
// generated load scenario (`?scenario=load`) at 1x and 16x, wasm time per engine step, time
// from navigation to the first click's effect, and the bundle's size. A benchmark, not a
// test: it prints figures next to their targets and fails on nothing but a broken page.
// Each browser figure is the median of RUNS runs (default 3); see BENCHMARKS.md.
//
// Usage: node scripts/frame-bench.mjs [PATH/TO/load] [RUNS]
//   PATH/TO/load is the native `load` example (`cargo build --release --example load`),
//   which prints the step count of the benchmark run; without it, the wasm figure is trace
//   entries per second only.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveDir } from './static-server.mjs';

const [nativeBinary = '', runsArg = '3'] = process.argv.slice(2);
const RUNS = Number(runsArg);
const DIST = process.env.KAITEN_DIST ?? new URL('../dist', import.meta.url).pathname;
const VIEWPORT = { width: 1280, height: 800 };
const WARM_UP_MS = 1000;
const WINDOW_MS = 5000;
const LOAD_MESSAGES = 40; // per producer, as scripts/wasm-bench.mjs runs it
const SPEEDS = [{ label: '1x', value: '2' }, { label: '16x', value: '6' }];

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const ms = (value) => `${value.toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// ---------------------------------------------------------------------------------------
// The bundle: copied aside first, since dist/ is rebuilt (replaced) from time to time.

/** Copies dist/'s files to a temporary directory once index.html and what it names exist. */
async function snapshotDist() {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      const html = readFileSync(join(DIST, 'index.html'), 'utf8');
      const named = [...html.matchAll(/(?:href|src)="\/?([^"/]+\.(?:wasm|js|css))"/g)].map((m) => m[1]);
      if (named.length && named.every((file) => existsSync(join(DIST, file)))) {
        const dir = mkdtempSync(join(tmpdir(), 'kaiten-frame-bench-'));
        for (const entry of readdirSync(DIST, { withFileTypes: true })) {
          if (entry.isFile()) copyFileSync(join(DIST, entry.name), join(dir, entry.name));
        }
        // A rebuild may have replaced dist/ while it was copied: then copy again.
        if (named.every((file) => existsSync(join(dir, file))) && readFileSync(join(DIST, 'index.html'), 'utf8') === html) return dir;
        rmSync(dir, { recursive: true, force: true });
      }
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
    if (attempt === 0) console.log('waiting for dist/ (scripts/dev build)...');
    await sleep(2000);
  }
  throw new Error('dist/ has no complete build: run scripts/dev build');
}

function bundleSizes(dir) {
  const rows = readdirSync(dir)
    .filter((name) => /\.(wasm|js|css)$/.test(name))
    .map((name) => {
      const body = readFileSync(join(dir, name));
      return { name, raw: statSync(join(dir, name)).size, gzip: gzipSync(body, { level: 9 }).length };
    });
  return { rows, raw: rows.reduce((sum, row) => sum + row.raw, 0), gzip: rows.reduce((sum, row) => sum + row.gzip, 0) };
}

// ---------------------------------------------------------------------------------------
// The browser

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (cold cache) and page that fails the run on a page error. */
// What the browser keeps after a first visit, so each fresh page is a returning visitor's:
// a first visit opens on the lesson offer, a dialog over the page (`returningVisit`).
let kept = null;

/** Visits once, turns down the first visit's offer, and keeps what the page then saved. */
async function returningVisit(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.dialog.welcome').waitFor({ timeout: 30_000 });
  await page.locator('.dialog.welcome button').last().click();
  await page.waitForFunction(() => localStorage.getItem('kaiten.work') !== null);
  kept = await page.evaluate(() => localStorage.getItem('kaiten.work'));
  await context.close();
}

async function freshPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (kept !== null) await context.addInitScript((work) => localStorage.setItem('kaiten.work', work), kept);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const close = async () => {
    await context.close();
    if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
  };
  return { context, page, close };
}

/**
 * First click: from page.goto to the "Keyboard shortcuts" dialog the first click on the
 * canvas toolbar's "?" button opens. In the page, a MutationObserver (installed before any
 * script runs) notes performance.now() (0 = navigation start) when the app's shell
 * mounts, when the click event arrives and when the dialog is in the DOM.
 */
async function firstClick(browser, url) {
  const { context, page, close } = await freshPage(browser);
  try {
    await page.addInitScript(() => {
      const marks = (window.__bench = {});
      window.addEventListener('click', () => { marks.click ??= performance.now(); }, { capture: true });
      new MutationObserver(() => {
        if (marks.shell === undefined && document.querySelector('#app > .shell')) marks.shell = performance.now();
        if (marks.dialog === undefined && document.querySelector('[role="dialog"]')) {
          marks.dialog = performance.now();
          requestAnimationFrame(() => { marks.frame = performance.now(); });
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const start = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page.getByRole('dialog').waitFor();
    const wall = performance.now() - start;
    await page.waitForFunction(() => window.__bench.frame !== undefined);
    const marks = await page.evaluate(() => ({
      ...window.__bench,
      wasm: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.wasm'))?.responseEnd,
    }));
    return { wall, ...marks };
  } finally {
    await close();
  }
}

/** Installs the frame recorder: every animation frame, its delta and the tokens on the canvas. */
const RECORDER = () => {
  const rec = (window.__frames = { deltas: [], tokens: [], playing: [], restarts: 0, cooldown: 0, on: true });
  let canvas = null;
  let tokens = null;
  let last = performance.now();
  const playButton = () => document.querySelector('[aria-label="Playback"] button[aria-label="Pause"], [aria-label="Playback"] button[aria-label="Play"]');
  const frame = (now) => {
    if (!rec.on) return;
    if (!canvas || !canvas.isConnected) {
      canvas = document.querySelector('svg.canvas');
      tokens = canvas ? canvas.getElementsByClassName('token') : null;
    }
    const playing = playButton()?.getAttribute('aria-label') === 'Pause';
    rec.deltas.push(now - last);
    rec.tokens.push(tokens ? tokens.length : 0);
    rec.playing.push(playing);
    last = now;
    if (rec.cooldown > 0) rec.cooldown -= 1;
    else if (!playing && rec.keepPlaying) {
      // The run ended inside the window: start it again from the beginning.
      rec.restarts += 1;
      rec.cooldown = 30; // frames for the app to show "Pause" again
      document.querySelector('[aria-label="Playback"] button[aria-label="Reset"]')?.click();
      playButton()?.click();
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(frame); });
};

/**
 * CPU time (ms) used so far by this script's Chromium: every descendant process (all
 * threads), and the renderers' main threads (thread id = process id) alone. Read from
 * /proc, to tell a busy main thread from one waiting for a core on a shared machine.
 */
function chromiumCpu() {
  const stats = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      stats.push({ pid: Number(pid), ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]), renderer: cmdline.includes('--type=renderer') });
    } catch { /* gone */ }
  }
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const stat of stats) if (!ours.has(stat.pid) && ours.has(stat.ppid)) { ours.add(stat.pid); grew = true; }
  }
  let all = 0;
  let main = 0;
  for (const stat of stats) {
    if (stat.pid === process.pid || !ours.has(stat.pid)) continue;
    all += stat.cpu;
    if (!stat.renderer) continue;
    try {
      const thread = readFileSync(`/proc/${stat.pid}/task/${stat.pid}/stat`, 'utf8');
      const fields = thread.slice(thread.lastIndexOf(')') + 2).split(' ');
      main += Number(fields[11]) + Number(fields[12]);
    } catch { /* gone */ }
  }
  return { all: all * TICK_MS, main: main * TICK_MS };
}
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

const metricsOf = async (cdp) => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

/** Plays the open load scenario at `speed` for the warm-up and the window; frame statistics. */
async function playWindow(page, cdp, speed) {
  const playback = page.getByRole('toolbar', { name: 'Playback' });
  const reset = playback.getByRole('button', { name: 'Reset' });
  if (await reset.isEnabled()) await reset.click();
  await playback.getByLabel('Speed').selectOption(speed);
  await playback.getByRole('button', { name: 'Play' }).click();
  await sleep(WARM_UP_MS);
  await page.evaluate(RECORDER);
  await page.evaluate(() => { window.__frames.keepPlaying = true; });
  const before = await metricsOf(cdp);
  const cpuBefore = chromiumCpu();
  await sleep(WINDOW_MS);
  const cpuAfter = chromiumCpu();
  const after = await metricsOf(cdp);
  const rec = await page.evaluate(() => { window.__frames.on = false; return window.__frames; });
  const pause = playback.getByRole('button', { name: 'Pause' });
  if (await pause.count()) await pause.click();
  // Frames while playing (a frame that saw the run end or restart is left out).
  const deltas = rec.deltas.filter((_, i) => rec.playing[i] && (i === 0 || rec.playing[i - 1]));
  const sorted = [...deltas].sort((a, b) => a - b);
  const tokens = rec.tokens.filter((_, i) => rec.playing[i]);
  const spent = (name) => (after[name] - before[name]) * 1000; // getMetrics durations are in s
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: sorted.at(-1),
    over: sorted.filter((d) => d > 16.7).length,
    tokensMean: tokens.reduce((sum, n) => sum + n, 0) / Math.max(1, tokens.length), tokensMax: Math.max(...tokens),
    restarts: rec.restarts,
    // Main-thread time over the window, ms: script (wasm + Yew + DOM calls), style, layout, all tasks.
    script: spent('ScriptDuration'), style: spent('RecalcStyleDuration'), layout: spent('LayoutDuration'),
    task: spent('TaskDuration'), window: (after.Timestamp - before.Timestamp) * 1000,
    // CPU actually used over the window, ms: the renderer's main thread, and all of Chromium.
    cpuMain: cpuAfter.main - cpuBefore.main, cpuAll: cpuAfter.all - cpuBefore.all,
  };
}

/** Opens `?scenario=load` in a fresh page and plays it at each speed in turn. */
async function frameRun(browser, url) {
  const { context, page, close } = await freshPage(browser);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const start = performance.now();
    await page.goto(`${url}?scenario=load`);
    const play = page.getByRole('toolbar', { name: 'Playback' }).getByRole('button', { name: 'Play' });
    await play.waitFor();
    await page.waitForFunction(() => {
      const button = document.querySelector('[aria-label="Playback"] button[aria-label="Play"]');
      return button && !button.disabled;
    }).catch(async (err) => {
      const status = await page.locator('.playback-status').textContent().catch(() => '?');
      throw new Error(`?scenario=load: Play never became enabled (playback status: ${status}): ${err.message}`);
    });
    const open = performance.now() - start;
    const result = { open };
    for (const { label, value } of SPEEDS) result[label] = await playWindow(page, cdp, value);
    return result;
  } finally {
    await close();
  }
}

/**
 * The benchmark load run through the page's `kaiten_run_load`, as scripts/wasm-bench.mjs
 * does: a first call (the module may still be in V8's baseline tier), then RUNS timed calls.
 */
async function wasmRuns(browser, url) {
  const { page, close } = await freshPage(browser);
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.kaiten_run_load);
    return await page.evaluate(({ messages, runs }) => {
      const times = [];
      let entries = 0;
      for (let run = 0; run <= runs; run += 1) {
        const start = performance.now();
        entries = window.wasmBindings.kaiten_run_load(messages);
        times.push(performance.now() - start);
      }
      return { entries, first: times[0], times: times.slice(1) };
    }, { messages: LOAD_MESSAGES, runs: RUNS });
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------------------------------

const dir = await snapshotDist();
const server = await serveDir(dir, 0);
const browser = await launch();
try {
  const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
  console.log(`headless Chromium ${browser.version()}, ${availableParallelism()} cores, load average ${load()}; ${RUNS} runs each, medians shown\n`);

  const bundle = bundleSizes(dir);
  console.log('Bundle (gzip level 9):');
  for (const row of bundle.rows) console.log(`  ${row.name}: ${kb(row.raw)} raw, ${kb(row.gzip)} gzipped`);
  console.log(`  total: ${kb(bundle.raw)} raw, ${kb(bundle.gzip)} gzipped   (target: 650 KB gzipped)\n`);

  await returningVisit(browser, server.url);
  const clicks = [];
  for (let run = 0; run < RUNS; run += 1) clicks.push(await firstClick(browser, server.url));
  const med = (key) => median(clicks.map((click) => click[key]));
  console.log('First click ("?" Keyboard shortcuts, from page.goto on a cold cache):');
  console.log(`  wall time in the test process to the dialog seen: ${ms(med('wall'))}   (target: under 500 ms)`);
  console.log(`  in the page (performance.now(), 0 = navigation start): wasm downloaded ${ms(med('wasm'))}, shell mounted ${ms(med('shell'))}, `
    + `click ${ms(med('click'))}, dialog in the DOM ${ms(med('dialog'))}, next frame ${ms(med('frame'))}`);
  console.log(`  runs (wall): ${clicks.map((click) => ms(click.wall)).join(', ')}\n`);

  const frames = [];
  for (let run = 0; run < RUNS; run += 1) frames.push(await frameRun(browser, server.url));
  console.log(`Load scenario (?scenario=load) open to Play enabled: ${ms(median(frames.map((f) => f.open)))}`);
  for (const { label } of SPEEDS) {
    const of = (key) => median(frames.map((f) => f[label][key]));
    const span = of('window');
    const share = (key) => `${ms(of(key))} (${Math.round((100 * of(key)) / span)}%)`;
    console.log(`Frames playing at ${label}, ${WINDOW_MS / 1000} s after ${WARM_UP_MS / 1000} s warm-up (${RUNS} runs, medians of each figure):`);
    console.log(`  frames ${of('count')}, p50 ${ms(of('p50'))}, p95 ${ms(of('p95'))}, p99 ${ms(of('p99'))}, max ${ms(of('max'))}`
      + `   (target: p95 under 16.7 ms)`);
    console.log(`  frames over 16.7 ms: ${of('over')}; tokens on the canvas: mean ${of('tokensMean').toFixed(0)}, max ${of('tokensMax')}`
      + `; restarts (run ended in the window): ${frames.map((f) => f[label].restarts).join(', ')}`);
    console.log(`  main thread over the ${ms(span)} window: tasks ${share('task')}, of which script ${share('script')}, `
      + `style ${share('style')}, layout ${share('layout')}`);
    console.log(`  CPU used over the window (from /proc): renderer main thread ${share('cpuMain')}, all of Chromium ${share('cpuAll')} `
      + `(200% = both cores)`);
    console.log(`  runs p95: ${frames.map((f) => ms(f[label].p95)).join(', ')}`);
  }
  console.log();

  const wasm = await wasmRuns(browser, server.url);
  const wasmMs = median(wasm.times);
  const entries = wasm.entries;
  console.log(`Wasm engine (kaiten_run_load(${LOAD_MESSAGES}), after a first call of ${ms(wasm.first)}): ${ms(wasmMs)}, `
    + `${entries} trace entries, ${Math.round(entries / (wasmMs / 1000)).toLocaleString('en-US')} entries/s`);
  if (nativeBinary && existsSync(nativeBinary)) {
    const native = JSON.parse(execFileSync(nativeBinary, [String(LOAD_MESSAGES), String(RUNS)], { encoding: 'utf8' }));
    if (native.entries !== entries) throw new Error(`wasm produced ${entries} trace entries, native ${native.entries}: the runs differ`);
    console.log(`  ${native.steps} world steps (from ${nativeBinary}): ${((wasmMs * 1000) / native.steps).toFixed(2)} µs per step`
      + ` (native ${native.best_ms.toFixed(1)} ms: ${((native.best_ms * 1000) / native.steps).toFixed(2)} µs per step)`);
  } else {
    console.log(`  per step: not measured (${nativeBinary ? `no native binary at ${nativeBinary}` : 'no native load binary given'}; `
      + 'it gives the step count: cargo build --release --example load)');
  }
  console.log(`\nload average at the end: ${load()}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
