// Interventions: breaking a running scenario from the canvas (context menu) and from the
// inspector (the "Break it" buttons), watching the run fork, and taking it back with Undo.
// Driven by role and accessible name; node states are read from the documented data-state
// and data-received attributes.
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, openApp, screenshot, sizeName } from './harness.mjs';
import { canvasOf, inspectorOf, nodeOf } from './editor.mjs';
import { logOf, nodeText, playbackButton, position, sleep, step, stepUntil, until } from './steps.mjs';

const scenarioSelect = (page) => page.getByRole('banner').getByRole('combobox', { name: 'Scenario', exact: true });
const menuOf = (page) => page.getByRole('menu', { name: 'Interventions', exact: true });
const marksOf = (page) => page.getByRole('list', { name: 'Interventions on the timeline', exact: true });

async function pick(page, name) {
  await scenarioSelect(page).selectOption(name);
  await until(async () => (await position(page)).value === 0 && await playbackButton(page, 'Step').isEnabled(),
    `${name} ready to play`);
}

const state = (page, name) => nodeOf(page, name).getAttribute('data-state');
const logText = async (page) => (await logOf(page).textContent()) ?? '';

/** Opens the context menu on a node (right click) and picks `item`. */
async function fromMenu(page, name, item) {
  await nodeOf(page, name).click({ button: 'right' });
  const menu = menuOf(page);
  await menu.waitFor();
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
  await until(async () => (await menu.count()) === 0, 'the menu to close');
}

