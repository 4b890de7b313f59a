// Playback: built-in scenarios and a drawn topology, run step by step, back and forth, and
// played at speed. The page is driven by role and accessible name; besides ARIA state, the
// only attributes read are the documented data attributes (data-received, data-state,
// data-kind), and the canvas markup is compared as a whole to check that two ways of reaching
// a position draw exactly the same picture.
// Expected outcomes come from the scenario files in src/scenarios/ and from the native CLI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, PHONE, ROOT, openApp, screenshot, sizeName } from './harness.mjs';
import { buildOrders, canvasOf, clickNode, inspectorOf, nodeOf, typeInto } from './editor.mjs';
import {
  atEnd, logOf, nodeText, playbackButton, position, sleep, step, stepUntil, timelineOf, until,
} from './steps.mjs';

// ---------------------------------------------------------------------------------------
// Scenario files and the native CLI

/** A built-in scenario file, parsed. */
const scenarioFile = (name) => JSON.parse(readFileSync(join(ROOT, 'src', 'scenarios', `${name}.json`), 'utf8'));

const actorsOf = (scenario, kind) => scenario.actors.filter((actor) => actor.kind === kind);

/** How many times a script step happens (`count`, default 1). */
const times = (step) => step.count ?? 1;

/**
 * The native CLI: the binary the build left in target/ (as the engine suite uses), else
 * `cargo run`, which may have to build it first.
 */
function kaiten(args) {
  for (const profile of ['debug', 'release']) {
    const path = join(ROOT, 'target', profile, 'kaiten');
    if (existsSync(path)) return execFileSync(path, args, { encoding: 'utf8', cwd: ROOT });
  }
  return execFileSync('cargo', ['run', '--quiet', '--bin', 'kaiten', '--', ...args], { encoding: 'utf8', cwd: ROOT });
}

/** Deliveries each actor received in `kaiten run FILE --json`, by actor name. */
function nativeDeliveries(scenario) {
  const dir = mkdtempSync(join(tmpdir(), 'kaiten-e2e-'));
  try {
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario, null, 2));
    const counts = Object.fromEntries(scenario.actors.map((actor) => [actor.name, 0]));
    for (const line of kaiten(['run', file, '--json']).split('\n')) {
      if (!line.trim()) continue;
      const { event, text } = JSON.parse(line);
      if (event.kind !== 'note' || event.note?.note !== 'received') continue;
      // Actors are numbered in file order; the sentence names the actor too.
      const name = scenario.actors[event.actor].name;
      assert.ok(text.startsWith(`${name} received `), `actor ${event.actor} is ${name}: ${text}`);
      counts[name] += 1;
    }
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// The page

const speedOf = (page) => page.getByRole('combobox', { name: 'Speed', exact: true });
const clockOf = (page) => page.getByLabel('Virtual time', { exact: true });
const scenarioSelect = (page) => page.getByRole('banner').getByRole('combobox', { name: 'Scenario', exact: true });
const aboutOf = (page) => page.getByRole('region', { name: 'About this scenario', exact: true });
const runViews = (page) => page.getByRole('tablist', { name: 'Run views', exact: true });
const sequenceOf = (page) => page.getByRole('region', { name: 'Sequence diagram', exact: true });
/** The button of a log line: its name is the entry's sentence after its time ("230 ms: …"). */
const LINE = /^\d[\d,.\u202f ]*m?s: /;

/** The "Virtual time" output in ms ("230 ms"; "1.8 s" is read too). */
async function virtualMs(page) {
  const text = (await clockOf(page).textContent()).trim();
  const ms = text.match(/^([\d,.\u202f ]+)\s*ms$/);
  if (ms) return Number(ms[1].replace(/[,\u202f ]/g, ''));
  const s = text.match(/^([\d.]+)\s*s$/);
  if (s) return Math.round(Number(s[1]) * 1000);
  throw new Error(`"Virtual time" reads "${text}", not a time in ms`);
}

