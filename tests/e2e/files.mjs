// Files: opening RabbitMQ definitions and scenario files, exporting definitions that a real
// RabbitMQ imports, rabbitmqadmin commands (v2, and the Python v1) that a real RabbitMQ runs to
// the same topology, an
// AsyncAPI document the official parser accepts, the canvas as SVG and PNG, saving scenarios,
// refusing a broken file without touching the canvas, "New" asking first, pasting a document,
// and two tabs that do not overwrite each other's work.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { DESKTOP, openApp, screenshot, sizeName } from './harness.mjs';
import { canvasOf } from './editor.mjs';

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

/** Clicks a button (an item of the Export menu is looked for in the opened menu) and
 * returns the path of the file it downloads. */
async function downloadPath(page, buttonName) {
  if (buttonName.startsWith('Export ')) await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName, exact: true }).click(),
  ]);
  return download.path();
}

async function downloaded(page, buttonName) {
  return JSON.parse(await readFile(await downloadPath(page, buttonName), 'utf8'));
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

// A topology with every kind of entity rabbitmqadmin declares, and names a shell must not read.
const ADMIN_TOPOLOGY = {
  exchanges: [
    { name: 'orders', type: 'topic', durable: true, auto_delete: false, arguments: { 'alternate-exchange': 'lost' } },
    { name: 'lost', type: 'fanout', durable: true, auto_delete: false, arguments: {} },
    { name: 'inner', type: 'headers', durable: false, auto_delete: true, internal: true, arguments: {} },
  ],
  queues: [
    { name: "it's $(echo owned) `x`", durable: true, auto_delete: false, arguments: { 'x-max-length': 10, 'x-overflow': 'reject-publish' } },
    { name: 'votes', type: 'quorum', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 3 } },
    { name: '-dash', durable: false, auto_delete: false, arguments: {} },
  ],
  bindings: [
    { source: 'orders', destination: "it's $(echo owned) `x`", destination_type: 'queue', routing_key: 'order.*', arguments: {} },
    { source: 'orders', destination: 'inner', destination_type: 'exchange', routing_key: '#', arguments: {} },
    { source: 'inner', destination: 'votes', destination_type: 'queue', routing_key: '', arguments: { 'x-match': 'any', kind: 'vote' } },
    { source: 'lost', destination: '-dash', destination_type: 'queue', routing_key: '', arguments: {} },
  ],
  policies: [{ vhost: '/', name: 'ttl', pattern: '^votes$', 'apply-to': 'queues', definition: { 'message-ttl': 60000 }, priority: 1 }],
  parameters: [{ vhost: '/', component: 'operator_policy', name: 'cap', value: { pattern: '^-', 'apply-to': 'queues', definition: { 'max-length': 5 }, priority: 0 } }],
};

/** What a vhost of the real RabbitMQ holds, in the shape of a definitions export. rabbitmqadmin
 * v2 declares every queue with its type (`x-queue-type: classic` too), which a definitions
 * export leaves out for a classic queue: `withoutClassicType` takes that argument out. */
async function brokerTopology(vhost, { withoutClassicType = false } = {}) {
  const v = encodeURIComponent(vhost);
  const exchanges = (await management('GET', `/exchanges/${v}`))
    .filter((x) => x.name !== '' && !x.name.startsWith('amq.'))
    .map((x) => ({ name: x.name, type: x.type, durable: x.durable, auto_delete: x.auto_delete, internal: x.internal, arguments: x.arguments }));
  const queues = (await management('GET', `/queues/${v}`))
    .map((q) => ({ name: q.name, type: q.type, durable: q.durable, auto_delete: q.auto_delete, arguments: q.arguments }));
  if (withoutClassicType) {
    for (const queue of queues) {
      if (queue.type === 'classic' && queue.arguments['x-queue-type'] === 'classic') delete queue.arguments['x-queue-type'];
    }
  }
  const bindings = (await management('GET', `/bindings/${v}`))
    .filter((b) => b.source !== '')
    .map((b) => ({ source: b.source, destination: b.destination, destination_type: b.destination_type, routing_key: b.routing_key, arguments: b.arguments }));
  const policies = (await management('GET', `/policies/${v}`))
    .map((p) => ({ name: p.name, pattern: p.pattern, 'apply-to': p['apply-to'], definition: p.definition, priority: p.priority }));
  const operatorPolicies = (await management('GET', `/operator-policies/${v}`))
    .map((p) => ({ name: p.name, pattern: p.pattern, 'apply-to': p['apply-to'], definition: p.definition, priority: p.priority }));
  return sorted({ exchanges, queues, bindings, policies, operatorPolicies });
}

