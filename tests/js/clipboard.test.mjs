// Copy, cut and paste between boards through the system clipboard: Alice copies two stickies
// and the link between them on board A, opens board B and pastes them under her pointer —
// Bob, on board B, sees them and the link arrive; the paste is one undo step; cut removes and
// paste brings back; copy and paste inside a sticky's text stay plain text editing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { centreOf, closeAll, createBoard, eventually, joinAs, serverAndTwoBrowsers, shot, stickies, stickyPos, stickyText } from './harness.mjs';
import { seedStickies } from './seed.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const selected = (page) => page.$$eval('.sticky.selected', (els) => els.map((e) => e.dataset.id).sort());
const links = (page) => page.$$eval('.link', (els) => els.map((e) => e.dataset.id));

test('copy stickies and their link on board A, paste them into board B', async () => {
  const boardA = await createBoard(server, 'Board A');
  await seedStickies(server, boardA, [
    { id: 'cmd', kind: 'command', text: 'Place order', x: 300, y: 200 },
    { id: 'ev', kind: 'domain_event', text: '주문됨', x: 500, y: 200 },
    { id: 'pol', kind: 'policy', text: 'Notify restaurant', x: 700, y: 200 },
  ], [{ id: 'l1', from: 'cmd', to: 'ev' }, { id: 'l2', from: 'ev', to: 'pol' }]);
  const boardB = await createBoard(server, 'Board B');
  await seedStickies(server, boardB, [{ id: 'b1', kind: 'actor', text: 'Customer', x: 300, y: 500 }]);
  const urlB = `${server.url}/b/${boardB}`;
  const a = await alice.newPage(); await joinAs(a, `${server.url}/b/${boardA}`, 'Alice');
  const b = await bob.newPage(); await joinAs(b, urlB, 'Bob');
  await a.locator('.sticky[data-id="pol"]').waitFor();
  await b.locator('.sticky[data-id="b1"]').waitFor();

  // Alice selects the command, the event and the link between them, and copies.
  await a.click('.sticky[data-id="cmd"] .sticky-kind');
  await a.click('.sticky[data-id="ev"] .sticky-kind', { modifiers: ['Shift'] });
  const hit = await centreOf(a.locator('.link[data-id="l1"] .link-hit'));
  await a.keyboard.down('Shift');
  await a.mouse.click(hit.x, hit.y);
  await a.keyboard.up('Shift');
  assert.deepEqual(await selected(a), ['cmd', 'ev']);
  assert.equal(await a.locator('.link.selected').getAttribute('data-id'), 'l1');
  await a.keyboard.press('Control+c');

  // On board B, she pastes with the pointer over the canvas.
  await joinAs(a, urlB, 'Alice');
  await a.locator('.sticky[data-id="b1"]').waitFor();
  await a.mouse.move(700, 500);
  await a.keyboard.press('Control+v');
  await eventually(async () => (await stickies(b)).length === 3, 3000, 'Bob sees the pasted stickies');
  const pasted = (await stickies(b)).filter((s) => s.id !== 'b1');
  assert.deepEqual(pasted.map((s) => s.text).sort(), ['Place order', '주문됨']);
  assert.ok(pasted.every((s) => !['cmd', 'ev'].includes(s.id)), 'fresh ids');
  const cmd = pasted.find((s) => s.kind === 'command').id;
  const ev = pasted.find((s) => s.kind === 'domain_event').id;
  await eventually(async () => (await links(b)).length === 1, 3000, 'Bob sees the pasted link');
  const link = b.locator('.link');
  assert.notEqual(await link.getAttribute('data-id'), 'l1');
  // Centred on the pointer: copied bounds 300..620 × 200..320, pointer at board (700, 448).
  assert.deepEqual(await stickyPos(b, cmd), [540, 388]);
  assert.deepEqual(await stickyPos(b, ev), [740, 388]);
  assert.deepEqual(await selected(a), [cmd, ev].sort(), 'the pasted stickies are selected');
  await shot(a, 'clipboard-01-alice-pasted-on-b');
  await shot(b, 'clipboard-02-bob-sees-paste');

  // One undo step takes the whole paste back, for Bob too; redo brings it again.
  await a.keyboard.press('Control+z');
  await eventually(async () => (await stickies(b)).length === 1, 3000, 'the paste is undone on Bob\'s page');
  assert.deepEqual(await links(b), []);
  await a.keyboard.press('Control+Shift+z');
  await eventually(async () => (await stickies(b)).length === 3 && (await links(b)).length === 1, 3000, 'redo on Bob\'s page');

  // Cut the actor, then paste it back in the middle of the view.
  await a.click('.sticky[data-id="b1"] .sticky-kind');
  await a.keyboard.press('Control+x');
  await eventually(async () => !(await stickies(b)).some((s) => s.id === 'b1'), 3000, 'the cut reaches Bob');
  await a.mouse.move(640, 30); // over the top bar: the paste goes to the middle of the view
  await a.keyboard.press('Control+v');
  await eventually(async () => (await stickies(b)).some((s) => s.text === 'Customer'), 3000, 'the pasted actor reaches Bob');
  const actor = (await stickies(b)).find((s) => s.text === 'Customer').id;
  assert.notEqual(actor, 'b1');
  assert.deepEqual(await selected(a), [actor]);
  assert.equal(await stickies(b).then((s) => s.length), 3);
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('copy and paste inside a sticky\'s text stay text editing', async () => {
  const board = await createBoard(server, 'Text clipboard');
  await seedStickies(server, board, [{ id: 't1', kind: 'domain_event', text: 'Order placed', x: 300, y: 200 }]);
  const url = `${server.url}/b/${board}`;
  const a = await alice.newPage(); await joinAs(a, url, 'Alice');
  const b = await bob.newPage(); await joinAs(b, url, 'Bob');
  await a.locator('.sticky[data-id="t1"]').waitFor();

  // The sticky is selected while its text is edited, yet the text is what gets copied.
  await a.click('.sticky[data-id="t1"] .sticky-text');
  await a.keyboard.press('End');
  await a.keyboard.type(' 주문');
  await a.keyboard.press('Control+a');
  await a.keyboard.press('Control+c');
  await a.keyboard.press('End');
  await a.keyboard.press('Control+v');
  await eventually(async () => (await stickyText(b, 't1')) === 'Order placed 주문Order placed 주문', 3000, 'Bob sees the pasted text');
  assert.equal((await stickies(a)).length, 1, 'no sticky pasted');
  assert.deepEqual(await selected(a), ['t1']);

  // Plain text on the clipboard is not pasted onto the canvas.
  await a.click('.canvas', { position: { x: 900, y: 600 } });
  await a.keyboard.press('Control+v');
  await a.waitForTimeout(300);
  assert.equal((await stickies(b)).length, 1);
  await shot(b, 'clipboard-03-text-paste');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