/** The status text, "step 12 of 40", as numbers. */
async function status(page) {
  const text = (await page.getByText(/^step \d+ of \d+$/).textContent()).trim();
  const [, step, total] = text.match(/^step (\d+) of (\d+)$/);
  return { step: Number(step), total: Number(total) };
}

/** Picks a scenario in the header and waits until the canvas and the "About" region show it. */
async function pick(page, name) {
  await scenarioSelect(page).selectOption(name);
  const { title } = scenarioFile(name);
  await aboutOf(page).getByRole('heading', { name: title, exact: true }).waitFor();
  await until(async () => (await position(page)).value === 0, `the timeline at 0 after picking ${name}`);
  return scenarioFile(name);
}

async function stepBack(page) {
  const before = (await position(page)).value;
  await playbackButton(page, 'Step back').click();
  await until(async () => (await position(page)).value !== before, `the timeline to move back from ${before}`, 5_000);
}

/** Sets the speed, by its label ("16x"). */
async function setSpeed(page, label) {
  await speedOf(page).selectOption({ label });
}

/** Presses Play and waits until playback stops by itself at the end (the button says "Play" again). */
async function playToEnd(page, timeout = 30_000) {
  await playbackButton(page, 'Play').click();
  await until(async () => await atEnd(page) && await playbackButton(page, 'Play').count() === 1,
    'playback to reach the end and stop', timeout);
  assert.equal(await playbackButton(page, 'Pause').count(), 0, 'no "Pause" button once stopped');
}

/** A data attribute (data-state, data-received) of a client node's <g role="button">. */
const clientData = (page, name, attribute) => nodeOf(page, name).getAttribute(attribute);

async function received(page, name) {
  const value = await clientData(page, name, 'data-received');
  assert.ok(value !== null && /^\d+$/.test(value), `${name} has data-received (found ${JSON.stringify(value)})`);
  return Number(value);
}

const canvasMarkup = (page) => canvasOf(page).evaluate((el) => el.innerHTML);

async function openTab(page, name) {
  const tab = runViews(page).getByRole('tab', { name, exact: true });
  await tab.click();
  await until(async () => (await tab.getAttribute('aria-selected')) === 'true', `the "${name}" tab to be selected`);
}

/** Takes the keyboard focus out of any form control, onto the page itself. */
const blur = (page) => page.evaluate(() => document.activeElement?.blur());

// ---------------------------------------------------------------------------------------
// Screenshot scenes

async function rpcCallBlocked(page) {
  await pick(page, 'rpc-call');
  await stepUntil(page, async () => (await clientData(page, 'conductor', 'data-state')) === 'blocked',
    'the conductor blocked in call()');
  assert.match(await nodeText(page, 'conductor'), /blocked in call\(\) · \d+ ms left/);
}

async function notificationsPlayed(page) {
  await pick(page, 'notifications');
  await setSpeed(page, '16x');
  await playToEnd(page);
}

function screenshotTest(viewport, colorScheme) {
  return {
    name: `screenshots: rpc-call mid-call and notifications played at ${sizeName(viewport)}, ${colorScheme}`,
    viewport,
    colorScheme,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await rpcCallBlocked(page);
      await screenshot(page, `playback-rpc-call-blocked-${sizeName(viewport)}-${colorScheme}`);
      await notificationsPlayed(page);
      await screenshot(page, `playback-notifications-played-${sizeName(viewport)}-${colorScheme}`);
    },
  };
}

// ---------------------------------------------------------------------------------------

