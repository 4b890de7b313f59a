// The engine in the browser replays exactly as natively: for every built-in scenario, the
// trace digest computed by the wasm build (the page's exported `kaiten_trace_digest`) equals
// the one the native CLI prints (`kaiten run NAME --seed N --digest`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openApp } from './harness.mjs';

const SEEDS = [1, 42];

function nativeKaiten() {
  for (const profile of ['debug', 'release']) {
    const path = join(ROOT, 'target', profile, 'kaiten');
    if (existsSync(path)) return path;
  }
  throw new Error('no native kaiten binary in target/; run cargo build --bin kaiten first');
}

export const tests = [
  {
    name: 'built-in scenarios give the same trace in wasm as natively',
    async run({ page, baseUrl }) {
      const kaiten = nativeKaiten();
      await openApp(page, baseUrl);
      const names = execFileSync(kaiten, ['run', '--list'], { encoding: 'utf8' })
        .trim().split('\n').map((line) => line.split(/\s+/)[0]);
      if (names.length < 10) throw new Error(`only ${names.length} built-in scenarios listed`);
      await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.kaiten_trace_digest);
      const mismatches = [];
      for (const name of names) {
        for (const seed of SEEDS) {
          const native = execFileSync(kaiten, ['run', name, '--seed', String(seed), '--digest'], { encoding: 'utf8' }).trim();
          const wasm = await page.evaluate(({ name, seed }) => window.wasmBindings.kaiten_trace_digest(name, BigInt(seed)), { name, seed });
          if (native !== wasm) mismatches.push(`${name} seed ${seed}: native ${native}, wasm ${wasm}`);
        }
      }
      if (mismatches.length > 0) throw new Error(`traces differ:\n    ${mismatches.join('\n    ')}`);
    },
  },
];