export const tests = [
  {
    name: 'crash the RPC server during rpc-call: the request is lost and the call raises MessagingTimeout; Undo brings the reply back',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'rpc-call');
      // A server acks the request when it arrives, before it works on it: once it is busy,
      // its ack is on the wire ahead of anything a crash could do.
      let busy = null;
      await stepUntil(page, async () => {
        for (const name of ['compute-host1', 'compute-host2']) {
          if ((await state(page, name)) === 'busy') busy = name;
        }
        return busy;
      }, 'a server working on the call');
      await fromMenu(page, busy, `Crash ${busy}`);
      await until(async () => (await state(page, busy)) === 'stopped', `${busy} shown as stopped`);
      assert.match(await logText(page), new RegExp(`${busy} crashed`));
      await marksOf(page).getByRole('listitem', { name: new RegExp(`^Crash ${busy} at \\d+ ms$`) }).waitFor();
      await stepUntil(page, async () => (await nodeText(page, 'conductor')).includes('raised MessagingTimeout'),
        'the conductor raising MessagingTimeout', 600);
      // Undo takes the intervention back: the old future, where the call returns 42.
      await page.getByRole('toolbar', { name: 'Canvas tools', exact: true }).getByRole('button', { name: 'Undo' }).click();
      await until(async () => (await marksOf(page).getByRole('listitem').count()) === 0, 'the timeline mark to go');
      await stepUntil(page, async () => (await nodeText(page, 'conductor')).includes('returned 42'),
        'the conductor getting 42 back', 600);
    },
  },
  {
    name: 'crash a consumer holding unacked messages: they are redelivered to the other consumer',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'work-queues');
      await stepUntil(page, async () => (await nodeText(page, 'fast')).match(/busy · [2-9] unacked/),
        'fast holding two unacked tasks');
      await nodeOf(page, 'fast').click();
      const breakIt = inspectorOf(page).getByRole('group', { name: 'Break it', exact: true });
      await breakIt.getByRole('button', { name: 'Crash fast', exact: true }).click();
      await until(async () => (await state(page, 'fast')) === 'stopped', 'fast shown as stopped');
      assert.match(await logText(page), /fast crashed: the process is gone/);
      await stepUntil(page, async () => /the broker saw fast's connection close with \d+ unacked messages?/.test(await logText(page)),
        "the broker noticing fast's connection close");
      await stepUntil(page, async () => /slow received '[^']+' from queue 'tasks' \(a redelivery\)/.test(await logText(page)),
        'slow receiving a redelivered task');
    },
  },
  {
    name: 'restart the broker: the non-durable queue goes, the durable one keeps its persistent messages',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'broker-restart-durability');
      // Before the scenario's own restart at 1 s, restart the broker from the canvas.
      await stepUntil(page, async () => (await nodeText(page, 'kept')).includes('4 ready'), 'kept holding 4 messages');
      // An empty spot of the canvas (its bottom left corner) stands for the broker.
      const box = await canvasOf(page).boundingBox();
      await canvasOf(page).click({ button: 'right', position: { x: 24, y: box.height - 24 } });
      await menuOf(page).getByRole('menuitem', { name: 'Restart the broker', exact: true }).click();
      await until(async () => (await state(page, 'scratch')) === 'gone', 'scratch shown as gone');
      assert.match(await nodeText(page, 'scratch'), /gone from the broker/);
      assert.match(await nodeText(page, 'kept'), /2 ready/, 'kept keeps the two persistent messages sent so far');
      assert.match(await logText(page), /queue 'scratch' is gone: it was not durable and the broker restarted/);
    },
  },
  {
    name: 'a message on the wire can be dropped from its inspector, and the log says what follows',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'hello-world');
      const token = canvasOf(page).getByRole('img', { name: /^Message / }).first();
      await stepUntil(page, async () => (await token.count()) > 0, 'a message on the wire', 50);
      await token.click();
      const breakIt = inspectorOf(page).getByRole('group', { name: 'Break it', exact: true });
      await breakIt.getByRole('button', { name: 'Drop this message', exact: true }).click();
      await until(async () => /you dropped '[^']+' on its way from /.test(await logText(page)), 'the drop in the log');
    },
  },
  {
    name: 'a binding added mid-run routes what comes next',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'routing');
      await nodeOf(page, 'errors').click();
      const breakIt = inspectorOf(page).getByRole('group', { name: 'Break it', exact: true });
      await breakIt.getByRole('combobox', { name: 'Exchange', exact: true }).selectOption('direct_logs');
      await breakIt.getByRole('textbox', { name: 'Binding key', exact: true }).fill('info');
      await breakIt.getByRole('button', { name: "Bind queue 'errors' to it", exact: true }).click();
      await until(async () => /you bound queue 'errors' to exchange 'direct_logs' with binding key 'info'/.test(await logText(page)),
        'the binding in the log');
      await stepUntil(page, async () => /routed '[^']*info[^']*' to 'all', 'errors'|routed '[^']*info[^']*' to 'errors', 'all'/.test(await logText(page)),
        'an info message routed to errors too');
    },
  },
  {
    name: 'the keyboard reaches every intervention: Enter on a node, then its "Break it" buttons',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'work-queues');
      await step(page);
      await nodeOf(page, 'slow').focus();
      await page.keyboard.press('Enter');
      const pause = inspectorOf(page).getByRole('group', { name: 'Break it', exact: true })
        .getByRole('button', { name: 'Pause slow', exact: true });
      await pause.focus();
      await page.keyboard.press('Enter');
      await until(async () => (await state(page, 'slow')) === 'paused', 'slow shown as paused');
      assert.match(await logText(page), /slow is paused: what it is sent waits unhandled/);
      const resume = inspectorOf(page).getByRole('button', { name: 'Resume slow', exact: true });
      await resume.focus();
      await page.keyboard.press('Enter');
      await until(async () => (await state(page, 'slow')) !== 'paused', 'slow running again');
    },
  },
  {
    name: 'on a touch screen, a finger held on a node opens its interventions',
    viewport: PHONE,
    touch: true,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'work-queues');
      await step(page);
      const middleOf = async () => {
        const box = await nodeOf(page, 'fast').boundingBox();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      };
      const cdp = await page.context().newCDPSession(page);
      // A short tap opens nothing (it selects the node, which may move the page); a finger
      // held still does.
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [await middleOf()] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await sleep(800);
      assert.equal(await menuOf(page).count(), 0, 'a tap opens no menu');
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [await middleOf()] });
      await menuOf(page).getByRole('menuitem', { name: 'Crash fast', exact: true }).waitFor();
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await menuOf(page).getByRole('menuitem', { name: 'Crash fast', exact: true }).click();
      await until(async () => (await state(page, 'fast')) === 'stopped', 'fast shown as stopped');
    },
  },
  ...[DESKTOP, PHONE].flatMap((viewport) => ['light', 'dark'].map((colorScheme) => ({
    name: `screenshots: a crashed consumer and its redelivery, and the menu, at ${sizeName(viewport)}, ${colorScheme}`,
    viewport,
    colorScheme,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'consumer-crash-before-ack');
      await stepUntil(page, async () => (await state(page, 'worker-a')) === 'stopped', 'worker-a crashed');
      await step(page);
      await step(page);
      await screenshot(page, `interventions-consumer-crash-${sizeName(viewport)}-${colorScheme}`);
      await nodeOf(page, 'worker-b').click({ button: 'right' });
      await menuOf(page).waitFor();
      await screenshot(page, `interventions-menu-${sizeName(viewport)}-${colorScheme}`);
      await page.keyboard.press('Escape');
      await until(async () => (await menuOf(page).count()) === 0, 'Escape to close the menu');
    },
  }))),
];
