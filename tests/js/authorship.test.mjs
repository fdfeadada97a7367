// Authorship: each sticky says who created it and who changed it last (names from presence),
// as its tooltip, and the board's JSON export carries it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, closeAll, createBoard, eventually, openForAliceAndBob, serverAndTwoBrowsers, shot, stickyText } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

test('a sticky tells who created it and who changed it last', async () => {
  const board = await createBoard(server, 'Authorship');
  const { a, b } = await openForAliceAndBob(server, { alice, bob }, board);

  await a.click('.palette-item[data-kind="domain_event"]');
  await a.keyboard.type('Order placed');
  await a.click('.canvas', { position: { x: 900, y: 650 } });
  const id = await a.locator('.sticky').first().getAttribute('data-id');
  const title = (page) => page.locator(`.sticky[data-id="${id}"]`).getAttribute('title');
  await eventually(async () => /^created by Alice, \d\d:\d\d$/.test(await title(b) ?? ''), 5000, 'Bob sees who created it');

  // Bob changes the text: both pages say so.
  await b.click(`.sticky[data-id="${id}"] .sticky-text`);
  await b.keyboard.press('End');
  await b.keyboard.type(' 주문됨');
  await b.click('.canvas', { position: { x: 900, y: 650 } });
  await eventually(async () => (await stickyText(a, id)) === 'Order placed 주문됨', 5000, 'Alice sees the edit');
  await eventually(async () => /^created by Alice · changed by Bob, \d\d:\d\d$/.test(await title(a) ?? ''), 5000, 'Alice sees who changed it');
  await a.hover(`.sticky[data-id="${id}"]`);
  await shot(a, 'authorship-01-hover');

  // The export carries it.
  const exported = await eventually(async () => {
    const json = await (await api(server, `/api/boards/${board}/export`)).json();
    return json.board.authorship?.[id]?.updated_by === 'Bob' && json.board.authorship[id];
  }, 5000, 'authorship in the export');
  assert.equal(exported.created_by, 'Alice');
  assert.ok(exported.created_at <= exported.updated_at);
  assert.deepEqual(alice.pageErrors, []);
  assert.deepEqual(bob.pageErrors, []);
});
