// Stock JavaScript clients (npm `yjs` + `y-websocket`, unchanged) on a Stormwall board: they
// converge with each other and with the board in Chromium, see each other's awareness, and a
// closed connection's cursor disappears.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createBoard, eventually, launch, shot, startServer, stickies, stickyText } from './harness.mjs';

let server; let browser; let board;
before(async () => {
  server = await startServer();
  board = await createBoard(server, 'Interop');
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

function client(room = board) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, room, doc, { WebSocketPolyfill: WebSocket });
  return { doc, provider };
}

/** Stops a client completely (its awareness keeps a timer of its own). */
function close(c) {
  c.provider.destroy();
  c.provider.awareness.destroy();
  c.doc.destroy();
}

function synced(c) {
  return new Promise((resolve) => (c.provider.synced ? resolve() : c.provider.once('sync', (s) => s && resolve())));
}

/** Writes a sticky exactly as docs/board-schema.md describes it. */
function putSticky(doc, id, kind, text, x = 200, y = 200) {
  doc.transact(() => {
    const m = new Y.Map();
    m.set('kind', kind);
    m.set('x', x); m.set('y', y); m.set('w', 120); m.set('h', 120);
    const t = new Y.Text();
    t.insert(0, text);
    m.set('text', t);
    doc.getMap('stickies').set(id, m);
  });
}

test('two stock JS clients converge and see each other\'s awareness', async () => {
  const a = client(); const b = client();
  await Promise.all([synced(a), synced(b)]);
  putSticky(a.doc, 'js-event', 'domain_event', 'Order placed');
  await eventually(() => b.doc.getMap('stickies').get('js-event')?.get('text').toString() === 'Order placed', 3000, 'b sees a\'s sticky');
  b.doc.getMap('stickies').get('js-event').get('text').insert(12, ' (주문됨)');
  await eventually(() => a.doc.getMap('stickies').get('js-event')?.get('text').toString() === 'Order placed (주문됨)', 3000, 'a sees b\'s edit');

  a.provider.awareness.setLocalStateField('user', { name: 'Ana', color: '#e8590c' });
  await eventually(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ana', 3000, 'b sees Ana');

  // A late stock joiner receives the full state and the awareness already there.
  const c = client();
  await synced(c);
  assert.equal(c.doc.getMap('stickies').get('js-event').get('text').toString(), 'Order placed (주문됨)');
  await eventually(() => c.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ana', 3000, 'late joiner sees Ana');

  // Ana's socket drops without a goodbye: the server broadcasts the removal of her state.
  const anaId = a.doc.clientID;
  a.provider.shouldConnect = false;
  a.provider.awareness.off('update', a.provider._awarenessUpdateHandler);
  a.provider.ws.terminate();
  await eventually(() => !b.provider.awareness.getStates().has(anaId), 5000, 'Ana\'s cursor gone for b');
  await eventually(() => !c.provider.awareness.getStates().has(anaId), 5000, 'Ana\'s cursor gone for c');
  for (const x of [a, b, c]) close(x);
});

test('the board in Chromium and a stock JS client edit the same board', async () => {
  const js = client();
  await synced(js);
  putSticky(js.doc, 'from-js', 'command', 'Place order', 300, 240);

  const page = await browser.newPage();
  await page.goto(`${server.url}/b/${board}`);
  await eventually(async () => (await stickyText(page, 'from-js')) === 'Place order', 5000, 'browser shows the JS sticky');

  // The browser adds a domain event and types; the JS client reads it from the same schema.
  await page.click('.palette-item[data-kind="domain_event"]');
  await page.keyboard.type('Order placed');
  const mine = (await stickies(page)).find((s) => s.kind === 'domain_event' && s.text === 'Order placed');
  assert.ok(mine, 'browser sticky exists');
  await eventually(() => {
    const m = js.doc.getMap('stickies').get(mine.id);
    return m && m.get('kind') === 'domain_event' && m.get('text').toString() === 'Order placed';
  }, 3000, 'JS client sees the browser sticky');

  // The JS client edits the browser's sticky; the page shows it live.
  js.doc.getMap('stickies').get(mine.id).get('text').insert(0, 'New ');
  await eventually(async () => (await stickyText(page, mine.id)) === 'New Order placed', 3000, 'page shows the JS edit');
  await shot(page, 'interop-browser-and-js-client');
  close(js);
  assert.deepEqual(browser.pageErrors, []);
});

test('a stock client on an unknown board is closed with 4404 and a reason', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/sync/no-such-board`);
  const [code, reason] = await new Promise((resolve) => ws.on('close', (c, r) => resolve([c, String(r)])));
  assert.equal(code, 4404);
  assert.match(reason, /unknown board/);
});
