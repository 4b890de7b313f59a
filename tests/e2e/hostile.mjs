// Hostile files (issue 13) through the real Open button: every file of tests/hostile/, and
// the huge ones made here (a 50 MB file, a million bindings, a hundred thousand queues,
// twenty thousand actors, 100,000 nested arrays), shows
// the message tests/hostile/expected.json gives (the same one the native tests and the CLI
// check) in the alert, leaves the canvas exactly as it was, and logs no console error (the
// harness fails a test on any). Names with markup are shown as text and nothing runs.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, ROOT, openApp, screenshot } from './harness.mjs';

const CORPUS = join(ROOT, 'tests', 'hostile');

const WORK = {
  exchanges: [{ name: 'orders', vhost: '/', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} }],
  queues: [{ name: 'created', vhost: '/', durable: true, auto_delete: false, arguments: {} }],
  bindings: [{ source: 'orders', vhost: '/', destination: 'created', destination_type: 'queue', routing_key: 'order.*', arguments: {} }],
};

const canvas = (page) => page.getByRole('group', { name: 'Canvas', exact: true });
const node = (page, name) => canvas(page).getByRole('button', { name, exact: true });

/** The files too big to commit, written to a temporary folder (as tests/hostile_files.rs makes them). */
async function generated() {
  const dir = await mkdtemp(join(tmpdir(), 'kaiten-hostile-'));
  const files = {
    'defs-50-mb.json': `{"queues": [${' '.repeat(50_000_000)}]}`,
    'defs-a-million-bindings.json': `{"exchanges":[{"name":"x","type":"direct"}],"queues":[{"name":"q"}],"bindings":[${
      Array.from({ length: 1_000_000 }, (_, idx) => `{"source":"x","destination":"q","destination_type":"queue","routing_key":"k${idx}"}`).join(',')}]}`,
    'drawing-a-hundred-thousand-queues.json': `{"queues":[${Array.from({ length: 100_000 }, (_, idx) => `{"name":"q${idx}"}`).join(',')}]}`,
    'scenario-twenty-thousand-actors.json': `{"kaiten_scenario":1,"name":"many","actors":[${
      Array.from({ length: 20_000 }, (_, idx) => `{"kind":"consumer","name":"c${idx}","queue":"q${idx}"}`).join(',')}]}`,
    'defs-deep-arrays.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    'defs-deep-objects.json': `${'{"a":'.repeat(100_000)}${'}'.repeat(100_000)}`,
    'scenario-deep-nesting.json': `{"kaiten_scenario": 1, "name": "deep", "title": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  };
  const paths = {};
  for (const [name, text] of Object.entries(files)) {
    paths[name] = join(dir, name);
    await writeFile(paths[name], text);
  }
  return paths;
}

/** Opens a file from disk through the Open button, as a user picks it. */
async function openPath(page, path) {
  await page.getByLabel('Open', { exact: true }).setInputFiles(path);
}

export const tests = [
  {
    name: 'each hostile file shows its message, the canvas stays as it was, and nothing runs',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      const dialogs = [];
      page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
      const expected = JSON.parse(await readFile(join(CORPUS, 'expected.json'), 'utf8'));
      const paths = await generated();
      for (const name of await readdir(CORPUS)) if (name !== 'expected.json') paths[name] = join(CORPUS, name);
      assert.deepEqual(Object.keys(paths).sort(), Object.keys(expected).sort());

      await openApp(page, baseUrl);
      await page.getByLabel('Open', { exact: true }).setInputFiles({ name: 'work.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(WORK)) });
      await node(page, 'orders').waitFor();
      const before = await canvas(page).innerHTML();
      const refused = Object.keys(expected).filter((name) => typeof expected[name] === 'string').sort();
      for (const name of refused) {
        const started = Date.now();
        await openPath(page, paths[name]);
        const alert = page.getByRole('alert').filter({ hasText: `${name}:` });
        await alert.waitFor();
        assert.equal((await alert.innerText()).trim(), expected[name], name);
        assert.equal(await canvas(page).innerHTML(), before, `${name} changed the canvas`);
        console.log(`      ${name}: refused in ${Date.now() - started} ms`);
      }
      await screenshot(page, 'hostile-refused-1280x800');

      // Markup in names is text: the nodes are named by it literally, and no element or script comes of it.
      await openPath(page, paths['defs-markup-names.json']);
      await node(page, '<script>alert(1)</script>').waitFor();
      await node(page, '<img src=x onerror=alert(1)>').waitFor();
      await openPath(page, paths['scenario-markup-names.json']);
      await node(page, '<img src=x onerror=alert(1)>').waitFor();
      assert.equal(await page.locator('#app img, #app script, #app b').count(), 0, 'markup became elements');
      await screenshot(page, 'hostile-markup-1280x800');

      // Members RabbitMQ's import ignores (a typo among them) are kept and said once.
      const kept = Object.keys(expected).filter((name) => expected[name]?.kept);
      assert.ok(kept.length >= 2);
      for (const name of kept) {
        await openPath(page, paths[name]);
        const status = page.getByRole('status').filter({ hasText: `${name}:` });
        await status.waitFor();
        assert.equal((await status.innerText()).trim(), expected[name].kept, name);
      }

      // A file a drawing could have saved opens even when it cannot run, and says why.
      const [opens] = Object.keys(expected).filter((name) => expected[name]?.['cannot run']);
      await openPath(page, paths[opens]);
      await page.getByText(`This cannot run: ${expected[opens]['cannot run']}`).waitFor();
      assert.deepEqual(dialogs, [], 'a dialog opened: something ran');
    },
  },
];
