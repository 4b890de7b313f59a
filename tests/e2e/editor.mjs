// The topology editor: drawing, connecting, live route matches, undo/redo, delete.
// The drawing is done with the mouse only (palette drags, port-to-node drags, clicks);
// text goes into the inspector's fields with the keyboard, as a user would type it.
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, openApp, screenshot, sizeName } from './harness.mjs';

export const canvasOf = (page) => page.getByRole('group', { name: 'Canvas', exact: true });
export const inspectorOf = (page) => page.getByRole('complementary', { name: 'Inspector' });
export const nodeOf = (page, name) => canvasOf(page).getByRole('button', { name, exact: true });
// Edges are found by name and waited for as attached: a straight edge has a flat box,
// which Playwright would call invisible.
const edgeOf = (page, name) => canvasOf(page).getByRole('button', { name, exact: true });
export const center = (box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Presses at `from`, moves to `to` in small steps, releases: a real drag. */
export async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

/** Drags a palette button onto the canvas at (x, y) inside the canvas; returns the new node's name. */
async function dropNode(page, label, x, y) {
  const button = page.getByRole('button', { name: label, exact: true });
  const canvas = await canvasOf(page).boundingBox();
  await drag(page, center(await button.boundingBox()), { x: canvas.x + x, y: canvas.y + y });
  return (await inspectorOf(page).getByRole('heading', { level: 3 }).textContent()).trim();
}

/** The screen position of a node's out port (the dot on its right edge). */
async function portOf(page, name) {
  const port = nodeOf(page, name).locator('.port-out');
  return center(await port.boundingBox());
}

async function connect(page, from, to) {
  await drag(page, await portOf(page, from), center(await nodeOf(page, to).locator('.node-box').boundingBox()));
}

/** Clicks a text field of the inspector, selects what is there and types over it. */
export async function typeInto(page, label, text) {
  const field = inspectorOf(page).getByLabel(label, { exact: true });
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

export async function clickNode(page, name) {
  const box = await nodeOf(page, name).locator('.node-box').boundingBox();
  await page.mouse.click(box.x + 20, box.y + box.height / 2);
}

/** Every node and edge on the canvas, by accessible name, sorted. */
async function drawing(page) {
  const names = await canvasOf(page).locator('[role="button"]').evaluateAll((els) =>
    els.map((el) => el.getAttribute('aria-label')));
  return names.sort();
}

const lit = (page, name) => edgeOf(page, name).getAttribute('data-lit');

/** producer -> topic exchange -> queues bound with order.* and order.# -> two consumers. */
export async function buildOrders(page) {
  await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
  const producer = await dropNode(page, 'Add producer', 80, 300);
  const exchange = await dropNode(page, 'Add exchange', 260, 300);
  const star = await dropNode(page, 'Add queue', 450, 200);
  const hash = await dropNode(page, 'Add queue', 450, 400);
  const first = await dropNode(page, 'Add consumer', 640, 200);
  const second = await dropNode(page, 'Add consumer', 640, 400);
  assert.deepEqual([producer, exchange, star, hash, first, second],
    ['producer-1', 'exchange-1', 'queue-1', 'queue-2', 'consumer-1', 'consumer-2']);

  await clickNode(page, exchange);
  await inspectorOf(page).getByRole('radio', { name: 'topic', exact: true }).click();
  await connect(page, producer, exchange);
  await edgeOf(page, 'producer-1 publishes to exchange-1').waitFor({ state: 'attached' });
  await connect(page, exchange, star);
  await typeInto(page, 'Binding key', 'order.*');
  await connect(page, exchange, hash);
  await typeInto(page, 'Binding key', 'order.#');
  await connect(page, star, first);
  await connect(page, hash, second);
  for (const name of ['Binding order.* from exchange-1 to queue-1', 'Binding order.# from exchange-1 to queue-2',
    'consumer-1 consumes from queue-1', 'consumer-2 consumes from queue-2']) {
    await edgeOf(page, name).waitFor({ state: 'attached' });
  }
}

async function checkRoute(page, key, expected, summary) {
  await clickNode(page, 'producer-1');
  await typeInto(page, 'Routing key', key);
  const preview = inspectorOf(page).getByRole('region', { name: 'Route preview' });
  await preview.getByText(summary, { exact: true }).waitFor();
  assert.equal(await lit(page, 'Binding order.* from exchange-1 to queue-1'), expected.star, `order.* for ${key}`);
  assert.equal(await lit(page, 'Binding order.# from exchange-1 to queue-2'), expected.hash, `order.# for ${key}`);
  return preview;
}

export const tests = [
  {
    name: `build a topic topology and see which bindings match at ${sizeName(DESKTOP)}`,
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      await buildOrders(page);

      const preview = await checkRoute(page, 'order.created', { star: 'matched', hash: 'matched' },
        "A message with routing key 'order.created' goes to queues 'queue-1' and 'queue-2'.");
      await preview.getByText("'exchange-1' binding 'order.*' -> 'queue-1': matched", { exact: false }).waitFor();
      await screenshot(page, `editor-both-match-${sizeName(viewport)}`);

      await checkRoute(page, 'order.created.eu', { star: 'unmatched', hash: 'matched' },
        "A message with routing key 'order.created.eu' goes to queue 'queue-2'.");
      await preview.getByText("'exchange-1' binding 'order.*' -> 'queue-1': no match", { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Fit to view', exact: true }).click();
      await screenshot(page, `editor-one-matches-${sizeName(viewport)}`);

      await checkRoute(page, 'invoice.paid', { star: 'unmatched', hash: 'unmatched' },
        "A message with routing key 'invoice.paid' matches no binding: the broker drops it.");
    },
  },
  {
    name: 'a refused connection says why next to the pointer',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      await buildOrders(page);
      const before = await drawing(page);
      const target = center(await nodeOf(page, 'queue-1').locator('.node-box').boundingBox());
      await drag(page, await portOf(page, 'producer-1'), target);
      const alert = canvasOf(page).locator('..').getByRole('alert');
      await alert.getByText('A producer never publishes straight to a queue', { exact: false }).waitFor();
      const box = await alert.boundingBox();
      assert.ok(Math.abs(box.x - target.x) < 340 && Math.abs(box.y - target.y) < 120,
        `the reason is next to the pointer: ${JSON.stringify(box)} vs ${JSON.stringify(target)}`);
      await screenshot(page, `editor-refused-${sizeName(viewport)}`);
      assert.deepEqual(await drawing(page), before, 'nothing was connected');
      await page.mouse.click(box.x - 200, box.y + 200);
      await alert.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'undo and redo round-trip every edit',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await buildOrders(page);
      await checkRoute(page, 'order.created', { star: 'matched', hash: 'matched' },
        "A message with routing key 'order.created' goes to queues 'queue-1' and 'queue-2'.");
      const built = await drawing(page);
      const undo = page.getByRole('button', { name: 'Undo', exact: true });
      const redo = page.getByRole('button', { name: 'Redo', exact: true });
      let steps = 0;
      while (await undo.isEnabled()) {
        await undo.click();
        steps += 1;
      }
      assert.ok(steps >= 15, `every edit is a step (${steps})`);
      assert.deepEqual(await drawing(page), [], 'undone back to an empty canvas');
      await page.getByText('Add nodes from the palette', { exact: false }).waitFor();
      for (let i = 0; i < steps; i += 1) await redo.click();
      assert.ok(await redo.isDisabled());
      assert.deepEqual(await drawing(page), built, 'redo rebuilds the same drawing');
      await clickNode(page, 'producer-1');
      assert.equal(await inspectorOf(page).getByLabel('Routing key', { exact: true }).inputValue(), 'order.created');
      assert.equal(await lit(page, 'Binding order.# from exchange-1 to queue-2'), 'matched');
    },
  },
  {
    name: 'delete removes a node and its edges',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      await buildOrders(page);
      await clickNode(page, 'exchange-1');
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await nodeOf(page, 'exchange-1').waitFor({ state: 'detached' });
      assert.deepEqual(await drawing(page), [
        'consumer-1', 'consumer-1 consumes from queue-1', 'consumer-2', 'consumer-2 consumes from queue-2',
        'producer-1', 'queue-1', 'queue-2',
      ], 'the bindings and the publish edge went with the exchange');
      await screenshot(page, `editor-deleted-${sizeName(viewport)}`);
      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await edgeOf(page, 'Binding order.* from exchange-1 to queue-1').waitFor({ state: 'attached' });
    },
  },
  {
    name: 'keyboard: delete, undo, copy and paste, shortcuts overlay',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await page.getByRole('button', { name: 'Add queue', exact: true }).click();
      await nodeOf(page, 'queue-1').waitFor();
      await clickNode(page, 'queue-1');
      await page.keyboard.press('ControlOrMeta+C');
      await page.keyboard.press('ControlOrMeta+V');
      await nodeOf(page, 'queue-2').waitFor();
      await page.keyboard.press('Delete');
      await nodeOf(page, 'queue-2').waitFor({ state: 'detached' });
      await page.keyboard.press('ControlOrMeta+Z');
      await nodeOf(page, 'queue-2').waitFor();
      await page.keyboard.press('ControlOrMeta+Shift+Z');
      await nodeOf(page, 'queue-2').waitFor({ state: 'detached' });
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts and gestures' });
      await dialog.getByText('Ctrl+Shift+Z, Ctrl+Y').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // A refused value is flagged in the field and never reaches the engine.
      await clickNode(page, 'queue-1');
      await typeInto(page, 'Max length', 'lots');
      const field = inspectorOf(page).getByLabel('Max length', { exact: true });
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      await inspectorOf(page).getByText("the value must be an integer", { exact: false }).waitFor();
      await typeInto(page, 'Max length', '10');
      assert.equal(await field.getAttribute('aria-invalid'), 'false');
      // The detail line is drawn with the node, in its frame beside its button.
      await nodeOf(page, 'queue-1').locator('xpath=..').getByText('max 10').waitFor();
    },
  },
  {
    name: 'keyboard and touch paths: focus and Enter select, "Connect to" connects',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await page.getByRole('button', { name: 'Add exchange', exact: true }).click();
      await page.getByRole('button', { name: 'Add queue', exact: true }).click();
      await nodeOf(page, 'exchange-1').focus();
      await page.keyboard.press('Enter');
      await inspectorOf(page).getByRole('heading', { name: 'exchange-1' }).waitFor();
      await inspectorOf(page).getByLabel('Connect to').selectOption({ label: 'queue-1' });
      await inspectorOf(page).getByRole('button', { name: 'Connect', exact: true }).click();
      await edgeOf(page, 'Binding queue-1 from exchange-1 to queue-1').waitFor({ state: 'attached' });
      await inspectorOf(page).getByRole('heading', { name: 'Binding exchange-1 → queue-1' }).waitFor();
    },
  },
  {
    name: 'the wheel zooms and dragging the background pans',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await page.getByRole('button', { name: 'Add queue', exact: true }).click();
      const zoom = page.getByRole('toolbar', { name: 'Canvas tools' }).locator('output');
      assert.equal(await zoom.textContent(), '100%');
      const canvas = await canvasOf(page).boundingBox();
      await page.mouse.move(canvas.x + 100, canvas.y + 400);
      await page.mouse.wheel(0, -300);
      await page.waitForFunction(() => document.querySelector('.zoom-level').textContent !== '100%');
      assert.ok(parseInt(await zoom.textContent(), 10) > 100, 'wheel up zooms in');
      const before = await nodeOf(page, 'queue-1').locator('.node-box').boundingBox();
      const low = canvas.y + canvas.height - 90;
      await drag(page, { x: canvas.x + 60, y: low }, { x: canvas.x + 160, y: low + 50 });
      const after = await nodeOf(page, 'queue-1').locator('.node-box').boundingBox();
      assert.ok(Math.abs(after.x - before.x - 100) < 2 && Math.abs(after.y - before.y - 50) < 2, 'the drawing followed the drag');
      await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
      await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    },
  },
  {
    name: `place by tap and connect on a phone at ${sizeName(PHONE)}`,
    viewport: PHONE,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      for (const label of ['Add producer', 'Add exchange', 'Add queue']) {
        await page.getByRole('button', { name: label, exact: true }).click();
      }
      for (const name of ['producer-1', 'exchange-1', 'queue-1']) await nodeOf(page, name).waitFor();
      await page.getByRole('button', { name: 'Fit to view', exact: true }).click();
      await connect(page, 'producer-1', 'exchange-1');
      await connect(page, 'exchange-1', 'queue-1');
      await edgeOf(page, 'Binding queue-1 from exchange-1 to queue-1').waitFor({ state: 'attached' });
      await clickNode(page, 'producer-1');
      await typeInto(page, 'Routing key', 'queue-1');
      assert.equal(await lit(page, 'Binding queue-1 from exchange-1 to queue-1'), 'matched');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0,
        'no sideways scrolling');
      await screenshot(page, `editor-${sizeName(viewport)}`);
    },
  },
  {
    name: `dark theme editor at ${sizeName(DESKTOP)}`,
    viewport: DESKTOP,
    colorScheme: 'dark',
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      await buildOrders(page);
      await checkRoute(page, 'order.created.eu', { star: 'unmatched', hash: 'matched' },
        "A message with routing key 'order.created.eu' goes to queue 'queue-2'.");
      await page.getByRole('button', { name: 'Fit to view', exact: true }).click();
      await screenshot(page, `editor-dark-${sizeName(viewport)}`);
    },
  },
];