/** The same shape from Kaiten's definitions export. */
function exportedTopology(definitions) {
  const exchanges = definitions.exchanges
    .map((x) => ({ name: x.name, type: x.type, durable: x.durable, auto_delete: x.auto_delete, internal: x.internal ?? false, arguments: x.arguments }));
  const queues = definitions.queues
    .map((q) => ({ name: q.name, type: q.type ?? 'classic', durable: q.durable, auto_delete: q.auto_delete, arguments: q.arguments }));
  const bindings = definitions.bindings
    .map((b) => ({ source: b.source, destination: b.destination, destination_type: b.destination_type, routing_key: b.routing_key, arguments: b.arguments }));
  const policies = definitions.policies
    .map((p) => ({ name: p.name, pattern: p.pattern, 'apply-to': p['apply-to'], definition: p.definition, priority: p.priority }));
  const operatorPolicies = definitions.parameters.filter((p) => p.component === 'operator_policy')
    .map((p) => ({ name: p.name, pattern: p.value.pattern, 'apply-to': p.value['apply-to'], definition: p.value.definition, priority: p.value.priority }));
  return sorted({ exchanges, queues, bindings, policies, operatorPolicies });
}

/** Each section as a sorted list of its entries in JSON with sorted keys, for comparing. */
function sorted(sections) {
  const canonical = (value) => (value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.keys(value).sort().map((name) => [name, canonical(value[name])]))
    : value);
  const key = (entry) => JSON.stringify(canonical(entry));
  return Object.fromEntries(Object.entries(sections).map(([name, items]) => [name, items.map(key).sort()]));
}

const EXPORTS = join(import.meta.dirname, '..', 'definitions');

