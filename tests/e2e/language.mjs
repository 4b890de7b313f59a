// Language: the page in Simplified Chinese and back. Switches the "Language" combobox to 中文,
// finds the controls by their Chinese names, steps rpc-call to a routing decision and reads
// its explanation in Chinese, switches back to English, and checks that the choice is kept
// across a reload. Screenshots of the editor and of rpc-call mid-call in Chinese.
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, openApp, screenshot, sizeName } from './harness.mjs';
import { buildOrders } from './editor.mjs';

const languageOf = (page) => page.getByRole('banner').getByRole('combobox', { name: /^(Language|语言)$/ });
const playbackOf = (page, name) => page.getByRole('toolbar', { name, exact: true });
const canvasZh = (page) => page.getByRole('group', { name: '画布', exact: true });
const stepZh = (page) => playbackOf(page, '回放').getByRole('button', { name: '前进一步', exact: true });
const timelineZh = (page) => page.getByRole('slider', { name: '时间轴', exact: true });

/** Switches the page's language by the switch in the header ('zh-CN' or 'en'). */
async function speak(page, tag) {
  await languageOf(page).selectOption(tag);
  await page.waitForFunction((tag) => document.documentElement.lang === tag, tag);
}

/** Picks rpc-call by the Chinese Scenario picker and waits for its Chinese heading. */
async function pickRpcCall(page) {
  await page.getByRole('banner').getByRole('combobox', { name: '场景', exact: true }).selectOption('rpc-call');
  const about = page.getByRole('region', { name: '关于此场景', exact: true });
  await about.getByRole('heading', { name: /远程过程调用/ }).waitFor();
  assert.match(await about.textContent(), /conductor 在 topic 'compute' 上调用 add 三次/);
}

/** Clicks Step (前进一步) until `done` holds. */
async function stepUntil(page, done, what, limit = 200) {
  for (let taken = 0; taken < limit; taken += 1) {
    if (await done()) return;
    const before = await timelineZh(page).inputValue();
    await stepZh(page).click();
    await page.waitForFunction(
      ([before]) => document.querySelector('input.timeline')?.value !== before, [before], { timeout: 5_000 });
  }
  throw new Error(`${limit} steps without ${what}`);
}

const conductorBlocked = async (page) =>
  (await canvasZh(page).getByRole('button', { name: 'conductor', exact: true }).getAttribute('data-state')) === 'blocked';

export const tests = [
  {
    name: 'switch to 中文: Chinese control names and a routing explanation, then back to English',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await speak(page, 'zh-CN');
      for (const name of ['重置', '后退一步', '播放', '前进一步']) {
        await playbackOf(page, '回放').getByRole('button', { name, exact: true }).waitFor();
      }
      await page.getByRole('combobox', { name: '速度', exact: true }).waitFor();
      await page.getByLabel('虚拟时间', { exact: true }).waitFor();
      await page.getByRole('complementary', { name: '组件面板', exact: true })
        .getByRole('button', { name: '添加交换机', exact: true }).waitFor();

      await pickRpcCall(page);
      const log = page.getByRole('region', { name: '事件日志', exact: true });
      const why = log.getByRole('button', { name: '为什么', exact: true });
      await stepUntil(page, async () => (await why.count()) > 0, 'a routing decision with 为什么');
      await why.first().click();
      const lines = log.locator('.log-details li');
      await lines.first().waitFor();
      const said = await lines.allTextContents();
      assert.ok(said.some((line) => line.includes('绑定') && line.includes('匹配')),
        `a binding-by-binding line in Chinese: ${JSON.stringify(said)}`);
      await stepUntil(page, () => conductorBlocked(page), 'the conductor blocked in call()');
      assert.match(await canvasZh(page).getByRole('button', { name: 'conductor', exact: true }).locator('xpath=..').textContent(),
        /阻塞在 call\(\) · 剩余 \d+ ms/);

      await speak(page, 'en');
      await page.getByRole('toolbar', { name: 'Playback', exact: true })
        .getByRole('button', { name: 'Play', exact: true }).waitFor();
      await page.getByRole('region', { name: 'Event log', exact: true })
        .getByRole('button', { name: 'Why', exact: true }).first().waitFor();
    },
  },
  {
    name: 'the language picked is kept across a reload',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await speak(page, 'zh-CN');
      await page.reload();
      await page.locator('#app > .shell').waitFor({ state: 'visible', timeout: 30_000 });
      await playbackOf(page, '回放').getByRole('button', { name: '播放', exact: true }).waitFor();
      assert.equal(await languageOf(page).inputValue(), 'zh-CN');
      await speak(page, 'en');
      await page.reload();
      await page.locator('#app > .shell').waitFor({ state: 'visible', timeout: 30_000 });
      await playbackOf(page, 'Playback').getByRole('button', { name: 'Play', exact: true }).waitFor();
    },
  },
  ...[DESKTOP, PHONE].map((viewport) => ({
    name: `screenshots in Chinese: the editor and rpc-call mid-call at ${sizeName(viewport)}`,
    viewport,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      if (viewport === DESKTOP) {
        await buildOrders(page);
        await speak(page, 'zh-CN');
      } else {
        await speak(page, 'zh-CN');
        for (const name of ['添加生产者', '添加交换机', '添加队列']) {
          await page.getByRole('button', { name, exact: true }).click();
        }
      }
      await canvasZh(page).waitFor();
      await screenshot(page, `language-zh-editor-${sizeName(viewport)}`);
      await pickRpcCall(page);
      await stepUntil(page, () => conductorBlocked(page), 'the conductor blocked in call()');
      await screenshot(page, `language-zh-rpc-call-blocked-${sizeName(viewport)}`);
    },
  })),
];
