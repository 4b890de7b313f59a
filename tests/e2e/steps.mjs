// Moving through a run from a test, as a user does: the playback bar's controls by role and
// accessible name, stepping until something shows, and waiting for the page.
import { nodeOf } from './editor.mjs';

export const sleep = (ms) => new Promise((done) => { setTimeout(done, ms); });

/** Polls `check` until it returns something truthy; fails with `what` and the last value seen. */
export async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(20);
  }
}

export const playbackOf = (page) => page.getByRole('toolbar', { name: 'Playback', exact: true });
export const playbackButton = (page, name) => playbackOf(page).getByRole('button', { name, exact: true });
export const timelineOf = (page) => page.getByRole('slider', { name: 'Timeline', exact: true });
export const logOf = (page) => page.getByRole('region', { name: 'Event log', exact: true });

/** The text of a node on the canvas: its name and the lines drawn with it (the node's
 * frame holds its button, which is the box and the name, and those lines). */
export const nodeText = async (page, name) => (await nodeOf(page, name).locator('xpath=..').textContent()) ?? '';

/** Where the timeline is, and its end. */
export async function position(page) {
  const timeline = timelineOf(page);
  return { value: Number(await timeline.inputValue()), max: Number(await timeline.getAttribute('max')) };
}

export const atEnd = async (page) => {
  const { value, max } = await position(page);
  return value >= max || await playbackButton(page, 'Step').isDisabled();
};

/** One click on Step; waits until the timeline has moved. */
export async function step(page) {
  const before = (await position(page)).value;
  await playbackButton(page, 'Step').click();
  await until(async () => (await position(page)).value !== before, `the timeline to move on from ${before}`, 5_000);
}

/** Steps until `done()` holds, at most `limit` steps or until the end; returns the steps taken. */
export async function stepUntil(page, done, what, limit = 300) {
  for (let taken = 0; taken <= limit; taken += 1) {
    if (await done()) return taken;
    if (await atEnd(page)) break;
    await step(page);
  }
  throw new Error(`stepped to the end or ${limit} steps without ${what}`);
}
