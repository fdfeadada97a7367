// Silent writing with a facilitator and two participants, each in a browser of their own:
// the facilitator turns it on; Alice and Bob each write a sticky; each sees only their own,
// marked "only you see this", and neither page receives the other's text over the wire (every
// frame the server sends is searched); the facilitator sees neither; a stock y-websocket client
// joining the board gets nothing of them either; the facilitator reveals all and everyone sees
// both, no longer private.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { boardUrl, closeBrowsers, createBoard, eventually, joinAs, keyOf, serverAndBrowsers, shot, stickies } from './harness.mjs';

let server; let browsers = [];
before(async () => ({ server, browsers } = await serverAndBrowsers(3)));
after(() => closeBrowsers({ server, browsers }));

/** Every binary frame the page's sockets receive, as bytes. */
function recordFrames(page) {
  const frames = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => {
    frames.push(Buffer.isBuffer(f.payload) ? f.payload : Buffer.from(f.payload));
  }));
  return frames;
}

const texts = async (page) => (await stickies(page)).map((s) => s.text).sort();

async function write(page, text) {
  await page.click('.palette-item[data-kind="domain_event"]');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

test('silent writing: private until the facilitator reveals all, never sent to others', async () => {
  const board = await createBoard(server, 'Silent writing');
  const [fay, alice, bob] = await Promise.all(browsers.map((b) => b.newPage()));
  const aliceFrames = recordFrames(alice);
  const bobFrames = recordFrames(bob);
  await joinAs(fay, boardUrl(server, board, 'facilitator'), 'Fay');
  await joinAs(alice, boardUrl(server, board, 'participant'), 'Alice');
  await joinAs(bob, boardUrl(server, board, 'participant'), 'Bob');
  assert.equal(await alice.locator('.silent-writing-toggle').count(), 0, 'participants have no switch');

  // The switch is in the facilitator's workshop strip (W).
  await fay.click('#workshop');
  await fay.click('.silent-writing-toggle');
  for (const p of [fay, alice, bob]) await p.locator('.silent-banner').waitFor();
  assert.equal((await fay.textContent('.silent-writing-toggle')).trim(), 'Reveal all');

  await write(alice, 'Alice private idea');
  await write(bob, 'Bob 비밀 아이디어');
  await eventually(async () => (await texts(alice)).join() === 'Alice private idea', 5000, 'Alice sees her sticky');
  await eventually(async () => (await texts(bob)).join() === 'Bob 비밀 아이디어', 5000, 'Bob sees his sticky');
  assert.match(await alice.textContent('.sticky .private-marker'), /Only you see this/);
  await new Promise((r) => setTimeout(r, 700));
  assert.deepEqual(await texts(alice), ['Alice private idea'], 'Alice does not see Bob\'s');
  assert.deepEqual(await texts(bob), ['Bob 비밀 아이디어'], 'Bob does not see Alice\'s');
  assert.deepEqual(await texts(fay), [], 'the facilitator sees neither');

  // Nothing of the other's text in any frame either page received.
  const has = (frames, text) => frames.some((f) => f.includes(Buffer.from(text)));
  assert.ok(!has(bobFrames, 'Alice private'), 'Bob\'s page never received Alice\'s text');
  assert.ok(!has(aliceFrames, '비밀'), 'Alice\'s page never received Bob\'s text');

  // A stock y-websocket client joining the board sees no sticky.
  const doc = new Y.Doc();
  const stock = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, board, doc, { WebSocketPolyfill: WebSocket, params: { key: keyOf(board, 'participant') }, disableBc: true });
  await new Promise((resolve) => (stock.synced ? resolve() : stock.once('sync', (s) => s && resolve())));
  assert.equal(doc.getMap('stickies').size, 0, 'a stock client gets no private sticky');
  stock.destroy(); stock.awareness.destroy(); doc.destroy();

  await shot(alice, 'silent-writing-01-alice-private');
  await shot(bob, 'silent-writing-02-bob-private');
  await shot(fay, 'silent-writing-03-facilitator-before-reveal');

  await fay.click('.silent-writing-toggle');
  const both = ['Alice private idea', 'Bob 비밀 아이디어'].join();
  for (const p of [fay, alice, bob]) {
    await eventually(async () => (await texts(p)).join() === both, 8000, 'everyone sees both stickies');
  }
  for (const p of [fay, alice, bob]) {
    await eventually(async () => (await p.locator('.private-marker').count()) === 0, 5000, 'no private marker left');
    assert.equal(await p.locator('.silent-banner').count(), 0);
  }
  assert.equal((await fay.textContent('.silent-writing-toggle')).trim(), 'Silent writing');
  await shot(bob, 'silent-writing-04-revealed');
  // The stickies are the board's now: after a reload they are still there, exactly once.
  await alice.reload();
  await eventually(async () => (await texts(alice)).join() === both, 8000, 'both after a reload');
  for (const b of browsers) assert.deepEqual(b.pageErrors, []);
});
