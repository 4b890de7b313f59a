// Files: opening RabbitMQ definitions and scenario files, exporting definitions that a real
// RabbitMQ imports, saving scenarios, and refusing a broken file without touching the canvas.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DESKTOP, openApp, screenshot, sizeName } from './harness.mjs';

const MANAGEMENT = 'http://127.0.0.1:15672/api';
const AUTH = { Authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` };

const DEFINITIONS = {
  rabbit_version: '3.10.8',
  exchanges: [{ name: 'orders', vhost: '/', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} }],
  queues: [
    { name: 'created', vhost: '/', durable: true, auto_delete: false, arguments: { 'x-max-length': 10 } },
    { name: 'audit', vhost: '/', durable: true, auto_delete: false, arguments: {} },
  ],
  bindings: [
    { source: 'orders', vhost: '/', destination: 'created', destination_type: 'queue', routing_key: 'order.created', arguments: {} },
    { source: 'orders', vhost: '/', destination: 'audit', destination_type: 'queue', routing_key: '#', arguments: {} },
  ],
};

const node = (page, name) => page.getByRole('group', { name: 'Canvas', exact: true }).getByRole('button', { name, exact: true });

async function openFile(page, name, text) {
  await page.getByLabel('Open', { exact: true }).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function downloaded(page, buttonName) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName, exact: true }).click(),
  ]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

async function management(method, path, body) {
  const response = await fetch(`${MANAGEMENT}${path}`, {
    method,
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// A whole `rabbitmqctl export_definitions` document, with what Kaiten does not simulate.
const EVERYTHING = {
  bindings: [{ arguments: {}, destination: 'q', destination_type: 'queue', routing_key: 'k', source: 'x', vhost: '/' }],
  exchanges: [{ arguments: {}, auto_delete: false, durable: true, name: 'x', type: 'direct', vhost: '/' }],
  global_parameters: [{ name: 'cluster_name', value: 'rabbit@kaiten' }],
  parameters: [{ component: 'federation-upstream', name: 'up', value: { uri: 'amqp://elsewhere' }, vhost: '/' }],
  permissions: [{ configure: '.*', read: '.*', user: 'alice', vhost: '/', write: '^x$' }],
  policies: [{ 'apply-to': 'queues', definition: { 'message-ttl': 60000 }, name: 'ttl', pattern: '^q', priority: 1, vhost: '/' }],
  queues: [
    { arguments: {}, auto_delete: false, durable: true, name: 'q', type: 'classic', vhost: '/' },
    { arguments: {}, auto_delete: false, durable: true, name: 'elsewhere', type: 'classic', vhost: 'other' },
  ],
  rabbit_version: '3.10.8',
  rabbitmq_version: '3.10.8',
  topic_permissions: [{ exchange: 'x', read: '.*', user: 'alice', vhost: '/', write: '.*' }],
  users: [{ hashing_algorithm: 'rabbit_password_hashing_sha256', limits: {}, name: 'alice', password_hash: 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR', tags: ['monitoring'] }],
  vhosts: [
    { limits: [], metadata: { description: 'Default virtual host', tags: [] }, name: '/' },
    { limits: [], metadata: { description: '', tags: [] }, name: 'other' },
  ],
};

export const tests = [
  {
    name: 'users, permissions, vhosts, parameters and policies survive open and export, also after a reload',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await openFile(page, 'everything.json', JSON.stringify(EVERYTHING));
      await node(page, 'q').waitFor();
      assert.deepEqual(await downloaded(page, 'Export definitions'), EVERYTHING);
      await page.reload();
      await node(page, 'q').waitFor();
      assert.deepEqual(await downloaded(page, 'Export definitions'), EVERYTHING);
    },
  },
  {
    name: 'open definitions, export them, and a real RabbitMQ imports the export',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      await openFile(page, 'definitions.json', JSON.stringify(DEFINITIONS));
      for (const name of ['orders', 'created', 'audit']) await node(page, name).waitFor();
      await screenshot(page, `files-opened-${sizeName(viewport)}`);
      const exported = await downloaded(page, 'Export definitions');
      const vhost = `kaiten-e2e-${process.pid}`;
      await management('PUT', `/vhosts/${vhost}`, {});
      try {
        await management('POST', `/definitions/${vhost}`, exported);
        const back = await management('GET', `/definitions/${vhost}`);
        const names = (items) => items.map((item) => item.name).sort();
        assert.deepEqual(names(back.queues), ['audit', 'created']);
        assert.deepEqual(names(back.exchanges), ['orders']);
        const keys = back.bindings.map((binding) => `${binding.source}->${binding.destination}:${binding.routing_key}`).sort();
        assert.deepEqual(keys, ['orders->audit:#', 'orders->created:order.created']);
        const created = back.queues.find((queue) => queue.name === 'created');
        assert.equal(created.arguments['x-max-length'], 10);
      } finally {
        await management('DELETE', `/vhosts/${vhost}`);
      }
    },
  },
  {
    name: 'a saved scenario opens again as it was',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await page.getByRole('combobox', { name: 'Scenario' }).selectOption('topics');
      const saved = await downloaded(page, 'Save scenario');
      assert.equal(saved.kaiten_scenario, 1);
      assert.equal(saved.name, 'topics');
      await page.getByRole('combobox', { name: 'Scenario' }).selectOption('my-topology');
      await openFile(page, 'topics.json', JSON.stringify(saved));
      await node(page, 'topic_logs').waitFor();
      assert.ok(await page.getByRole('button', { name: 'Play', exact: true }).isEnabled(), 'it runs');
    },
  },
  {
    name: 'a broken file is refused with its JSON path and the canvas stays as it was',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await openFile(page, 'definitions.json', JSON.stringify(DEFINITIONS));
      await node(page, 'orders').waitFor();
      const before = await page.getByRole('group', { name: 'Canvas', exact: true }).innerHTML();
      await openFile(page, 'bad.json', '{"queues": [{"name": "q", "arguments": {"x-max-length": "many"}}]}');
      const alert = page.getByRole('alert').filter({ hasText: 'bad.json' });
      await alert.waitFor();
      assert.match(await alert.innerText(), /queues\[0\]\.arguments\.x-max-length/);
      assert.equal(await page.getByRole('group', { name: 'Canvas', exact: true }).innerHTML(), before);
      await openFile(page, 'markup.json', '{"queues": [{"name": "<img src=x onerror=alert(1)>"}]}');
      await node(page, '<img src=x onerror=alert(1)>').waitFor();
    },
  },
  {
    name: 'a link to a step opens the same scenario at that step, play only, until Edit a copy',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      await page.getByRole('combobox', { name: 'Scenario' }).selectOption('rpc-call');
      for (let i = 0; i < 9; i += 1) await page.getByRole('button', { name: 'Step', exact: true }).click();
      const position = await page.getByRole('slider', { name: 'Timeline' }).inputValue();
      await page.getByRole('button', { name: 'Copy link to this step', exact: true }).click();
      const link = await page.evaluate(() => window.__lastCopied);
      assert.match(link, /#k1=/);
      const other = await page.context().newPage();
      await other.goto(link);
      await other.locator('#app > .shell').waitFor();
      await other.getByRole('button', { name: 'Edit a copy', exact: true }).waitFor();
      assert.equal(await other.getByRole('combobox', { name: 'Scenario' }).inputValue(), 'rpc-call');
      await other.waitForFunction((want) => document.querySelector('input.timeline')?.value === want, position);
      await screenshot(other, `files-shared-${sizeName(viewport)}`);
      // Play only: Delete does nothing until "Edit a copy".
      await other.getByRole('button', { name: 'conductor', exact: true }).click();
      await other.keyboard.press('Delete');
      await other.getByRole('button', { name: 'conductor', exact: true }).waitFor();
      await other.getByRole('button', { name: 'Edit a copy', exact: true }).click();
      await other.getByRole('button', { name: 'conductor', exact: true }).click();
      await other.keyboard.press('Delete');
      await other.getByRole('button', { name: 'conductor', exact: true }).waitFor({ state: 'detached' });
      await other.close();
    },
  },
  {
    name: 'a cut or forged link is reported and the page still works',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}#k1=eJyrVkrOzy0oSi0uTk1RslIqSi0tz`);
      await page.locator('#app > .shell').waitFor();
      await page.getByRole('alert').filter({ hasText: 'share link' }).waitFor();
      await page.getByRole('button', { name: 'Add queue', exact: true }).click();
      await page.getByRole('button', { name: 'queue-1' }).waitFor();
    },
  },
];