export const tests = [
  {
    name: 'rpc-call: the conductor blocks, gets 42 back, and Step back restores the picture',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      assert.equal(await scenarioSelect(page).inputValue(), 'my-topology', 'the app opens on "My topology"');
      const scenario = await pick(page, 'rpc-call');
      assert.ok((await aboutOf(page).textContent()).includes(scenario.watch), 'the "what to watch" text is shown');
      // The actors are there from the start; what they declare appears as the run goes.
      for (const name of ['conductor', 'compute-host1', 'compute-host2']) await nodeOf(page, name).waitFor();
      const legend = page.getByRole('list', { name: 'Legend', exact: true });
      for (const kind of ['RPC request (call)', 'RPC reply']) {
        await legend.getByText(kind, { exact: true }).waitFor();
      }

      let sawBlocked = false;
      await stepUntil(page, async () => {
        const text = await nodeText(page, 'conductor');
        if (/blocked in call\(\) · \d+ ms left/.test(text)) {
          sawBlocked = true;
          assert.equal(await clientData(page, 'conductor', 'data-state'), 'blocked', `conductor says "${text}"`);
        }
        return text.includes('returned 42');
      }, 'the conductor showing "returned 42"', 300);
      assert.ok(sawBlocked, 'the conductor was shown blocked in call() while it waited');
      assert.match(await nodeText(page, 'conductor'), /add\(\) returned 42/);
      // Queues and exchanges the run declares are drawn too.
      for (const name of ['nova', 'compute']) await nodeOf(page, name).waitFor();
      await canvasOf(page).getByRole('button', { name: /^reply_[0-9a-f]+$/ }).first().waitFor();
      await nodeOf(page, '(default)').waitFor();

      const { value, max } = await position(page);
      assert.deepEqual(await status(page), { step: value, total: max }, 'the status text agrees with the timeline');
      assert.ok(await virtualMs(page) >= 541, 'the reply reaches the conductor at 541 ms (seed 1)');

      // The log holds the line that says so.
      await openTab(page, 'Event log');
      const log = logOf(page);
      await log.getByRole('button', { name: /returned 42/ }).first().waitFor();

      // Step, then Step back: exactly the previous picture and log.
      const before = { canvas: await canvasMarkup(page), log: await log.innerText(), at: await position(page) };
      await step(page);
      assert.notEqual(await canvasMarkup(page) + await log.innerText(), before.canvas + before.log, 'Step changed something');
      await stepBack(page);
      assert.deepEqual(await position(page), before.at, 'back at the same position');
      assert.equal(await log.innerText(), before.log, 'Step back restores the event log');
      assert.equal(await canvasMarkup(page), before.canvas, 'Step back restores the canvas exactly');

      // The sequence diagram has the request and the reply.
      await openTab(page, 'Sequence diagram');
      const diagram = sequenceOf(page);
      await diagram.getByRole('img', { name: 'Sequence diagram', exact: true }).waitFor();
      const arrows = await diagram.locator('[data-kind]').evaluateAll((els) =>
        els.map((el) => ({ kind: el.getAttribute('data-kind'), role: el.getAttribute('role'), name: el.getAttribute('aria-label') })));
      for (const kind of ['call', 'reply']) {
        assert.ok(arrows.some((arrow) => arrow.kind === kind), `an arrow of kind ${kind}: ${JSON.stringify(arrows.slice(0, 6))}`);
      }
      for (const arrow of arrows) {
        assert.equal(arrow.role, 'button', `arrows are buttons: ${JSON.stringify(arrow)}`);
        assert.match(arrow.name ?? '', /^.+: .+ → .+ at \d+ ms$/, 'an arrow is named "<label>: <from> → <to> at <t> ms"');
      }
      await diagram.getByRole('button', { name: 'Download SVG', exact: true }).waitFor();

      // Copy as Mermaid puts the diagram on the clipboard.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
      await diagram.getByRole('button', { name: 'Copy as Mermaid', exact: true }).click();
      const copied = await until(() => page.evaluate(async () =>
        window.__lastCopied ?? await navigator.clipboard.readText().catch(() => '')), 'the Mermaid text to be copied', 5_000);
      assert.ok(copied.startsWith('sequenceDiagram'), `Mermaid text: ${copied.slice(0, 80)}`);
    },
  },
  {
    name: 'rpc-cast: the scheduler is never blocked and the servers receive every cast',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      const scenario = await pick(page, 'rpc-cast');
      const [client] = actorsOf(scenario, 'rpc_client');
      const servers = actorsOf(scenario, 'rpc_server').map((server) => server.name);
      const casts = client.steps.filter((s) => s.action === 'cast').reduce((sum, s) => sum + times(s), 0);
      const states = new Set();
      for (let steps = 0; ; steps += 1) {
        const state = await clientData(page, client.name, 'data-state');
        assert.ok(state !== null, `${client.name} has data-state`);
        assert.notEqual(state, 'blocked', `${client.name} is never blocked (step ${steps}: "${await nodeText(page, client.name)}")`);
        states.add(state);
        if (await atEnd(page)) break;
        assert.ok(steps < 300, 'the run ends within 300 steps');
        await step(page);
      }
      const counts = {};
      for (const name of servers) counts[name] = await received(page, name);
      for (const name of servers) assert.ok(counts[name] >= 1, `${name} received a cast: ${JSON.stringify(counts)}`);
      assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), casts, `every cast arrives once: ${JSON.stringify(counts)}`);
      assert.equal(await received(page, client.name), 0, 'nothing comes back to the caster');
    },
  },
  {
    name: 'rpc-timeout: the caller raises MessagingTimeout once its timeout has passed',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      const scenario = await pick(page, 'rpc-timeout');
      const [client] = actorsOf(scenario, 'rpc_client');
      await stepUntil(page, async () => (await nodeText(page, client.name)).includes('raised MessagingTimeout'),
        `${client.name} showing "raised MessagingTimeout"`, 300);
      assert.match(await nodeText(page, client.name), /work\(\) raised MessagingTimeout/);
      const now = await virtualMs(page);
      assert.ok(now >= client.timeout_ms, `virtual time ${now} ms is at least the ${client.timeout_ms} ms timeout`);
      assert.ok(now >= (client.start_ms ?? 0) + client.timeout_ms,
        `the first call starts at ${client.start_ms} ms, so it cannot time out before ${(client.start_ms ?? 0) + client.timeout_ms} ms (shown: ${now} ms)`);
    },
  },
  {
    name: 'notifications: played at 16x, each pool gets one copy of each notification',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      const scenario = await pick(page, 'notifications');
      await setSpeed(page, '16x');
      assert.equal(await speedOf(page).inputValue(), '6', '16x is option 6');
      await playToEnd(page);

      const [notifier] = actorsOf(scenario, 'notifier');
      const sent = notifier.steps.flatMap((s) => Array(times(s)).fill(s.priority));
      // A pool shares one queue bound for each priority its members handle; listeners without a
      // pool read the notifier's own 'notifications.<priority>' queues. Either way, one copy of
      // each notification per group whose priorities include it.
      const groups = new Map();
      for (const listener of actorsOf(scenario, 'notification_listener')) {
        const key = listener.pool ?? '(no pool)';
        const group = groups.get(key) ?? { members: [], priorities: new Set() };
        group.members.push(listener.name);
        for (const endpoint of listener.endpoints) for (const h of endpoint.handlers) group.priorities.add(h.priority);
        groups.set(key, group);
      }
      const report = {};
      for (const [key, group] of groups) {
        const expected = sent.filter((priority) => group.priorities.has(priority)).length;
        const got = [];
        for (const name of group.members) got.push(await received(page, name));
        report[key] = { expected, got: Object.fromEntries(group.members.map((name, i) => [name, got[i]])) };
        assert.equal(got.reduce((a, b) => a + b, 0), expected, `pool ${key}: ${JSON.stringify(report[key])}`);
        if (group.members.length > 1) {
          assert.ok(Math.max(...got) - Math.min(...got) <= 1, `pool ${key} members take turns: ${JSON.stringify(report[key])}`);
        }
      }
      assert.deepEqual(Object.keys(report).sort(), ['(no pool)', 'ceilometer', 'searchlight']);
    },
  },
  {
    name: 'a drawn topology plays as `kaiten run` runs it',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await buildOrders(page);
      await clickNode(page, 'producer-1');
      await typeInto(page, 'Routing key', 'order.created');
      await inspectorOf(page).getByRole('region', { name: 'Route preview' })
        .getByText("A message with routing key 'order.created' goes to queues 'queue-1' and 'queue-2'.", { exact: true })
        .waitFor();
      assert.equal(await scenarioSelect(page).inputValue(), 'my-topology', 'still on "My topology"');
      await blur(page);
      await setSpeed(page, '16x');
      await playToEnd(page);

      // The same document as a scenario file: the palette's defaults (src/editor/create.rs),
      // the fields the drawing set, the engine's ExchangeSpec/QueueSpec defaults, seed 1.
      const durable = { vhost: '/', durable: true, auto_delete: false, arguments: {} };
      const binding = (destination, key) => ({
        source: 'exchange-1', vhost: '/', destination, destination_type: 'queue', routing_key: key, arguments: {},
      });
      const scenario = {
        kaiten_scenario: 1,
        name: 'untitled',
        seed: 1,
        definitions: {
          exchanges: [{ name: 'exchange-1', type: 'topic', internal: false, ...durable }],
          queues: [{ name: 'queue-1', ...durable }, { name: 'queue-2', ...durable }],
          bindings: [binding('queue-1', 'order.*'), binding('queue-2', 'order.#')],
        },
        actors: [
          { kind: 'producer', name: 'producer-1', exchange: 'exchange-1', routing_key: 'order.created', count: 3, interval_ms: 200 },
          { kind: 'consumer', name: 'consumer-1', queue: 'queue-1', prefetch: 1 },
          { kind: 'consumer', name: 'consumer-2', queue: 'queue-2', prefetch: 1 },
        ],
      };
      const native = nativeDeliveries(scenario);
      assert.ok(native['consumer-1'] > 0 && native['consumer-2'] > 0, `the CLI delivered to both: ${JSON.stringify(native)}`);
      const shown = { 'consumer-1': await received(page, 'consumer-1'), 'consumer-2': await received(page, 'consumer-2') };
      assert.deepEqual(shown, { 'consumer-1': native['consumer-1'], 'consumer-2': native['consumer-2'] },
        'the browser run delivers what `kaiten run` delivers');
    },
  },
  {
    name: 'clicking a log line seeks there; the timeline gives the same picture as stepping',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'rpc-call');
      // A step goes to the next world step that did something, so 15 steps may be more
      // than 15 world steps.
      for (let i = 0; i < 15; i += 1) await step(page);
      const { value: at15 } = await position(page);
      assert.ok(at15 >= 15, `15 steps reach world step 15 or later (${at15})`);

      await openTab(page, 'Event log');
      const items = logOf(page).getByRole('list').first().getByRole('listitem');
      assert.ok(await items.count() > 3, 'the log has lines up to step 15');
      const third = items.nth(2);
      const line = third.getByRole('button', { name: LINE }).first();
      const sentence = (await line.textContent()).trim();
      await line.click();
      const { value: seeked } = await until(async () => {
        const now = await position(page);
        return now.value < at15 && now;
      }, 'the timeline to move back to the clicked line');
      // The log is oldest first, so the clicked line is still the third.
      assert.equal((await items.nth(2).getByRole('button', { name: LINE }).first().textContent()).trim(), sentence);
      const marked = await items.nth(2).evaluate((el) =>
        el.getAttribute('aria-current') ?? el.querySelector('[aria-current]')?.getAttribute('aria-current') ?? null);
      assert.equal(marked, 'step', `the clicked line ("${sentence}") is aria-current="step"`);
      // Every line marked current is at the position the click went to (its time).
      const time = sentence.match(LINE)[0];
      const marks = await logOf(page).locator('[aria-current="step"]').allTextContents();
      for (const mark of marks) assert.ok(mark.trim().startsWith(time), `"${mark.trim()}" is marked current too`);

      // To the end with the slider and back to the same value; then the same by stepping.
      const timeline = timelineOf(page);
      const { max } = await position(page);
      await timeline.fill(String(max));
      await until(async () => (await position(page)).value === max, 'the timeline at its max');
      await timeline.fill(String(seeked));
      await until(async () => (await position(page)).value === seeked, `the timeline back at ${seeked}`);
      const bySlider = await canvasMarkup(page);
      await playbackButton(page, 'Reset').click();
      await until(async () => (await position(page)).value === 0, 'Reset to go back to 0');
      await stepUntil(page, async () => (await position(page)).value >= seeked, `stepping to ${seeked}`);
      assert.equal((await position(page)).value, seeked, `Step stops at the step the log line was at`);
      assert.equal(await canvasMarkup(page), bySlider, `the canvas at step ${seeked}: slider and stepping agree`);
    },
  },
  {
    name: 'Step back undoes Step at every position of rpc-call',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'rpc-call');
      const wrong = [];
      let visited = 0;
      while (!(await atEnd(page))) {
        const before = { at: (await position(page)).value, canvas: await canvasMarkup(page) };
        await step(page);
        const after = (await position(page)).value;
        await stepBack(page);
        const back = (await position(page)).value;
        if (back !== before.at) wrong.push(`Step ${before.at} → ${after}, then Step back → ${back}`);
        else if (await canvasMarkup(page) !== before.canvas) wrong.push(`Step ${before.at} → ${after} → back: the canvas differs`);
        // On from wherever Step back left us, to the position after this one.
        await stepUntil(page, async () => (await position(page)).value >= after, `stepping on to ${after}`, 5);
        visited += 1;
        assert.ok(visited < 300, 'the run ends within 300 steps');
      }
      assert.ok(visited >= 10, `rpc-call has more than ${visited} steps`);
      assert.deepEqual(wrong, [], 'Step back returns to the position Step came from, with the same picture');
    },
  },
  {
    name: 'keyboard: Space plays and pauses, arrows step, Home resets',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'rpc-call');
      await blur(page);
      const rightThrice = async () => {
        const seen = [0];
        for (let i = 0; i < 3; i += 1) {
          await page.keyboard.press('ArrowRight');
          seen.push(await until(async () => {
            const { value } = await position(page);
            return value > seen.at(-1) && value;
          }, `ArrowRight to step on from ${seen.at(-1)}`));
        }
        return seen;
      };
      const seen = await rightThrice();
      await page.keyboard.press('Home');
      await until(async () => (await position(page)).value === 0, 'Home to reset to 0');
      await page.keyboard.press('Space');
      await playbackButton(page, 'Pause').waitFor();
      await until(async () => (await position(page)).value > 0, 'playback to move the timeline', 5_000);
      await page.keyboard.press('Space');
      await playbackButton(page, 'Play').waitFor();
      const paused = (await position(page)).value;
      await sleep(300);
      assert.equal((await position(page)).value, paused, 'paused: the timeline stays put');

      await page.keyboard.press('Home');
      await until(async () => (await position(page)).value === 0, 'Home to reset to 0 again');
      assert.deepEqual(await rightThrice(), seen, 'stepping is deterministic');
      await page.keyboard.press('ArrowLeft');
      await until(async () => (await position(page)).value < seen[3], `ArrowLeft to step back from ${seen[3]}`);
    },
  },
  {
    name: 'the inspector shows a message on the wire',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, baseUrl);
      await pick(page, 'rpc-call');
      const request = canvasOf(page).getByRole('img', { name: /^RPC request \(call\) / });
      await stepUntil(page, async () => await request.count() > 0, 'a call request on the wire', 100);
      const token = request.first();
      assert.equal(await token.getAttribute('data-kind'), 'call');
      const label = (await token.getAttribute('aria-label')).replace(/^RPC request \(call\) /, '');
      await token.click();
      const inspector = inspectorOf(page);
      await inspector.getByRole('heading', { name: `Message ${label}`, exact: true }).waitFor();
      const text = await inspector.textContent();
      for (const expected of ['compute', '_msg_id', '_reply_q']) {
        assert.ok(text.includes(expected), `the inspector shows ${expected}: ${text.slice(0, 300)}`);
      }
      const path = inspector.getByRole('list', { name: 'Path', exact: true });
      assert.ok(await path.getByRole('listitem').count() >= 1, 'the path has at least one hop');
    },
  },
  screenshotTest(DESKTOP, 'light'),
  screenshotTest(DESKTOP, 'dark'),
  screenshotTest(PHONE, 'light'),
  screenshotTest(PHONE, 'dark'),
];
