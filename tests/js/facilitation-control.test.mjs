// The facilitator's workshop controls with a facilitator and two participants, each in their own
// browser profile at 1280×800: a phase change seen by all (the palette leads with the phase's
// kinds, the hint says what to do, a participant's P is refused); the countdown the same on every
// screen and after a reload; follow me, a participant who stops following by moving, and a
// summon; a dot-voting round whose votes stay private until it closes, then ranked badges on
// every screen and the results in the JSON export.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { boardUrl, closeBrowsers, createBoard, eventually, joinAs, serverAndBrowsers, shot } from './harness.mjs';
import { keyOf } from './keys.mjs';
import { seedStickies } from './seed.mjs';

let server; let browsers = [];
before(async () => ({ server, browsers } = await serverAndBrowsers(3)));
after(() => closeBrowsers({ server, browsers }));

const pan = (page) => page.locator('.pan-layer').evaluate((e) => {
  const m = new DOMMatrix(getComputedStyle(e).transform);
  return [m.m41, m.m42];
});
const zoom = (page) => page.locator('.world').evaluate((e) => new DOMMatrix(getComputedStyle(e).transform).a);
const close = (a, b, tol = 2) => Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol;
const face = (page) => page.locator('.timer-face').textContent();
const seconds = (t) => t.split(':').map(Number).reduce((acc, n) => acc * 60 + n, 0);
// Drags the empty canvas by (dx, dy) from a spot clear of stickies and panels.
async function dragCanvas(page, dx, dy) {
  await page.mouse.move(640, 700);
  await page.mouse.down();
  await page.mouse.move(640 + dx / 2, 700 + dy / 2, { steps: 4 });
  await page.mouse.move(640 + dx, 700 + dy, { steps: 4 });
  await page.mouse.up();
}

