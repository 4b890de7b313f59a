// The embeddable player and Present, in the browser: the example page's players and its
// host buttons driving one through postMessage; a host page with two players, one driven
// and one autoplaying; a player in a sandboxed iframe without storage playing rpc-call to
// its result; a bad option said in the player, which still starts; Escape handing the focus
// back to the host page; Copy embed code pasted into a page plays the same step; Present's
// names at least 18 px high at 1280x720; screenshots light, dark and phone.
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, openApp, screenshot, sizeName } from './harness.mjs';

const PRESENT = { width: 1280, height: 720 };

/** Serves `html` at `${baseUrl}name` (same origin as the bundle) and opens it. */
async function openHost(page, baseUrl, name, html) {
  await page.route(`${baseUrl}${name}`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await page.goto(`${baseUrl}${name}`);
}

/** The messages players posted to the host page, collected by a listener added first. */
const COLLECT = `<script>
  window.messages = [];
  addEventListener('message', (event) => { if (event.data && event.data.kaiten === 1) messages.push(event.data); });
</script>`;

const received = (page, test) => page.waitForFunction(test, null, { timeout: 20_000 });

/** The smallest rendered height of a node's name on the page, in CSS pixels. */
const smallestName = (frame) => frame.evaluate(() => Math.min(
  ...[...document.querySelectorAll('.node-name')].map((name) => name.getBoundingClientRect().height),
));

export const tests = [
  {
    name: 'the example page puts three players between its paragraphs and its own buttons drive the third',
    viewport: DESKTOP,
    async run({ page, baseUrl, viewport }) {
      await page.goto(`${baseUrl}embed-example.html`);
      const frames = page.locator('iframe');
      await frames.nth(2).scrollIntoViewIfNeeded();
      assert.equal(await frames.count(), 3);
      const status = page.locator('#host-status');
      await status.filter({ hasText: 'step 12 of' }).waitFor({ timeout: 30_000 });
      const rpc = page.frameLocator('iframe').nth(2);
      await rpc.getByText(/blocked in call\(\)/).first().waitFor();
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await status.filter({ hasText: /step 1[3-9] of/ }).waitFor();
      await page.getByRole('button', { name: 'Back to the blocked step' }).click();
      await status.filter({ hasText: 'step 12 of' }).waitFor();
      await page.getByRole('button', { name: 'Play' }).click();
      await status.filter({ hasText: /step (1[3-9]|[2-9]\d) of/ }).waitFor();
      await page.getByRole('button', { name: 'Pause' }).click();
      // Each player was sized to its content by the loader.
      const heights = await frames.evaluateAll((all) => all.map((frame) => frame.getBoundingClientRect().height));
      assert.ok(heights.every((height) => height > 300), `${heights}`);
      await page.getByRole('button', { name: 'Back to the blocked step' }).click();
      await status.filter({ hasText: 'step 12 of' }).waitFor();
      await screenshot(page, `embed-example-${sizeName(viewport)}`);
    },
  },
  {
    name: 'a host page drives one player by postMessage while the other autoplays, and Escape gives the focus back',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openHost(page, baseUrl, 'two-players.html', `<!doctype html><html><head>${COLLECT}
        <script src="kaiten-embed.js" defer></script></head><body>
        <button id="before">before</button>
        <div id="driven" data-kaiten="topics" data-controls="full"></div>
        <div id="auto" data-kaiten="hello-world" data-autoplay="1" data-speed="16"></div>
        </body></html>`);
      await received(page, () => messages.filter((m) => m.kind === 'ready').length === 2);
      const driven = await page.evaluate(() => document.getElementById('driven').kaitenPlayer === document.querySelector('#driven iframe').contentWindow);
      assert.ok(driven);
      await page.evaluate(() => document.getElementById('driven').kaitenPlayer.postMessage({ kaiten: 1, kind: 'seek', step: 6 }, '*'));
      await received(page, () => messages.some((m) => m.kind === 'step' && m.step === 6));
      await page.evaluate(() => document.getElementById('driven').kaitenPlayer.postMessage({ kaiten: 1, kind: 'play' }, '*'));
      await received(page, () => messages.some((m) => m.kind === 'step' && m.step > 6));
      await page.evaluate(() => document.getElementById('driven').kaitenPlayer.postMessage({ kaiten: 1, kind: 'pause' }, '*'));
      // The other one played to its end by itself.
      await received(page, () => messages.some((m) => m.kind === 'ended'));
      // A command the player does not take is answered with an error naming it.
      await page.evaluate(() => document.getElementById('driven').kaitenPlayer.postMessage({ kaiten: 1, kind: 'fly' }, '*'));
      await received(page, () => messages.some((m) => m.kind === 'error' && m.message.includes("'fly'")));
      // Keys act in the player while it has the focus; Escape hands the focus to the host page.
      const player = page.frameLocator('#driven iframe');
      await player.getByRole('button', { name: 'Reset' }).click();
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'IFRAME');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.activeElement.id === 'driven');
      await page.keyboard.press('Tab');
      assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'BODY');
    },
  },
  {
    name: 'a player in a sandboxed iframe without storage plays rpc-call to its result',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openHost(page, baseUrl, 'sandboxed.html', `<!doctype html><html><head>${COLLECT}</head><body>
        <iframe sandbox="allow-scripts" style="width:900px;height:640px;border:0"
          src="embed.html?scenario=rpc-call&autoplay=1&speed=16&panes=log"></iframe></body></html>`);
      await received(page, () => messages.some((m) => m.kind === 'ready'));
      await received(page, () => messages.some((m) => m.kind === 'ended'));
      const frame = page.frames().find((f) => f.url().includes('embed.html'));
      assert.equal(await frame.evaluate(() => { try { localStorage.length; return 'storage'; } catch { return 'none'; } }), 'none');
      await frame.getByText(/call add returned 42/).first().waitFor();
      assert.equal(await frame.locator('.embed-problems').count(), 0);
    },
  },
  {
    name: 'a bad option is said in the player by name and the player still starts',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await page.goto(`${baseUrl}embed.html?scenario=topics&sped=2&theme=blue&step=99999`);
      const alert = page.getByRole('alert');
      await alert.getByText("the player has no option 'sped' (did you mean 'speed'?").waitFor({ timeout: 30_000 });
      await alert.getByText("option 'theme': 'blue' is not one of light, dark, auto").waitFor();
      await alert.getByText(/option 'step': '99999' is not a whole number from 0 to \d+/).waitFor();
      await page.getByRole('button', { name: 'Play' }).click();
      await page.getByRole('button', { name: 'Pause' }).waitFor();
      assert.ok(await page.locator('.node-name').count() > 3);
      await screenshot(page, 'embed-bad-option');
      // A name no built-in has is said too.
      await page.goto(`${baseUrl}embed.html?scenario=nope`);
      await page.getByRole('alert').getByText(/no built-in scenario named 'nope'/).waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'Copy embed code gives a snippet that, pasted into a page, plays the same scenario at the same step',
    viewport: DESKTOP,
    async run({ page, baseUrl }) {
      await openApp(page, `${baseUrl}?scenario=rpc-call`);
      for (let i = 0; i < 5; i += 1) await page.getByRole('button', { name: 'Step', exact: true }).click();
      const step = Number(await page.getByRole('slider', { name: 'Timeline' }).inputValue());
      assert.ok(step > 0);
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await page.getByRole('button', { name: 'Copy embed code' }).click();
      const code = await page.evaluate(() => window.__lastCopied);
      assert.match(code, new RegExp(`<iframe src="${baseUrl}embed\\.html\\?scenario=rpc-call&step=${step}"`));
      assert.match(code, new RegExp(`<div data-kaiten="rpc-call" data-step="${step}"></div>`));
      // Both snippets, pasted into a page, play rpc-call at that step.
      await openHost(page, baseUrl, 'pasted.html', `<!doctype html><html><head>${COLLECT}</head><body>${code}</body></html>`);
      await received(page, (n) => messages.filter((m) => m.kind === 'ready').length === 2);
      const ready = await page.evaluate(() => messages.filter((m) => m.kind === 'ready'));
      assert.deepEqual(ready.map((m) => m.step), [step, step]);
      for (const frame of page.frames().filter((f) => f.url().includes('embed.html'))) {
        await frame.getByRole('region', { name: /Kaiten player: rpc-call/ }).waitFor();
      }
    },
  },
  ...[['light', PRESENT], ['dark', PRESENT]].map(([colorScheme, viewport]) => ({
    name: `Present draws names at least 18 px high at 1280x720 for rpc-call, notifications and load (${colorScheme})`,
    viewport,
    colorScheme,
    async run({ page, baseUrl }) {
      for (const scenario of ['rpc-call', 'notifications', 'load']) {
        await openApp(page, `${baseUrl}?scenario=${scenario}`);
        await page.getByRole('button', { name: 'Present' }).click();
        await page.getByRole('button', { name: 'Leave Present' }).waitFor();
        assert.equal(await page.locator('.app-header').isVisible(), false);
        await page.waitForFunction(() => document.querySelector('.zoom-level')?.textContent !== '');
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        const smallest = await smallestName(page);
        assert.ok(smallest >= 18, `${scenario}: names ${smallest.toFixed(1)} px high`);
        for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowRight');
        assert.equal(await page.locator('.present-log li').count(), 2);
        if (scenario !== 'load') await screenshot(page, `present-${scenario}-${colorScheme}`);
        await page.keyboard.press('Escape');
        await page.locator('.app-header').waitFor();
        // F enters it again from the keyboard.
        await page.keyboard.press('f');
        await page.getByRole('button', { name: 'Leave Present' }).waitFor();
      }
    },
  })),
  {
    name: 'the player at phone size, dark, with a lesson beside the canvas',
    viewport: PHONE,
    colorScheme: 'dark',
    async run({ page, baseUrl, viewport }) {
      await page.goto(`${baseUrl}embed.html?lesson=fix-the-binding&theme=dark`);
      await page.getByRole('region', { name: 'Lesson' }).waitFor({ timeout: 30_000 });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      await screenshot(page, `embed-lesson-${sizeName(viewport)}-dark`);
      await page.goto(`${baseUrl}embed.html?scenario=routing&panes=log,sequence&theme=light`);
      await page.getByRole('tab', { name: 'Sequence diagram' }).waitFor({ timeout: 30_000 });
      assert.equal(await page.getByRole('tab', { name: 'Charts' }).count(), 0);
      await screenshot(page, `embed-routing-${sizeName(viewport)}-light`);
    },
  },
];
