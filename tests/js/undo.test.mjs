// Undo and redo are per person: Alice's ⌘/Ctrl+Z reverts Alice's own last step — a move, a
// new sticky — and never Bob's edits, even when Bob edited after her.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, createBoard, eventually, joinAs, serverAndTwoBrowsers, shot, stickyText } from './harness.mjs';
import { seedStickies } from './seed.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const pos = (page, id) => page.locator(`.sticky[data-id="${id}"]`).evaluate((e) => [parseFloat(e.style.left), parseFloat(e.style.top)]);
const ids = (page) => page.$$eval('.sticky', (els) => els.map((e) => e.dataset.id).sort());

test('undo and redo revert only your own edits', async () => {
  const board = await createBoard(server, 'Undo');
  await seedStickies(server, board, [{ id: 'ev', kind: 'domain_event', text: 'Order placed', x: 300, y: 200 }]);
  const url = `${server.url}/b/${board}`;
  const a = await alice.newPage(); await joinAs(a, url, 'Alice');
  const b = await bob.newPage(); await joinAs(b, url, 'Bob');
  await a.locator('.sticky[data-id="ev"]').waitFor();

  // Alice adds a command and nudges the event with the arrow keys.
  await a.click('.palette-item[data-kind="command"]');
  await a.keyboard.type('Place order');
  const cmd = await a.locator('.sticky[data-kind="command"]').getAttribute('data-id');
  await a.click('.sticky[data-id="ev"] .sticky-kind');
  await a.keyboard.press('Shift+ArrowRight');
  await a.keyboard.press('Shift+ArrowRight');
  await eventually(async () => (await pos(b, 'ev'))[0] === 348, 3000, 'B sees the nudge');

  // Bob then writes on his own sticky.
  await b.click('.palette-item[data-kind="policy"]');
  await b.keyboard.type('Notify restaurant');
  const pol = await b.locator('.sticky[data-kind="policy"]').getAttribute('data-id');
  await eventually(async () => (await stickyText(a, pol)) === 'Notify restaurant', 3000, 'A sees Bob\'s policy');

  // Alice undoes: her nudge goes, Bob's policy stays.
  await a.click('.canvas', { position: { x: 900, y: 650 } });
  await a.keyboard.press('Control+z');
  await eventually(async () => (await pos(b, 'ev'))[0] === 300, 3000, 'the nudge is undone on B');
  assert.equal(await stickyText(b, pol), 'Notify restaurant', 'Bob\'s policy untouched');
  // Undo again: her command goes, still nothing of Bob's.
  await a.keyboard.press('Control+z');
  await eventually(async () => !(await ids(b)).includes(cmd), 3000, 'the command is undone on B');
  assert.deepEqual(await ids(b), ['ev', pol].sort());
  assert.equal(await stickyText(a, pol), 'Notify restaurant');
  await shot(b, 'undo-01-after-alice-undo');

  // Redo brings the command back.
  await a.keyboard.press('Control+Shift+z');
  await eventually(async () => (await ids(b)).includes(cmd), 3000, 'redo on B');
  assert.equal(await stickyText(b, cmd), 'Place order');

  // Bob's undo removes only his policy.
  await b.click('.canvas', { position: { x: 900, y: 650 } });
  await b.keyboard.press('Control+z');
  await eventually(async () => !(await ids(a)).includes(pol), 3000, 'Bob\'s undo reaches A');
  assert.deepEqual(await ids(a), [cmd, 'ev'].sort());
  await shot(a, 'undo-02-after-bob-undo');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