test('a facilitator runs phases, the timer, follow me, a summon and a dot vote for two participants', async () => {
  const board = await createBoard(server, 'Workshop controls');
  await seedStickies(server, board, [
    { id: 'hot-a', kind: 'hotspot', text: 'Who refunds?', x: 200, y: 160 },
    { id: 'hot-b', kind: 'hotspot', text: 'Peak load?', x: 380, y: 160 },
    { id: 'hot-c', kind: 'hotspot', text: 'Legal?', x: 560, y: 160 },
    { id: 'ev-1', kind: 'domain_event', text: 'Order placed', x: 200, y: 340 },
  ]);
  const [fb, pb1, pb2] = browsers;
  const f = await fb.newPage(); await joinAs(f, boardUrl(server, board, 'facilitator'), 'Fran');
  const p1 = await pb1.newPage(); await joinAs(p1, boardUrl(server, board, 'participant'), 'Pat');
  const p2 = await pb2.newPage(); await joinAs(p2, boardUrl(server, board, 'participant'), 'Quinn');
  const everyone = [f, p1, p2];

  // Participants see no controls; the facilitator opens the strip from the top bar.
  assert.equal(await f.locator('.workshop-bar').count(), 0, 'the strip waits until asked for');
  await f.click('#workshop');
  await f.locator('.workshop-bar .phase-next').waitFor();
  assert.equal(await p1.locator('#workshop').count(), 0, 'no Workshop button for a participant');
  assert.equal(await p1.locator('.workshop-bar').count(), 0, 'nothing on for participants yet');
  assert.equal(await p1.locator('.phase-next, .timer-start, .follow-me, .vote-start').count(), 0);

  // Phases: ▶ starts the workshop, P moves on, the list jumps.
  await f.click('.phase-next');
  for (const p of everyone) await p.locator('.phase-bar[data-phase="chaotic_exploration"]').waitFor();
  await f.locator('.canvas').click({ position: { x: 900, y: 600 } });
  await f.keyboard.press('p');
  for (const p of everyone) await p.locator('.phase-bar[data-phase="enforce_timeline"]').waitFor();
  await f.selectOption('.phase-pick', 'people_and_systems');
  for (const p of everyone) {
    await p.locator('.phase-bar[data-phase="people_and_systems"]').waitFor();
    const kinds = await p.$$eval('.palette-item[data-kind]', (els) => els.map((e) => e.dataset.kind));
    assert.deepEqual(kinds.slice(0, 3), ['actor', 'external_system', 'domain_event'], 'palette leads with the phase');
    assert.equal(kinds.length, 10, 'every kind still one click away');
    assert.match(await p.textContent('.phase-hint'), /actors|액터/);
  }
  assert.equal(await p1.locator('.palette-item.lead').count(), 3);
  assert.equal(await p1.locator('.phase-pick').count(), 0, 'no phase controls for a participant');
  // A participant's P is refused, and the phase stays.
  await p1.locator('.canvas').click({ position: { x: 900, y: 600 } });
  await p1.keyboard.press('p');
  await eventually(async () => /Only the facilitator/.test(await p1.textContent('.notice-text')), 3000, 'refusal notice');
  assert.equal(await f.getAttribute('.phase-bar', 'data-phase'), 'people_and_systems');
  await shot(f, 'facilitation-01-phase-facilitator');
  await shot(p1, 'facilitation-02-phase-participant');

  // Timer: the same on every screen, and after a reload.
  await f.click('.timer-start');
  for (const p of everyone) await p.locator('.workshop-timer.running .timer-face').waitFor();
  const left = seconds(await face(p1));
  assert.ok(left <= 300 && left >= 295, `5 minutes counting down (${left})`);
  await p1.reload();
  await p1.locator('.workshop-timer.running .timer-face').waitFor();
  const [afterReload, atFacilitator] = [seconds(await face(p1)), seconds(await face(f))];
  assert.ok(Math.abs(afterReload - atFacilitator) <= 1, `after a reload ${afterReload} vs ${atFacilitator}`);
  await f.locator('.canvas').click({ position: { x: 900, y: 600 } });
  await f.keyboard.press('t');
  for (const p of everyone) await p.locator('.workshop-timer:not(.running) .timer-face').waitFor();
  await new Promise((r) => setTimeout(r, 1200));
  const paused = await face(f);
  assert.equal(await face(p2), paused, 'paused at the same time everywhere');
  await f.click('.timer-extend');
  await eventually(async () => seconds(await face(p2)) === seconds(paused) + 60, 3000, '+1 minute');

  // Follow me: participants follow the facilitator's view; Quinn stops by moving.
  await f.click('.follow-me');
  for (const p of [p1, p2]) await p.locator('.follow.on').waitFor();
  await dragCanvas(f, -220, -90);
  await f.mouse.wheel(0, 0);
  const fPan = await pan(f);
  for (const p of [p1, p2]) await eventually(async () => close(await pan(p), fPan), 4000, 'participants follow');
  await dragCanvas(p2, 150, 40);
  await p2.locator('.follow:not(.on)').waitFor();
  const quinnStays = await pan(p2);
  await dragCanvas(f, 180, 120);
  const fPan2 = await pan(f);
  await eventually(async () => close(await pan(p1), fPan2), 4000, 'Pat still follows');
  await new Promise((r) => setTimeout(r, 400));
  assert.ok(close(await pan(p2), quinnStays), 'Quinn stopped following by moving');
  await shot(p1, 'facilitation-03-following');

  // Summon: follow me off, the facilitator goes elsewhere and brings everyone there once.
  await f.keyboard.press('m');
  for (const p of [p1, p2]) await eventually(async () => (await p.locator('.follow').count()) === 0, 3000, 'follow me off');
  await dragCanvas(f, -300, 60);
  const fZoom = await zoom(f);
  await f.click('.summon');
  const there = await pan(f);
  for (const p of [p1, p2]) {
    await eventually(async () => close(await pan(p), there), 4000, 'summoned');
    assert.ok(Math.abs((await zoom(p)) - fZoom) < 1e-6);
  }
  await eventually(async () => /brought everyone here/.test(await p2.textContent('.notice-text')), 3000, 'summon notice');

  // Dot voting: V opens a round on hotspots, 3 votes each; votes stay private until it closes.
  await f.keyboard.press('v');
  for (const p of everyone) await p.locator('.vote-status').waitFor();
  assert.match(await p1.textContent('.vote-status'), /3 of 3 left/);
  // Everyone sees the whole board, below the workshop strip.
  for (const p of everyone) { await p.keyboard.press('Shift+Digit1'); await dragCanvas(p, 0, 140); }
  await p1.locator('.sticky[data-id="hot-a"]').click();
  await p1.locator('.sticky[data-id="hot-b"]').click();
  await p2.locator('.sticky[data-id="hot-b"]').click();
  await f.locator('.sticky[data-id="hot-b"]').click();
  await f.locator('.sticky[data-id="hot-c"]').click();
  // Not a hotspot: no vote, the sticky is just selected.
  await p2.locator('.sticky[data-id="ev-1"]').click();
  await eventually(async () => /1 of 3 left/.test(await p1.textContent('.vote-status')), 3000, 'Pat has 1 left');
  await eventually(async () => /2 of 3 left/.test(await p2.textContent('.vote-status')), 3000, 'Quinn has 2 left');
  // Taking a vote back.
  await p1.locator('.sticky[data-id="hot-a"]').click();
  await eventually(async () => /2 of 3 left/.test(await p1.textContent('.vote-status')), 3000, 'Pat took one back');
  await p1.locator('.sticky[data-id="hot-a"]').click();
  await eventually(async () => (await p1.locator('.vote-dot').count()) === 2, 3000, 'Pat sees his two dots');
  assert.deepEqual((await p2.$$eval('.vote-dot', (els) => els.map((e) => e.dataset.id))).sort(), ['hot-b'], 'Quinn sees only his own vote');
  assert.equal(await p1.locator('.vote-result').count(), 0, 'no results while open');
  await shot(p1, 'facilitation-04-voting');
  await f.click('.vote-close');
  for (const p of everyone) {
    await eventually(async () => (await p.locator('.vote-result').count()) === 3, 4000, 'results on the board');
    assert.equal(await p.textContent('.vote-result[data-id="hot-b"]'), '#1 · 3');
    assert.equal(await p.locator('.vote-status').count(), 0);
  }
  await f.click('.vote-results-toggle');
  await f.click('.vote-results-toggle');
  await shot(f, 'facilitation-05-results');
  // The results are in the JSON export.
  const res = await fetch(`${server.url}/api/boards/${board}/export`, { headers: { authorization: `Bearer ${keyOf(board)}` } });
  const exported = await res.json();
  assert.deepEqual(exported.board.votes, [
    { sticky: 'hot-b', votes: 3 }, { sticky: 'hot-a', votes: 1 }, { sticky: 'hot-c', votes: 1 },
  ]);
  for (const b of browsers) assert.deepEqual(b.pageErrors, []);
});
