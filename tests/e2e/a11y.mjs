// Accessibility: axe-core (Deque's WCAG rules engine) over the states a learner meets: the
// empty editor; rpc-call mid-run with the event log, the sequence diagram and the charts; a
// notifications run; dark mode; phone size; Chinese; a lesson; the run as text. No critical
// or serious violation passes, nor any moderate one that is not listed below with its reason.
// Also: the run as text (T) opens with one key, takes focus, and says the step, the wire and
// each queue's depth in words, in English and Chinese.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DESKTOP, PHONE, ROOT, openApp, screenshot, sizeName } from './harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** Moderate violations that are accepted, each with why. None today. */
const ACCEPTED_MODERATE = new Map();

/** Runs axe over the page and fails on what is not accepted, listing each with its nodes. */
async function checkAxe(page, state) {
  if (!await page.evaluate(() => 'axe' in window)) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 4).map((node) => `${node.target.join(' ')}: ${node.failureSummary?.split('\n')[1]?.trim()}\n        ${document.querySelector(node.target[0])?.outerHTML.slice(0, 1200)}`),
    }));
  });
  const failing = violations.filter((v) => !(v.impact === 'moderate' || v.impact === 'minor') || (v.impact === 'moderate' && !ACCEPTED_MODERATE.has(v.id)));
  assert.deepEqual(
    failing.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n      ${v.nodes.join('\n      ')}`), [],
    `axe found violations in ${state}`,
  );
}

/** Presses Right (Step) until the run is at least at `step`. */
async function stepTo(page, step) {
  const timeline = page.locator('input.timeline');
  await timeline.waitFor();
  while (Number(await timeline.inputValue()) < step) {
    const before = await timeline.inputValue();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((before) => document.querySelector('input.timeline')?.value !== before, before);
  }
}

/** Switches the page to Simplified Chinese by the header's language switch. */
async function speakChinese(page) {
  await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
}

const runText = (page, name = 'Run as text') => page.getByRole('region', { name, exact: true });

export const tests = [
  {
    name: 'axe: the empty editor',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await checkAxe(page, 'the empty editor');
    },
  },
  {
    name: 'axe: rpc-call mid-run, with the event log, the sequence diagram and the charts',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, `${baseUrl}?scenario=rpc-call`);
      await stepTo(page, 8);
      for (const tab of ['Event log', 'Sequence diagram', 'Charts']) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        await checkAxe(page, `rpc-call at step 8, ${tab}`);
      }
    },
  },
  {
    name: 'axe: a notifications run in dark mode',
    viewport: DESKTOP,
    colorScheme: 'dark',
    async run({ page, baseUrl }) {
      await openApp(page, `${baseUrl}?scenario=notifications`);
      await stepTo(page, 6);
      await checkAxe(page, 'notifications at step 6, dark');
    },
  },
  {
    name: `axe: rpc-call at phone size ${sizeName(PHONE)}`,
    viewport: PHONE,
    async run({ page, baseUrl }) {
      await openApp(page, `${baseUrl}?scenario=rpc-call`);
      await stepTo(page, 8);
      await checkAxe(page, 'rpc-call at phone size');
    },
  },
  {
    name: 'axe: a lesson in Chinese',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, `${baseUrl}?lesson=direct-routing`);
      await speakChinese(page);
      await page.getByRole('region', { name: '课程', exact: true }).waitFor();
      await checkAxe(page, 'the direct-routing lesson in Chinese');
    },
  },
  {
    name: 'the run as text opens with T, takes focus, and reads the step, the wire and each queue',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, `${baseUrl}?scenario=rpc-call`);
      await stepTo(page, 4);
      await page.keyboard.press('t');
      const region = runText(page);
      await region.waitFor();
      assert.ok(await region.evaluate((el) => el === document.activeElement), 'focus moves to the run as text');
      assert.match(await region.textContent(), /Now: step 4 of 30, 200 ms/);
      const wire = region.getByRole('list').nth(1);
      assert.match(await wire.textContent(), /RPC request \(call\) call add [0-9a-f]{8}: 200 → 209 ms: conductor → nova/);
      const nodes = region.getByRole('list').nth(2);
      assert.match(await nodes.textContent(), /conductor \(RPC client\): blocked in call\(\) · 5000 ms left/);
      assert.match(await nodes.textContent(), /compute \(Queue\): 0 ready · 0 unacked/);
      // A Step is read out there: the live part says the new moment.
      await page.keyboard.press('ArrowRight');
      await region.getByText(/Now: step 5 of 30/).waitFor();
      assert.equal(await region.locator('[aria-live="polite"]').count(), 1, 'the moment is a polite live region while paused');
      await checkAxe(page, 'rpc-call with the run as text');
      await screenshot(page, `run-as-text-${sizeName(viewport)}`);
      await page.keyboard.press('t');
      await region.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'the run as text in Chinese, and Escape hides it',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, `${baseUrl}?scenario=rpc-call`);
      await speakChinese(page);
      await stepTo(page, 4);
      await page.keyboard.press('T');
      const region = runText(page, '文字形式的运行');
      await region.waitFor();
      assert.match(await region.textContent(), /当前：第 4 步，共 30 步，200 ms/);
      assert.match(await region.textContent(), /conductor（RPC 客户端）：阻塞在 call\(\) · 剩余 5000 ms/);
      await page.keyboard.press('Escape');
      await region.waitFor({ state: 'detached' });
    },
  },
];
