// Presence in two browsers (two profiles, two people): each names themselves once, sees the
// other in the top bar, sees the other's live cursor with their name where it really is on
// the board, sees what the other has selected outlined in their colour, and sees them go
// when they leave. The name is remembered across reloads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { closeAll, createBoard, eventually, joinAs, keyOf, withKey, serverAndTwoBrowsers, shot } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

test('two people see each other, their cursors and selections, and when they leave', async () => {
  const url = `${server.url}/b/${await createBoard(server, 'Presence')}`;
  const a = await alice.newPage();
  await a.goto(withKey(url));
  await a.waitForSelector('.name-dialog');
  await shot(a, 'presence-01-name-dialog');
  await joinAs(a, url, 'Alice Kim');
  const b = await bob.newPage();
  await joinAs(b, url, 'Bob');

  // Who is here.
  await eventually(async () => (await a.locator('.presence .avatar[data-name="Bob"]').count()) === 1, 5000, 'A lists Bob');
  await eventually(async () => (await b.locator('.presence .avatar[data-name="Alice Kim"]').count()) === 1, 5000, 'B lists Alice');
  assert.equal(await a.textContent('.here-count'), '2 here');
  assert.equal(await a.textContent('.avatar.me'), 'AK');

  // Alice's cursor shows on Bob's screen, named, at the same board point.
  await a.mouse.move(700, 420);
  await a.mouse.move(720, 430, { steps: 4 });
  const cursor = b.locator('.remote-cursor[data-name="Alice Kim"]');
  await cursor.waitFor();
  await eventually(async () => {
    const box = await cursor.boundingBox();
    return Math.abs(box.x - 720) < 3 && Math.abs(box.y - 430) < 3;
  }, 3000, 'Alice\'s cursor at her pointer');
  assert.equal(await cursor.locator('.cursor-name').textContent(), 'Alice Kim');
  // And Bob's on Alice's.
  await b.mouse.move(400, 300, { steps: 3 });
  await a.locator('.remote-cursor[data-name="Bob"]').waitFor();

  // Alice adds and selects a sticky: Bob sees it outlined in Alice's colour with her name.
  await a.click('.palette-item[data-kind="command"]');
  await a.keyboard.type('Place order');
  const id = await a.locator('.sticky.selected').getAttribute('data-id');
  const outline = b.locator(`.sticky[data-id="${id}"] .peer-outline`);
  await outline.waitFor();
  const aliceColor = await b.locator('.presence .avatar[data-name="Alice Kim"]').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(await outline.evaluate((e) => getComputedStyle(e).borderTopColor), aliceColor);
  assert.equal(await b.textContent(`.sticky[data-id="${id}"] .peer-tag`), 'Alice Kim');
  await a.mouse.move(760, 470, { steps: 3 });
  await eventually(async () => (await b.locator('.remote-cursor[data-name="Alice Kim"]').count()) === 1, 2000, 'cursor still there');
  await shot(b, 'presence-02-bob-sees-alice');
  await shot(a, 'presence-03-alice-sees-bob');

  // Clicking the empty canvas clears the selection for Bob too.
  await a.mouse.click(300, 650);
  await eventually(async () => (await outline.count()) === 0, 3000, 'selection outline cleared');

  // Reload: the name is remembered, no dialog.
  await a.reload();
  await a.waitForSelector('.board-page');
  await eventually(async () => (await a.textContent('#connection')) === 'saved', 5000, 'A reconnected');
  assert.equal(await a.locator('.name-dialog').count(), 0, 'no dialog after reload');
  assert.equal(await a.getAttribute('.avatar.me', 'data-name'), 'Alice Kim');
  await eventually(async () => (await b.locator('.presence .avatar[data-name="Alice Kim"]').count()) === 1, 5000, 'B still lists Alice after her reload');

  // A stock y-websocket client speaks the same awareness: it sees Alice, and Bob sees it.
  const doc = new Y.Doc();
  const board = url.split('/').pop();
  const js = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, board, doc, { WebSocketPolyfill: WebSocket, params: { key: keyOf(board) } });
  try {
    await eventually(() => [...js.awareness.getStates().values()].some((s) => s.user?.name === 'Alice Kim' && Array.isArray(s.selection)), 5000, 'the JS client sees Alice');
    js.awareness.setLocalState({ user: { name: 'Script', color: '#0c8599' }, cursor: { x: 100, y: 100 }, selection: [] });
    await eventually(async () => (await b.locator('.presence .avatar[data-name="Script"]').count()) === 1, 5000, 'B lists the JS client');
    await b.locator('.remote-cursor[data-name="Script"]').waitFor();
  } finally {
    js.destroy(); js.awareness.destroy(); doc.destroy();
  }
  await eventually(async () => (await b.locator('.presence .avatar[data-name="Script"]').count()) === 0, 5000, 'the JS client left');

  // Alice leaves: Bob sees her go, cursor and all.
  await a.mouse.move(500, 500, { steps: 2 });
  await b.locator('.remote-cursor[data-name="Alice Kim"]').waitFor();
  await a.close();
  await eventually(async () => (await b.locator('.presence .avatar[data-name="Alice Kim"]').count()) === 0, 3000, 'Alice gone from the list');
  assert.equal(await b.locator('.remote-cursor').count(), 0, 'her cursor is gone');
  assert.equal(await b.textContent('.here-count'), 'only you');
  await shot(b, 'presence-04-alice-left');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
