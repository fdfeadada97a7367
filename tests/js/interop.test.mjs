// Stock JavaScript clients (npm `yjs` + `y-websocket`, unchanged) on a Stormwall board: they
// converge with each other and with the board in Chromium, see each other's awareness, and a
// closed connection's cursor disappears. With share links: a stock client per role, the viewer's
// and a locked participant's updates refused, a replaced link's client dropped.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { api, boardUrl, createBoard, eventually, keyOf, launch, shot, startServer, stickies, stickyText } from './harness.mjs';

let server; let browser; let board;
before(async () => {
  server = await startServer();
  board = await createBoard(server, 'Interop');
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

function client(room = board, role = 'facilitator') {
  const doc = new Y.Doc();
  const params = { key: keyOf(room, role) ?? '' };
  // Without a BroadcastChannel: clients in one process must meet only through the server.
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, room, doc, { WebSocketPolyfill: WebSocket, params, disableBc: true });
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
  await page.goto(boardUrl(server, board));
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

test('a stock client joining a big board gets its state in pieces and is synced only once it has all of it', async () => {
  const big = await createBoard(server, 'Interop wall');
  const writer = client(big);
  await synced(writer);
  const N = 1500;
  writer.doc.transact(() => {
    for (let i = 0; i < N; i++) putSticky(writer.doc, `w${i}`, 'domain_event', `Step ${i} 주문됨`, (i % 50) * 160, Math.floor(i / 50) * 160);
  });
  const size = Y.encodeStateAsUpdate(writer.doc).length;
  assert.ok(size > 3 * 64 * 1024, `a state of ${size} bytes`);
  await eventually(async () => {
    const probe = client(big);
    await synced(probe);
    const n = probe.doc.getMap('stickies').size;
    close(probe);
    return n === N;
  }, 5000, 'the server has every sticky');

  const late = client(big);
  const frames = [];
  late.provider.ws.addEventListener('message', (e) => {
    const b = new Uint8Array(e.data);
    if (b[0] === 0 && b[1] !== 0) frames.push({ kind: b[1], len: b.length });
  });
  await synced(late);
  const stickiesThen = late.doc.getMap('stickies');
  assert.equal(stickiesThen.size, N, 'synced with every sticky');
  for (let i = 0; i < N; i += 97) assert.equal(stickiesThen.get(`w${i}`).get('text').toString(), `Step ${i} 주문됨`);
  assert.ok(frames.length >= 4, `${frames.length} frames`);
  assert.deepEqual(frames.slice(0, -1).map((f) => f.kind), frames.slice(0, -1).map(() => 2), 'updates first');
  assert.equal(frames.at(-1).kind, 1, 'the SyncStep2 last');
  assert.ok(frames.every((f) => f.len <= 64 * 1024 + 64), 'each piece small');
  close(late); close(writer);
});

test('a stock client on an unknown board is closed with 4404 and a reason', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/sync/no-such-board`);
  const [code, reason] = await new Promise((resolve) => ws.on('close', (c, r) => resolve([c, String(r)])));
  assert.equal(code, 4404);
  assert.match(reason, /unknown board/);
});

/** Resolves with the close `{code, reason}` a stock client stops on (4400–4499: no reconnect). */
function closedFor(c) {
  return new Promise((resolve) => c.provider.once('closed', (e) => resolve(e)));
}

const has = (c, id) => c.doc.getMap('stickies').has(id);

test('stock clients per role: a viewer reads live, its updates are refused; a locked participant\'s too; absent after a restart', async () => {
  const room = await createBoard(server, 'Roles');
  const f = client(room, 'facilitator'); const p = client(room, 'participant'); const v = client(room, 'viewer');
  await Promise.all([synced(f), synced(p), synced(v)]);
  // The server tells the viewer once, in an access message a stock client does not know.
  const unknown = [];
  const logError = console.error;
  console.error = (...args) => { unknown.push(args.join(' ')); };
  try {
    putSticky(v.doc, 'from-viewer', 'hotspot', 'viewer wrote this');
    putSticky(v.doc, 'from-viewer-2', 'hotspot', 'and this');
    putSticky(f.doc, 'from-facilitator', 'domain_event', 'Order placed');
    await eventually(() => has(v, 'from-facilitator') && has(p, 'from-facilitator'), 3000, 'the viewer sees edits live');
    await eventually(() => unknown.length === 1, 3000, 'the viewer told once');
  } finally { console.error = logError; }
  assert.match(unknown[0], /Unable to compute message/);
  assert.ok(v.provider.wsconnected, 'the viewer stays connected as a reader');
  putSticky(p.doc, 'from-participant', 'command', 'Place order');
  await eventually(() => has(f, 'from-participant') && has(v, 'from-participant'), 3000, 'the participant edits');
  assert.ok(!has(f, 'from-viewer') && !has(p, 'from-viewer') && !has(f, 'from-viewer-2'));

  // Locked: only the facilitator edits.
  const lock = await api(server, `/api/boards/${room}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locked: true }) });
  assert.equal(lock.status, 200);
  putSticky(p.doc, 'while-locked', 'command', 'refused');
  putSticky(f.doc, 'facilitator-while-locked', 'policy', 'applied');
  await eventually(() => has(v, 'facilitator-while-locked') && has(p, 'facilitator-while-locked'), 3000, 'the facilitator edits a locked board');
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!has(f, 'while-locked') && !has(v, 'while-locked'));
  for (const c of [f, p, v]) close(c);

  // After a restart on the same database the refused updates were never stored.
  await server.stop();
  server = await startServer({ databaseUrl: server.databaseUrl, port: server.port });
  const again = client(room, 'viewer');
  await synced(again);
  assert.ok(has(again, 'from-participant') && has(again, 'facilitator-while-locked'));
  for (const id of ['from-viewer', 'from-viewer-2', 'while-locked']) assert.ok(!has(again, id), `${id} was stored`);
  close(again);
});

test('replacing a link drops the stock client that used the old one; without a key the socket closes 4404', async () => {
  const room = await createBoard(server, 'Rotation');
  const v = client(room, 'viewer'); const p = client(room, 'participant');
  await Promise.all([synced(v), synced(p)]);
  const dropped = closedFor(v);
  const res = await api(server, `/api/boards/${room}/links/viewer`, { method: 'POST' });
  assert.equal(res.status, 200);
  const { code, reason } = await dropped;
  assert.equal(code, 4401);
  assert.match(reason, /ask the facilitator/);
  assert.ok(p.provider.wsconnected, 'the participant stays');
  for (const key of ['', 'wrong']) {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/sync/${room}?key=${key}`);
    const [c] = await new Promise((resolve) => ws.on('close', (cc, r) => resolve([cc, String(r)])));
    assert.equal(c, 4404);
  }
  close(v); close(p);
});