export const tests = [
  {
    name: 'a RabbitMQ 4.1 single-vhost export opens, says what it keeps, and exports either form to a real RabbitMQ',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      const text = await readFile(join(EXPORTS, '4.1-vhost.json'), 'utf8');
      await openFile(page, '4.1-vhost.json', text);
      await node(page, 'orders.created').waitFor();
      const status = page.getByRole('status').filter({ hasText: '4.1-vhost.json:' });
      assert.equal(
        (await status.innerText()).trim(),
        '4.1-vhost.json: kept, not simulated: parameters[0] ("vhost-limits"), queues[1].arguments.x-queue-version, queues[2].arguments.x-max-age, queues[2].arguments.x-max-length-bytes, queues[2].arguments.x-stream-max-segment-size-bytes',
      );
      // Its stream is drawn, and says what it is.
      await node(page, 'orders.audit').waitFor();
      assert.match(await node(page, 'orders.audit').locator('xpath=..').textContent(), /stream: keeps all/);
      await screenshot(page, `files-rabbitmq-4.1-vhost-${sizeName(viewport)}`);
      // As it came: the same document.
      assert.deepEqual(await downloaded(page, 'Export definitions'), JSON.parse(text));
      // As a whole broker's: the vhost "orders" with its entries, which a real RabbitMQ imports.
      const cluster = await downloaded(page, 'Export definitions of a whole broker');
      assert.equal(cluster.vhosts[0].name, 'orders');
      const vhost = 'orders';
      try {
        await management('POST', '/definitions', cluster);
        const queues = (await management('GET', `/queues/${vhost}`)).map((queue) => queue.name).sort();
        assert.deepEqual(queues, JSON.parse(text).queues.map((queue) => queue.name).sort());
        const bindings = (await management('GET', `/bindings/${vhost}`)).filter((binding) => binding.source !== '');
        assert.equal(bindings.length, JSON.parse(text).bindings.length);
      } finally {
        await management('DELETE', `/vhosts/${vhost}`).catch(() => {});
      }
    },
  },
  {
    name: 'a RabbitMQ 4.2 cluster export opens with its other vhost kept, and exports one vhost',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      const text = await readFile(join(EXPORTS, '4.2-cluster.json'), 'utf8');
      await openFile(page, '4.2-cluster.json', text);
      await node(page, 'tasks').waitFor();
      await page.getByRole('status').filter({ hasText: 'vhost "orders" (11 entries)' }).waitFor();
      assert.deepEqual(await downloaded(page, 'Export definitions'), JSON.parse(text));
      const single = await downloaded(page, 'Export definitions of this vhost only');
      assert.equal(single.rabbitmq_definition_format, 'single_virtual_host');
      assert.equal(single.users, undefined);
      assert.ok(single.queues.every((queue) => queue.vhost === undefined));
    },
  },
  {
    name: 'rabbitmqadmin v2 commands build the same topology in a real RabbitMQ',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      await openFile(page, 'admin.json', JSON.stringify(ADMIN_TOPOLOGY));
      await node(page, 'votes').waitFor();
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      const items = await page.locator('#export-list button').allInnerTexts();
      const v2 = items.indexOf('Export rabbitmqadmin v2 commands');
      assert.ok(v2 >= 0, items.join(', '));
      assert.equal(items[v2 + 1], 'Export rabbitmqadmin v1 commands (deprecated Python client)');
      await screenshot(page, `files-export-menu-${sizeName(viewport)}`);
      await page.keyboard.press('Escape');
      const script = await downloadPath(page, 'Export rabbitmqadmin v2 commands');
      const definitions = await downloaded(page, 'Export definitions');
      // rabbitmqadmin v2 as scripts/dev setup installs it (cargo install rabbitmqadmin).
      const admin = process.env.RABBITMQADMIN_V2 ?? join(homedir(), '.cargo', 'bin', 'rabbitmqadmin');
      assert.match(execFileSync(admin, ['--version'], { encoding: 'utf8' }), /rabbitmqadmin 2\./, `${admin} is not rabbitmqadmin v2`);
      const vhost = `kaiten-e2e-admin2-${process.pid}`;
      await management('PUT', `/vhosts/${encodeURIComponent(vhost)}`, {});
      try {
        execFileSync('sh', [script], {
          env: { ...process.env, VHOST: vhost, RABBITMQADMIN: `${admin} --host 127.0.0.1 --port 15672 --username guest --password guest` },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        assert.deepEqual(await brokerTopology(vhost, { withoutClassicType: true }), exportedTopology(definitions));
      } finally {
        await management('DELETE', `/vhosts/${encodeURIComponent(vhost)}`);
      }
    },
  },
  {
    name: 'rabbitmqadmin v1 commands build the same topology in a real RabbitMQ',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await openFile(page, 'admin.json', JSON.stringify(ADMIN_TOPOLOGY));
      await node(page, 'votes').waitFor();
      const script = await downloadPath(page, 'Export rabbitmqadmin v1 commands (deprecated Python client)');
      const definitions = await downloaded(page, 'Export definitions');
      // The broker's own rabbitmqadmin, as its management plugin serves it.
      const dir = await mkdtemp(join(tmpdir(), 'kaiten-admin-'));
      const admin = join(dir, 'rabbitmqadmin');
      const response = await fetch('http://127.0.0.1:15672/cli/rabbitmqadmin');
      assert.ok(response.ok, `GET /cli/rabbitmqadmin: HTTP ${response.status}`);
      await writeFile(admin, await response.text());
      const vhost = `kaiten-e2e-admin-${process.pid}`;
      await management('PUT', `/vhosts/${encodeURIComponent(vhost)}`, {});
      try {
        execFileSync('sh', [script], {
          env: { ...process.env, VHOST: vhost, RABBITMQADMIN: `python3 ${admin} -u guest -p guest` },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        assert.deepEqual(await brokerTopology(vhost), exportedTopology(definitions));
      } finally {
        await management('DELETE', `/vhosts/${encodeURIComponent(vhost)}`);
      }
    },
  },
  {
    name: 'the AsyncAPI export is a valid AsyncAPI 3.0 document for the official parser',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await page.getByRole('combobox', { name: 'Scenario' }).selectOption('topics');
      const text = await readFile(await downloadPath(page, 'Export AsyncAPI'), 'utf8');
      const { document, diagnostics } = await new Parser().parse(text);
      const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
      assert.deepEqual(errors.map((error) => `${error.path.join('.')}: ${error.message}`), []);
      assert.ok(document, 'the parser returns a document');
      assert.equal(document.version(), '3.0.0');
      const addresses = document.channels().all().map((channel) => channel.address()).sort();
      assert.ok(addresses.includes('topic_logs'), addresses.join(', '));
      const exchange = document.channels().all().find((channel) => channel.address() === 'topic_logs');
      assert.equal(exchange.bindings().get('amqp').value().exchange.type, 'topic');
      const actions = document.operations().all().map((operation) => operation.action());
      assert.ok(actions.includes('send') && actions.includes('receive'), actions.join(', '));
    },
  },
  {
    name: 'the canvas exports as an SVG with every node and as a PNG',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await openFile(page, 'definitions.json', JSON.stringify(DEFINITIONS));
      await node(page, 'audit').waitFor();
      // Zoomed in, part of the drawing is off screen; the picture still holds all of it.
      for (let i = 0; i < 4; i += 1) await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
      const svg = await readFile(await downloadPath(page, 'Export SVG'), 'utf8');
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.localName, text: doc.documentElement.textContent };
      }, svg);
      assert.equal(parsed.error, null);
      assert.equal(parsed.root, 'svg');
      for (const name of ['orders', 'created', 'audit']) assert.ok(parsed.text.includes(name), `${name} in the SVG`);
      const png = await readFile(await downloadPath(page, 'Export PNG'));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.ok(png.length > 2000, `a PNG of ${png.length} bytes is a drawing`);
      await screenshot(page, 'files-export-png-source');
      const shots = join(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');
      await writeFile(join(shots, 'files-exported-canvas.png'), png);
      await writeFile(join(shots, 'files-exported-canvas.svg'), svg);
    },
  },
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
      await page.getByRole('button', { name: 'Share', exact: true }).click();
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
      await canvasOf(page).getByRole('button', { name: 'queue-1', exact: true }).waitFor();
    },
  },
  {
    name: '"New" asks within the page before it clears, and Undo brings the old document back',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      page.on('dialog', (dialog) => { throw new Error(`a browser dialog opened: ${dialog.message()}`); });
      await openApp(page, baseUrl);
      await openFile(page, 'definitions.json', JSON.stringify(DEFINITIONS));
      await node(page, 'orders').waitFor();
      await page.getByRole('button', { name: 'New', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Start a new topology?' });
      await dialog.waitFor();
      await screenshot(page, `files-new-dialog-${sizeName(viewport)}`);
      assert.ok(await dialog.getByRole('button', { name: 'Cancel', exact: true }).evaluate((button) => button === document.activeElement));
      await page.keyboard.press('Delete');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await node(page, 'orders').waitFor();
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await node(page, 'orders').waitFor();
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await dialog.getByRole('button', { name: 'Clear the canvas', exact: true }).click();
      await node(page, 'orders').waitFor({ state: 'detached' });
      assert.equal(await page.getByRole('combobox', { name: 'Scenario' }).inputValue(), 'my-topology');
      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      for (const name of ['orders', 'created', 'audit']) await node(page, name).waitFor();
    },
  },
  {
    name: 'pasting a document opens it like Open, with the same refusals; other text pastes copied nodes',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await openApp(page, baseUrl);
      const paste = (text, selector = 'svg.canvas') => page.evaluate(([text, selector]) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        document.querySelector(selector).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
      }, [text, selector]);
      await paste(JSON.stringify(DEFINITIONS));
      for (const name of ['orders', 'created', 'audit']) await node(page, name).waitFor();
      const canvas = page.getByRole('group', { name: 'Canvas', exact: true });
      const before = await canvas.innerHTML();
      await paste('{"queues": [{"name": "q", "arguments": {"x-max-length": "many"}}]}');
      const alert = page.getByRole('alert').filter({ hasText: 'pasted text' });
      await alert.waitFor();
      assert.match(await alert.innerText(), /queues\[0\]\.arguments\.x-max-length/);
      assert.equal(await canvas.innerHTML(), before);
      // Pasted into a text field, text is only text.
      await node(page, 'created').click();
      await page.getByRole('textbox', { name: 'Name', exact: true }).focus();
      await paste(JSON.stringify({ queues: [{ name: 'elsewhere' }] }), 'input:focus');
      assert.equal(await node(page, 'elsewhere').count(), 0);
      // Ctrl+C and Ctrl+V on the canvas still copy and paste nodes.
      await node(page, 'audit').click();
      await page.keyboard.press('Control+C');
      await page.evaluate(() => navigator.clipboard.writeText('not a document'));
      await page.keyboard.press('Control+V');
      await page.waitForFunction(() => document.querySelectorAll('svg.canvas g.nodes > g.node').length === 4);
    },
  },
  {
    name: 'two tabs: a save from the other tab is not overwritten until the user chooses',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await openApp(page, baseUrl);
      await openFile(page, 'definitions.json', JSON.stringify(DEFINITIONS));
      await node(page, 'orders').waitFor();
      const other = await page.context().newPage();
      await openApp(other, baseUrl);
      await node(other, 'orders').waitFor();
      // Opening the same work in another tab is no news.
      await page.waitForTimeout(500);
      assert.equal(await page.getByRole('alert').filter({ hasText: 'Another tab saved' }).count(), 0);
      await other.getByRole('button', { name: 'Add queue', exact: true }).click();
      await node(other, 'queue-1').waitFor();
      const banner = page.getByRole('alert').filter({ hasText: 'Another tab saved' });
      await banner.waitFor();
      await screenshot(page, `files-other-tab-${sizeName(viewport)}`);
      // Edits here are not saved over the other tab's work while the banner waits.
      await page.getByRole('button', { name: 'Add exchange', exact: true }).click();
      await node(page, 'exchange-1').waitFor();
      const stored = () => page.evaluate(() => localStorage.getItem('kaiten.work'));
      assert.ok((await stored()).includes('queue-1') && !(await stored()).includes('exchange-1'));
      await banner.getByRole('button', { name: "Load the other tab's version", exact: true }).click();
      await node(page, 'queue-1').waitFor();
      await node(page, 'exchange-1').waitFor({ state: 'detached' });
      await banner.waitFor({ state: 'detached' });
      // "Keep mine" saves this tab's work, and now the other tab is asked.
      await other.getByRole('button', { name: 'Add queue', exact: true }).click();
      await node(other, 'queue-2').waitFor();
      await banner.waitFor();
      await banner.getByRole('button', { name: 'Keep mine', exact: true }).click();
      await page.waitForFunction(() => !localStorage.getItem('kaiten.work').includes('queue-2'));
      await other.getByRole('alert').filter({ hasText: 'Another tab saved' }).waitFor();
      await other.close();
    },
  },
];
