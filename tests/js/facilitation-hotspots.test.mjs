// Hotspots, comment threads and the timeline with a facilitator (Fran) and two participants
// (Jimin, Omar), each in their own browser: a hotspot's status changed by one is seen live by
// the others and counted in the analysis panel; a comment thread where each edits and deletes
// only their own comments; swimlanes added, renamed and reordered with their stickies; a
// pivotal event drawn as a boundary; the backward-link lint in the analysis panel; and the
// export carrying all of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, createBoard, eventually, joinAs, launch, shot, startServer, stickyPos, withKey, INSPECTOR_OPEN } from './harness.mjs';
import { seedStickies } from './seed.mjs';

let server; let fran; let jimin; let omar;
before(async () => {
  server = await startServer();
  [fran, jimin, omar] = await Promise.all([launch(INSPECTOR_OPEN), launch(), launch()]);
});
after(async () => {
  for (const b of [fran, jimin, omar]) await b?.close();
  await server?.stop();
});

const sticky = (page, id) => page.locator(`.sticky[data-id="${id}"]`);
const status = (page, id) => sticky(page, id).locator('.hotspot-status').getAttribute('data-status');
const select = async (page, id) => { await sticky(page, id).locator('.sticky-kind').click(); };

test('hotspot status, comment threads, lanes and pivotal events, live for three people', async () => {
  const board = await createBoard(server, 'Workshop');
  await seedStickies(server, board, [
    { id: 'placed', kind: 'domain_event', text: 'Order placed', x: 200, y: 200 },
    { id: 'policy', kind: 'policy', text: 'Whenever placed, take payment', x: 400, y: 200 },
    { id: 'pay', kind: 'command', text: 'Take payment', x: 600, y: 200 },
    // Emitted by "Take payment" but drawn left of it: a link backwards in time.
    { id: 'paid', kind: 'domain_event', text: 'Payment taken', x: 360, y: 380 },
    { id: 'pg', kind: 'hotspot', text: 'Which PG? 어떤 PG사?', x: 560, y: 420 },
  ], [
    { id: 'l1', from: 'placed', to: 'policy' },
    { id: 'l2', from: 'policy', to: 'pay' },
    { id: 'l3', from: 'pay', to: 'paid' },
  ]);
  const url = `${server.url}/b/${board}`;
  const f = await fran.newPage(); await joinAs(f, url, 'Fran');
  const j = await jimin.newPage(); await joinAs(j, withKey(url, 'participant'), 'Jimin 지민');
  const o = await omar.newPage(); await joinAs(o, withKey(url, 'participant'), 'Omar');
  for (const p of [f, j, o]) await sticky(p, 'pg').waitFor();

  // Hotspot status: open by default; Jimin presses S, everyone sees "discussed".
  assert.equal(await status(o, 'pg'), 'open');
  await f.click('.analysis-toggle');
  await eventually(async () => (await f.textContent('.hotspot-tally .unresolved-hotspots')) === '1 unresolved hotspot', 3000, 'one open hotspot counted');
  await select(j, 'pg');
  await j.keyboard.press('s');
  for (const p of [f, o]) await eventually(async () => (await status(p, 'pg')) === 'discussed', 3000, 'status discussed seen live');
  assert.match(await sticky(o, 'pg').locator('.hotspot-status').textContent(), /Discussed · 논의함/);
  await shot(o, 'facilitation-01-hotspot-discussed');

  // Comments: Jimin opens the thread with C and writes; Omar sees the badge and opens it.
  await j.keyboard.press('c');
  await j.locator('.comment-thread').waitFor();
  await j.fill('.comment-input', 'PG사 타임아웃은 몇 초? مرحبا');
  await j.click('.add-comment button');
  const badge = sticky(o, 'pg').locator('.comment-badge');
  await eventually(async () => (await badge.textContent())?.trim() === '1', 3000, 'Omar sees one comment');
  await badge.click();
  await o.locator('.comment-thread .comment').first().waitFor();
  const first = o.locator('.comment-thread .comment').first();
  assert.equal(await first.locator('.comment-author').textContent(), 'Jimin 지민');
  assert.equal(await first.locator('.comment-text').textContent(), 'PG사 타임아웃은 몇 초? مرحبا');
  assert.equal(await first.locator('.edit-comment, .delete-comment').count(), 0, 'Omar cannot edit or delete Jimin\'s comment');
  await o.fill('.comment-input', 'Toss or KG Inicis — ask finance');
  await o.click('.add-comment button');
  await eventually(async () => (await j.locator('.comment-thread .comment').count()) === 2, 3000, 'Jimin sees Omar\'s comment');
  // An empty comment is explained, not sent.
  await o.fill('.comment-input', '   ');
  await o.click('.add-comment button');
  assert.match(await o.textContent('.comment-error'), /needs some text/);

  // Jimin edits her own comment; Omar sees the new text marked edited.
  const mine = j.locator('.comment-thread .comment.mine');
  assert.equal(await mine.count(), 1, 'Jimin owns one comment');
  await mine.locator('.edit-comment').click();
  await j.fill('.comment-edit', 'PG사 타임아웃: 3초');
  await j.click('.save-comment');
  await eventually(async () => (await first.locator('.comment-text').textContent()) === 'PG사 타임아웃: 3초', 3000, 'Omar sees the edit');
  assert.equal(await first.locator('.comment-edited').count(), 1);
  await shot(o, 'facilitation-02-comment-thread');
  // Omar deletes his own comment; Jimin and Fran see one left.
  await o.locator('.comment-thread .comment.mine .delete-comment').click();
  await eventually(async () => (await j.locator('.comment-thread .comment').count()) === 1, 3000, 'Jimin sees the deletion');
  await eventually(async () => (await sticky(f, 'pg').locator('.comment-badge').textContent())?.trim() === '1', 3000, 'Fran\'s badge says 1');

  // Fran resolves the hotspot from the inspector: it is no longer counted.
  await select(f, 'pg');
  await f.selectOption('#inspector-hotspot-status', 'resolved');
  for (const p of [j, o]) await eventually(async () => (await status(p, 'pg')) === 'resolved', 3000, 'resolved seen live');
  await eventually(async () => (await f.textContent('.hotspot-tally .unresolved-hotspots')) === '0 unresolved hotspots', 3000, 'no unresolved hotspot');

  // Lanes: Fran adds two and names them; everyone sees them with the stickies they hold.
  await f.click('.add-lane');
  await eventually(async () => (await o.locator('.lane').count()) === 1, 3000, 'first lane seen');
  await f.click('.add-lane');
  await eventually(async () => (await o.locator('.lane').count()) === 2, 3000, 'second lane seen');
  const lanes = f.locator('.lane');
  await lanes.nth(0).locator('.lane-name').fill('Customer · 고객');
  await lanes.nth(0).locator('.lane-name').press('Enter');
  await lanes.nth(1).locator('.lane-name').fill('Payment system');
  await lanes.nth(1).locator('.lane-name').press('Enter');
  await eventually(async () => (await j.locator('.lane .lane-name').evaluateAll((els) => els.map((e) => e.value))).join('|') === 'Customer · 고객|Payment system', 3000, 'names seen live');
  assert.equal(await j.locator('.lane').nth(0).locator('.lane-count').textContent(), '3 stickies');
  assert.equal(await j.locator('.lane').nth(1).locator('.lane-count').textContent(), '2 stickies');

  // With a timeline on the board, the link drawn right to left is reported.
  await eventually(async () => (await f.locator('.analysis .finding[data-rule="link_backward_in_time"]').count()) === 1, 5000, 'backward link in the analysis panel');

  // Omar marks "Order placed" pivotal with P: a boundary line for everyone.
  await select(o, 'placed');
  await o.keyboard.press('b');
  for (const p of [f, j]) await p.locator('.pivotal-line[data-id="placed"]').waitFor();
  assert.match(await f.textContent('.pivotal-line[data-id="placed"] .pivotal-label'), /Order placed/);
  await f.mouse.click(900, 700);
  await shot(f, 'facilitation-03-lanes-pivotal-1280');
  await f.setViewportSize({ width: 1920, height: 1080 });
  await f.click('.zoom-controls .fit');
  await shot(f, 'facilitation-04-lanes-pivotal-1920');
  await f.setViewportSize({ width: 1280, height: 800 });

  // Moving the first lane down carries its stickies along (on every screen).
  const [, y0] = await stickyPos(j, 'placed');
  await f.locator('.lane').nth(0).locator('.lane-down').click();
  await eventually(async () => (await stickyPos(j, 'placed'))[1] === y0 + 200, 3000, 'the lane\'s stickies moved down');
  await eventually(async () => (await o.locator('.lane .lane-name').evaluateAll((els) => els.map((e) => e.value))).join('|') === 'Payment system|Customer · 고객', 3000, 'lanes reordered');

  // The export carries the workshop.
  const exported = await (await api(server, `/api/boards/${board}/export`)).json();
  assert.equal(exported.board.hotspots.pg, 'resolved');
  assert.equal(exported.board.comments.length, 1);
  assert.equal(exported.board.comments[0].author, 'Jimin 지민');
  assert.deepEqual(exported.board.lanes.map((l) => l.name).sort(), ['Customer · 고객', 'Payment system']);
  assert.deepEqual(exported.board.pivotal, ['placed']);
  for (const b of [fran, jimin, omar]) assert.deepEqual(b.pageErrors, []);
});
