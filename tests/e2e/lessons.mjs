// Lessons in the browser, driven by role and name: the first-visit offer, a question answered
// wrongly then rightly with the engine's explanation, a task solved by editing the canvas
// (the goals turn done), Hint and Show solution, progress kept across a reload, a lesson from
// a link and from a file, one lesson in Chinese, and screenshots at desktop and phone size.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DESKTOP, PHONE, openApp, screenshot, sizeName } from './harness.mjs';

const LESSONS = join(import.meta.dirname, '..', '..', 'src', 'lesson', 'builtin');
const region = (page) => page.getByRole('region', { name: 'Lesson' });

async function answerRouted(page, question, queues) {
  const group = region(page).getByRole('group', { name: question });
  for (const queue of queues) await group.getByRole('checkbox', { name: queue, exact: true }).click();
  await region(page).getByRole('button', { name: 'Check answer' }).click();
  const status = region(page).getByRole('status').filter({ hasText: /Right|Not quite/ });
  await status.waitFor();
  return status.innerText();
}

export const tests = [
  {
    name: 'a first visit offers the first lesson; a question is answered wrongly, then rightly, with the engine explaining why',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl, { welcome: true });
      const welcome = page.getByRole('dialog', { name: 'Welcome to Kaiten' });
      await welcome.waitFor();
      await screenshot(page, `lessons-welcome-${sizeName(viewport)}`);
      await welcome.getByRole('button', { name: 'All lessons' }).click();
      const list = page.getByRole('dialog', { name: 'Lessons' });
      await list.getByRole('button', { name: /Direct exchanges/ }).click();
      await region(page).getByText('Step 1 of 4').waitFor();
      await region(page).getByRole('button', { name: 'Next' }).click();
      const question = "error_logger publishes with routing key 'error'. Which queues receive the message?";
      const wrong = await answerRouted(page, question, ['errors']);
      assert.match(wrong, /Not quite\. The answer: 'all', 'errors'\./);
      assert.match(wrong, /'direct_logs' binding 'error' -> 'errors': matched/);
      // The verdict has the focus, so a screen reader reads it.
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'lesson-status');
      await region(page).getByRole('button', { name: 'Try again' }).click();
      const right = await answerRouted(page, question, ['errors', 'all']);
      assert.match(right, /^Right\./);
      await screenshot(page, `lessons-verdict-${sizeName(viewport)}`);
    },
  },
  {
    name: 'a task is solved by editing the canvas, the goals turn done, and progress survives a reload',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, `${baseUrl}?lesson=fix-the-binding`);
      await region(page).getByText('Step 1 of 2').waitFor();
      await region(page).getByRole('button', { name: 'Next' }).click();
      const goals = region(page).getByRole('list', { name: 'Goals' });
      assert.equal(await goals.getByText('not done').count(), 2);
      await region(page).getByRole('button', { name: 'Hint' }).click();
      await region(page).getByText(/binding by binding/).waitFor();
      // Fix the binding key in the inspector: select the binding by its key, then edit it.
      await page.getByRole('group', { name: 'Canvas', exact: true }).getByRole('button', { name: /eror/ }).first().click();
      const key = page.getByRole('textbox', { name: 'Binding key' });
      await key.fill('error');
      await key.press('Enter');
      await goals.getByText('not done').waitFor({ state: 'detached' });
      assert.equal(await goals.getByText('done', { exact: true }).count(), 2);
      await screenshot(page, 'lessons-task-solved-1280x800');
      await region(page).getByRole('button', { name: 'Finish' }).click();
      await page.reload();
      await page.locator('#app > .shell').waitFor();
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      const item = page.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: /Fix this topology: the pager/ });
      assert.match(await item.innerText(), /solved/);
    },
  },
  {
    name: 'Show solution meets the goals and counts as shown; a lesson opens from a file',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      const text = await readFile(join(LESSONS, 'fix-the-binding.json'));
      await page.getByLabel('Open', { exact: true }).setInputFiles({ name: 'lesson.json', mimeType: 'application/json', buffer: text });
      await region(page).getByRole('button', { name: 'Next' }).click();
      await region(page).getByRole('button', { name: 'Show solution' }).click();
      await region(page).getByText('Solution shown').waitFor();
      await region(page).getByRole('button', { name: 'Finish' }).click();
      await region(page).getByRole('button', { name: 'Leave lesson' }).click();
      await region(page).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      const item = page.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: /Fix this topology: the pager/ });
      assert.match(await item.innerText(), /solution shown/);
    },
  },
  {
    name: 'a lesson in Chinese, and the lesson panel at phone size in dark mode',
    viewport: PHONE,
    colorScheme: 'dark',
    async run({ page, baseUrl, viewport }) {
      await openApp(page, `${baseUrl}?lesson=direct-routing`);
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      const lesson = page.getByRole('region', { name: '课程' });
      await lesson.getByText('第 1 步，共 4 步').waitFor();
      await lesson.getByRole('button', { name: '下一步' }).click();
      const group = lesson.getByRole('group', { name: /error_logger/ });
      await group.getByRole('checkbox', { name: 'errors', exact: true }).check();
      await lesson.getByRole('button', { name: '检查答案' }).click();
      await lesson.getByText(/不完全对/).waitFor();
      await lesson.scrollIntoViewIfNeeded();
      await screenshot(page, `lessons-zh-dark-${sizeName(viewport)}`);
    },
  },
];
