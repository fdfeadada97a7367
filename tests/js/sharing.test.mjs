// Share links in two browser profiles: Alice creates a board (she is its facilitator), shares
// the viewer link with Bob; Bob sees the board live but cannot change it (no palette, typing
// does nothing, a forged update is refused by the server); Alice locks and unlocks, replaces
// the viewer link while Bob has it open (his page says the link no longer opens the board),
// and deletes the board.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { closeAll, eventually, joinAs, serverAndTwoBrowsers, shot, stickies, stickyText } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const keyIn = (url) => new URL(url).searchParams.get('key');

test('facilitator shares a viewer link; the viewer cannot edit; lock, rotate while open, delete', async () => {
  const a = await alice.newPage();
  a.on('dialog', (d) => d.accept());
  await a.goto(`${server.url}/`);
  await a.fill('#new-board-name', 'Shared workshop');
  await a.click('#create-board');
  await a.waitForURL(/\/b\/[0-9a-f]{32}$/);
  const id = a.url().split('/').pop();
  assert.equal(keyIn(a.url()), null, 'the key left the address bar');
  await joinAs(a, a.url(), 'Alice');
  await eventually(async () => (await a.textContent('#my-role')) === 'Facilitator', 5000, 'Alice is the facilitator');
  await a.click('.palette-item[data-kind="domain_event"]');
  await a.keyboard.type('Order placed');
  const sticky = (await stickies(a))[0].id;

  // The Share dialog: three links, copy buttons, new-link buttons.
  await a.click('#share');
  await a.locator('.share-dialog').waitFor();
  assert.equal(await a.locator('.share-row .share-link').count(), 3);
  assert.equal(await a.locator('.share-row .copy-link').count(), 3);
  assert.equal(await a.locator('.share-row .rotate-link').count(), 3);
  const viewerLink = await a.inputValue('.share-row[data-role="viewer"] .share-link');
  assert.match(viewerLink, new RegExp(`/b/${id}\\?key=[A-Za-z0-9_-]{43}$`));
  await shot(a, 'sharing-01-share-dialog');

  // Bob opens the viewer link: he sees the board live, with no editing tools.
  const b = await bob.newPage();
  await joinAs(b, viewerLink, 'Bob');
  assert.equal(keyIn(b.url()), null, 'the key left Bob\'s address bar');
  await eventually(async () => (await b.textContent('#my-role')) === 'Viewer', 5000, 'Bob is a viewer');
  await eventually(async () => (await stickyText(b, sticky)) === 'Order placed', 5000, 'Bob sees the sticky');
  assert.equal(await b.locator('.palette').count(), 0, 'no palette for a viewer');
  assert.match(await b.textContent('.readonly-note'), /View only/);
  await a.locator(`.sticky[data-id="${sticky}"] .sticky-text`).click();
  await a.keyboard.press('End');
  await a.keyboard.type('!');
  await a.keyboard.press('Escape');
  await eventually(async () => (await stickyText(b, sticky)) === 'Order placed!', 3000, 'Bob sees edits live');
  await shot(b, 'sharing-02-viewer-board');

  // Typing on Bob's page changes nothing, for him or for Alice.
  await b.locator(`.sticky[data-id="${sticky}"] .sticky-text`).click();
  await b.keyboard.type('Bob was here');
  await b.mouse.dblclick(900, 600);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await stickyText(a, sticky), 'Order placed!');
  assert.equal((await stickies(a)).length, 1);
  assert.equal(await stickyText(b, sticky), 'Order placed!');

  // A forged update with the viewer's key (a stock client) is refused by the server.
  const doc = new Y.Doc();
  const forged = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, id, doc, { WebSocketPolyfill: WebSocket, params: { key: keyIn(viewerLink) }, disableBc: true });
  await new Promise((resolve) => (forged.synced ? resolve() : forged.once('sync', (s) => s && resolve())));
  const logError = console.error; console.error = () => {};
  try {
    doc.getMap('stickies').get(sticky).get('text').insert(0, 'FORGED ');
    await new Promise((r) => setTimeout(r, 500));
  } finally { console.error = logError; }
  forged.destroy(); forged.awareness.destroy(); doc.destroy();
  assert.equal(await stickyText(a, sticky), 'Order placed!');
  assert.equal(await stickyText(b, sticky), 'Order placed!');

  // Lock and unlock: both pages show it at once.
  await a.click('#lock-board');
  await a.locator('#lock-state').waitFor();
  await b.locator('#lock-state').waitFor();
  assert.equal(await a.textContent('#lock-board'), 'Unlock board');
  await shot(a, 'sharing-03-locked');
  await a.click('#lock-board');
  await eventually(async () => (await b.locator('#lock-state').count()) === 0, 3000, 'Bob sees the unlock');

  // A new viewer link while Bob has the old one open: his page says it no longer opens the board.
  await a.click('.share-row[data-role="viewer"] .rotate-link');
  await eventually(async () => (await a.inputValue('.share-row[data-role="viewer"] .share-link')) !== viewerLink, 5000, 'a new viewer link');
  await b.locator('.link-gone').waitFor({ timeout: 5000 });
  assert.equal(await b.textContent('#connection'), 'unavailable');
  assert.match(await b.textContent('.link-gone'), /no longer opens the board/);
  await shot(b, 'sharing-04-link-replaced');
  const again = await bob.newPage();
  await again.goto(viewerLink);
  await again.locator('.link-gone').waitFor({ timeout: 5000 });
  await again.close();

  // Delete: Alice is back on her start page, the board gone from it and from the server.
  const key = await a.evaluate((board) => JSON.parse(localStorage.getItem('stormwall.boards')).find((x) => x.id === board).key, id);
  await a.click('#delete-board');
  await a.waitForURL(`${server.url}/`);
  await a.locator('.home').waitFor();
  assert.equal(await a.locator(`.board-link[href="/b/${id}"]`).count(), 0);
  const res = await fetch(`${server.url}/api/boards/${id}`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.status, 404);
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('the start page lists the boards this browser opened, with its role', async () => {
  const a = await alice.newPage();
  await a.goto(`${server.url}/`);
  await a.fill('#new-board-name', 'Listed here');
  await a.click('#create-board');
  await a.waitForURL(/\/b\/[0-9a-f]{32}$/);
  await a.goto(`${server.url}/`);
  const row = a.locator('.board-list li', { hasText: 'Listed here' });
  await row.waitFor();
  assert.equal(await row.locator('.role-chip').textContent(), 'Facilitator');
  // Bob's browser never opened it: his start page does not list it.
  const b = await bob.newPage();
  await b.goto(`${server.url}/`);
  await b.locator('.home').waitFor();
  assert.equal(await b.locator('.board-list li', { hasText: 'Listed here' }).count(), 0);
  await shot(a, 'sharing-05-start-page');
});
