// Simulator speed in the browser against native: runs the benchmark load scenario in the
// built app (headless Chromium, through the page's exported `kaiten_run_load`) and natively
// (the `load` example), and prints both and their ratio. A benchmark, not a test.
//
// Usage: node scripts/wasm-bench.mjs PATH/TO/load [MESSAGES_PER_PRODUCER] [RUNS]
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serveDir } from './static-server.mjs';

const [nativeBinary, messagesArg = '40', runsArg = '5'] = process.argv.slice(2);
const messages = Number(messagesArg);
const runs = Number(runsArg);

const native = JSON.parse(execFileSync(nativeBinary, [String(messages), String(runs)], { encoding: 'utf8' }));

const server = await serveDir(process.env.KAITEN_DIST ?? new URL('../dist', import.meta.url).pathname, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.kaiten_run_load);
  const wasm = await page.evaluate(({ messages, runs }) => {
    let best = Infinity;
    let entries = 0;
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      entries = window.wasmBindings.kaiten_run_load(messages);
      best = Math.min(best, performance.now() - start);
    }
    return { entries, best_ms: best };
  }, { messages, runs });
  if (wasm.entries !== native.entries) {
    throw new Error(`wasm produced ${wasm.entries} trace entries, native ${native.entries}: the runs differ`);
  }
  const rate = (ms) => Math.round(native.entries / (ms / 1000)).toLocaleString('en-US');
  console.log(`load scenario: ${native.steps} steps, ${native.entries} trace entries`);
  console.log(`native: ${native.best_ms.toFixed(1)} ms (${rate(native.best_ms)} entries/s)`);
  console.log(`wasm:   ${wasm.best_ms.toFixed(1)} ms (${rate(wasm.best_ms)} entries/s)`);
  console.log(`wasm speed / native speed: ${(native.best_ms / wasm.best_ms).toFixed(2)}`);
} finally {
  await browser.close();
  server.close();
}
