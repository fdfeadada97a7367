// The inspector on two pages: Alice selects a sticky and edits its text, kind, colour,
// attributes and given/when/then examples in the side panel; Bob's board shows every change.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, createBoard, eventually, joinAs, serverAndTwoBrowsers, INSPECTOR_OPEN, shot, stickyText } from './harness.mjs';
import { seedStickies } from './seed.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers(INSPECTOR_OPEN)));
after(() => closeAll({ server, alice, bob }));

const bg = (page, id) => page.locator(`.sticky[data-id="${id}"]`).evaluate((e) => getComputedStyle(e).backgroundColor);

test('edit a sticky\'s text, kind, colour, attributes and examples in the inspector', async () => {
  const board = await createBoard(server, 'Inspector');
  await seedStickies(server, board, [{ id: 'st', kind: 'domain_event', text: 'Order placed', x: 360, y: 200 }]);
  const url = `${server.url}/b/${board}`;
  const a = await alice.newPage(); await joinAs(a, url, 'Alice');
  const b = await bob.newPage(); await joinAs(b, url, 'Bob');

  assert.equal(await a.locator('.inspector').count(), 0, 'no inspector without a selection');
  await a.click('.sticky[data-id="st"] .sticky-kind');
  await a.locator('.inspector').waitFor();
  assert.equal(await a.inputValue('#inspector-text'), 'Order placed');

  await a.fill('#inspector-text', 'Place order');
  await eventually(async () => (await stickyText(b, 'st')) === 'Place order', 3000, 'B sees the new text');
  assert.equal(await stickyText(a, 'st'), 'Place order', 'the sticky on A follows its inspector');

  await a.selectOption('#inspector-kind', 'command');
  await eventually(async () => (await b.getAttribute('.sticky[data-id="st"]', 'data-kind')) === 'command', 3000, 'B sees the kind');
  assert.equal(await bg(b, 'st'), 'rgb(116, 192, 252)', 'a command is blue');

  await a.click('.inspector .color-choice[data-color="#d0bfff"]');
  await eventually(async () => (await bg(b, 'st')) === 'rgb(208, 191, 255)', 3000, 'B sees the colour override');

  await a.fill('.attr-name-input', 'orderId');
  await a.fill('.attr-type-input', 'OrderId');
  await a.click('.add-row button');
  await a.fill('.attr-name-input', 'items');
  await a.press('.attr-type-input', 'Enter');
  await a.fill('.example-given', '장바구니에 메뉴 2개');
  await a.fill('.example-when', 'Place order');
  await a.fill('.example-then', 'Order placed with 2 items');
  await a.click('.add-example button');
  // Others' changes are drawn at most twenty times a second: the attributes may show a frame
  // before the example.
  await eventually(async () => {
    const details = await b.textContent('.sticky[data-id="st"] .sticky-details');
    return details?.includes('2 attr.') && /1 ex\./.test(details);
  }, 3000, 'B sees two attributes and one example');

  // Bob opens the same sticky: his inspector lists what Alice added; he removes an attribute.
  await b.click('.sticky[data-id="st"] .sticky-kind');
  await b.locator('.inspector').waitFor();
  assert.deepEqual(await b.$$eval('.attributes .attr-name', (e) => e.map((x) => x.textContent)), ['orderId', 'items']);
  assert.match(await b.textContent('.examples'), /Given 장바구니에 메뉴 2개/);
  await shot(b, 'inspector-01-bob-sees-details');
  await b.click('.attributes li:nth-child(2) .remove');
  await eventually(async () => (await a.$$eval('.attributes .attr-name', (e) => e.map((x) => x.textContent))).join() === 'orderId', 3000, 'A sees the removal');

  await a.click('.inspector .reset-color');
  await eventually(async () => (await bg(b, 'st')) === 'rgb(116, 192, 252)', 3000, 'back to the kind colour');
  await shot(a, 'inspector-02-alice');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
