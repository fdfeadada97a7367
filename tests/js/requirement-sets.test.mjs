// Choosing the requirement sets coverage is checked against, on two pages: the board starts
// with none (coverage uses the built-in food-delivery set); Alice types a set with a bad line
// (reported by its number, her text kept), fixes it, and Bob sees the set and its coverage;
// Alice adds the built-in set from the catalogue and both see it; an invalid JSON file shows
// the path of its problem and a valid one is added; Bob removes a set after confirming and
// Alice's page follows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, closeAll, eventually, importBoard, openForAliceAndBob, serverAndTwoBrowsers, shot } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const boardSets = (page) => page.$$eval('.board-set', (ls) => ls.map((l) => l.dataset.id));
const statuses = (page, set) => page.$$eval(`.coverage[data-set="${set}"] .req`, (ls) => ls.map((l) => `${l.dataset.id}=${l.querySelector('.status').textContent}`));
const coverageSets = (page) => page.$$eval('.coverage', (ls) => ls.map((l) => l.dataset.set));

const TYPED = '주문-요구사항';

test('choose, type, import and remove requirement sets; both pages follow', async () => {
  const board = await importBoard(server, {
    name: 'Cancel orders',
    stickies: [
      { id: 'act', kind: 'actor', text: '고객', x: 140, y: 200 },
      { id: 'cmd', kind: 'command', text: '주문 취소', x: 300, y: 200 },
      { id: 'agg', kind: 'aggregate', text: '주문', x: 460, y: 200 },
      { id: 'evt', kind: 'domain_event', text: '주문 취소됨', x: 620, y: 200 },
    ],
    links: [{ id: 'l0', from: 'act', to: 'cmd' }, { id: 'l1', from: 'cmd', to: 'agg' }, { id: 'l2', from: 'agg', to: 'evt' }],
  });
  const { a, b } = await openForAliceAndBob(server, { alice, bob }, board);
  await a.locator('.sticky[data-id="cmd"]').waitFor();
  for (const p of [a, b]) await p.click('.analysis-toggle');

  // Empty state: no set on the board, coverage uses the built-in set.
  for (const p of [a, b]) {
    await p.locator('.no-sets').waitFor();
    assert.deepEqual(await coverageSets(p), ['food-delivery']);
  }
  assert.match(await a.textContent('.no-sets'), /음식 배달/);
  await eventually(async () => (await a.$$('.add-catalog-set option')).length === 2, 3000, 'the catalogue is listed');
  assert.match(await a.textContent('.add-catalog-set option[value="food-delivery"]'), /기본 제공/);

  // Alice types a set with a bad second line: the error names the line, the text stays.
  await a.click('.type-set-toggle');
  await a.fill('#typed-set-name', '주문 요구사항');
  const bad = 'FR1: 고객은 주문을 취소할 수 있다\nRefund without an id\nR2 [speed]: Refund a payment';
  await a.fill('#typed-set-text', bad);
  await a.click('.add-typed-set');
  await a.locator('.line-errors li').first().waitFor();
  assert.deepEqual(await a.$$eval('.line-errors li', (ls) => ls.map((l) => l.dataset.line)), ['2', '3']);
  assert.match(await a.textContent('.line-errors li[data-line="2"]'), /^2행: /);
  assert.match(await a.textContent('.line-errors li[data-line="3"]'), /\[speed\]/);
  assert.equal(await a.inputValue('#typed-set-text'), bad, 'the typed text is kept');
  assert.equal(await a.inputValue('#typed-set-name'), '주문 요구사항');
  await a.click('.panel-head .lang:has-text("English")');
  assert.match(await a.textContent('.line-errors li[data-line="2"]'), /^line 2: expected `ID: requirement`/);
  await a.locator('.typed-set').scrollIntoViewIfNeeded();
  await shot(a, 'requirement-sets-01-bad-line');
  assert.deepEqual(await boardSets(b), [], 'nothing reached Bob');

  // Fixed: two requirements, one Korean; Bob sees the set and its coverage.
  await a.fill('#typed-set-text', 'FR1: 고객은 주문을 취소할 수 있다\nR2 [transaction]: Refund a payment');
  await a.click('.add-typed-set');
  await a.locator('.typed-set').waitFor({ state: 'detached' });
  await eventually(async () => (await boardSets(b)).join() === TYPED, 3000, 'Bob sees the typed set');
  assert.match(await b.textContent(`.board-set[data-id="${TYPED}"]`), /주문 요구사항.*요구사항 2개/);
  await eventually(async () => (await coverageSets(b)).join() === TYPED, 3000, 'Bob\'s coverage uses it alone');
  const bobStatuses = await statuses(b, TYPED);
  assert.equal(bobStatuses.length, 2);
  assert.equal(bobStatuses[0], 'FR1=ok', 'the cancel flow narrates FR1');
  assert.equal(bobStatuses[1], 'R2=missing', 'nothing is about refunds');
  await eventually(async () => (await statuses(a, TYPED)).join() === bobStatuses.join(), 3000, 'Alice sees the same coverage');
  assert.match(await b.textContent(`.coverage[data-set="${TYPED}"] .req[data-id="FR1"] .msg`), /고객은 주문을 취소할 수 있다/);
  assert.equal(await b.locator('.no-sets').count(), 0);
  await b.locator(`.coverage[data-set="${TYPED}"]`).scrollIntoViewIfNeeded();
  await shot(b, 'requirement-sets-02-bob-sees-typed-set');

  // Alice adds the built-in set from the catalogue; both pages check both sets.
  await a.selectOption('.add-catalog-set', 'food-delivery');
  for (const p of [a, b]) {
    await eventually(async () => (await boardSets(p)).join() === `food-delivery,${TYPED}`, 3000, 'both sets on the board');
    await eventually(async () => (await statuses(p, 'food-delivery')).length === 13, 3000, 'food-delivery coverage');
  }
  assert.equal(await a.locator('.add-catalog-set option[value="food-delivery"]').count(), 0, 'no longer offered');

  // An invalid JSON file shows the path of its problem; a valid one is added.
  const file = (name, set) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(set)) });
  await a.setInputFiles('.import-set-file', file('bad.json', { id: 'x', requirements: [{ id: 'a', text: 't' }, { id: 'a', text: 'u' }] }));
  await a.locator('.import-set-error').waitFor();
  assert.equal(await a.textContent('.import-set-error .error-path'), '$.requirements[1].id');
  assert.match(await a.textContent('.import-set-error'), /bad\.json.*duplicate requirement id/);
  await a.locator('.import-set-error').scrollIntoViewIfNeeded();
  await shot(a, 'requirement-sets-03-import-error');
  await a.setInputFiles('.import-set-file', file('shop.json', { id: 'shop', name: 'Shop', requirements: [{ id: 'S1', text: 'Customer pays' }] }));
  await eventually(async () => (await boardSets(b)).includes('shop'), 3000, 'Bob sees the imported set');
  assert.equal(await a.locator('.import-set-error').count(), 0, 'the error is gone');

  // Bob removes the typed set, after confirming; Alice's page follows.
  await b.click(`.board-set[data-id="${TYPED}"] .remove-set`);
  await b.locator('.confirm-remove').waitFor();
  await b.locator('.confirm-remove').scrollIntoViewIfNeeded();
  await shot(b, 'requirement-sets-04-confirm-remove');
  await b.click('.confirm-remove .confirm-no');
  assert.ok((await boardSets(b)).includes(TYPED), 'keeping it keeps it');
  await b.click(`.board-set[data-id="${TYPED}"] .remove-set`);
  await b.click('.confirm-remove .confirm-yes');
  for (const p of [a, b]) {
    await eventually(async () => (await boardSets(p)).join() === 'food-delivery,shop', 3000, 'the typed set is gone');
    await eventually(async () => !(await coverageSets(p)).includes(TYPED), 3000, 'its coverage is gone');
  }
  const exported = await (await api(server, `/api/boards/${board}/export`)).json();
  assert.deepEqual(exported.board.requirements.map((s) => s.id), ['food-delivery', 'shop']);
  await shot(a, 'requirement-sets-05-alice-after-removal');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
