// Linking requirements to stickies on two pages: the requirement's words match no sticky, so
// coverage finds it missing; Alice selects a command and links it from the analysis panel, and
// Bob sees coverage turn ok and the requirement in his inspector for that sticky; Bob unlinks it
// there and both see it missing again. Linking a requirement of the built-in set adds the set
// to the board.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, closeAll, eventually, importBoard, openForAliceAndBob, serverAndTwoBrowsers, INSPECTOR_OPEN, shot } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers(INSPECTOR_OPEN)));
after(() => closeAll({ server, alice, bob }));

const status = (page, id) => page.getAttribute(`.coverage .req[data-id="${id}"]`, 'class').then((c) => c.replace('req', '').trim());
const linkedInInspector = (page) => page.$$eval('.inspector .linked-req', (ls) => ls.map((l) => l.dataset.id));

test('link a requirement to a sticky: coverage and the other page\'s inspector follow', async () => {
  const board = await importBoard(server, {
    name: 'Basket',
    stickies: [
      { id: 'cmd', kind: 'command', text: 'Submit basket', x: 300, y: 200 },
      { id: 'agg', kind: 'aggregate', text: 'Cart', x: 460, y: 200 },
      { id: 'evt', kind: 'domain_event', text: 'Basket submitted', x: 620, y: 200 },
    ],
    links: [{ id: 'l1', from: 'cmd', to: 'agg' }, { id: 'l2', from: 'agg', to: 'evt' }],
    requirements: [{
      id: 'shop',
      name: 'Shop requirements',
      requirements: [
        { id: 'R1', text: '위젯을 관리한다', text_en: 'Manage the widgets' },
        { id: 'R2', text: 'Refund a payment' },
      ],
    }],
  });
  const { a, b } = await openForAliceAndBob(server, { alice, bob }, board);
  await a.locator('.sticky[data-id="cmd"]').waitFor();
  for (const p of [a, b]) await p.click('.analysis-toggle');
  await eventually(async () => (await status(b, 'R1')) === 'missing', 3000, 'R1 missing on B');
  assert.equal(await a.locator('.req[data-id="R1"] .link-selection').isDisabled(), true, 'nothing selected to link');

  // Alice selects the command and links it to R1 from the analysis panel.
  await a.click('.sticky[data-id="cmd"] .sticky-kind');
  await a.click('.req[data-id="R1"] .link-selection');
  await eventually(async () => (await status(b, 'R1')) === 'ok', 3000, 'R1 ok on B');
  assert.equal(await status(b, 'R2'), 'missing', 'R2 untouched');
  assert.equal(await b.textContent('.req[data-id="R1"] .linked-count'), '1 linked');
  assert.match(await b.textContent('.req[data-id="R1"] .muted'), /Submit basket/);
  assert.deepEqual(await linkedInInspector(a), ['R1'], 'A\'s inspector lists it');
  await shot(a, 'requirement-links-01-alice-linked');

  // Bob selects the same sticky: his inspector shows the requirement; he unlinks it there.
  await b.click('.analysis-toggle');
  await b.click('.sticky[data-id="cmd"] .sticky-kind');
  await eventually(async () => (await linkedInInspector(b)).join() === 'R1', 3000, 'B\'s inspector lists R1');
  assert.match(await b.textContent('.inspector .linked-req'), /위젯을 관리한다/);
  await b.locator('.inspector .link-requirement').scrollIntoViewIfNeeded();
  await shot(b, 'requirement-links-02-bob-inspector');
  await b.click('.inspector .linked-req[data-id="R1"] .unlink-req');
  await eventually(async () => (await status(a, 'R1')) === 'missing', 3000, 'R1 missing again on A');
  assert.deepEqual(await linkedInInspector(a), []);

  // Link again from the inspector's list; "Unlink" in the panel removes it.
  await b.selectOption('.inspector .link-requirement', { label: 'R1 · 위젯을 관리한다' });
  await eventually(async () => (await status(a, 'R1')) === 'ok', 3000, 'R1 ok again on A');
  await a.click('.req[data-id="R1"] .unlink-selection');
  await eventually(async () => (await linkedInInspector(b)).length === 0, 3000, 'B sees it unlinked');
  await eventually(async () => (await status(a, 'R1')) === 'missing', 3000, 'R1 missing on A after the unlink');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('linking a requirement of the built-in set adds the set to the board', async () => {
  const board = await importBoard(server, {
    name: 'Food',
    stickies: [{ id: 'c', kind: 'command', text: 'Do something', x: 300, y: 200 }],
  });
  const { a, b } = await openForAliceAndBob(server, { alice, bob }, board);
  await a.locator('.sticky[data-id="c"]').waitFor();
  await a.click('.sticky[data-id="c"] .sticky-kind');
  await a.selectOption('.inspector .link-requirement', { index: 1 });
  const first = await a.locator('.inspector .linked-req').getAttribute('data-id');
  await b.click('.sticky[data-id="c"] .sticky-kind');
  await eventually(async () => (await linkedInInspector(b)).join() === first, 3000, 'B sees the link');
  const exported = await (await api(server, `/api/boards/${board}/export`)).json();
  assert.equal(exported.board.requirements.length, 1, 'the set is on the board now');
  assert.deepEqual(exported.board.requirements[0].requirements.find((r) => r.id === first).stickies, ['c']);
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
