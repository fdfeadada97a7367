// Coverage evidence in the analysis panel: shown on demand under a requirement (the chain with
// the words each step matched, the absent step when it is not ok); clicking the chain
// highlights its stickies on the board. Without frames, the context map is derived from the
// proposed contexts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, createBoard, eventually, joinAs, serverAndTwoBrowsers, shot } from './harness.mjs';
import { seedStickies } from './seed.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

test('evidence on demand, click highlights the chain, derived map', async () => {
  const board = await createBoard(server, 'Evidence');
  await seedStickies(server, board, [
    { id: 'cu', kind: 'actor', text: '고객', x: 100, y: 300 },
    { id: 'c', kind: 'command', text: '주문', x: 260, y: 300 },
    { id: 'a', kind: 'aggregate', text: '주문', x: 420, y: 300 },
    { id: 'e', kind: 'domain_event', text: '주문됨', x: 580, y: 300 },
    { id: 'p', kind: 'policy', text: '결제요청', x: 740, y: 300 },
    { id: 'pc', kind: 'command', text: '결제', x: 900, y: 300 },
    { id: 'pa', kind: 'aggregate', text: '결제이력', x: 1060, y: 300 },
    { id: 'pe', kind: 'domain_event', text: '결제승인됨', x: 1220, y: 300 },
    { id: 'x', kind: 'command', text: '주문취소', x: 260, y: 460 },
    { id: 'xa', kind: 'aggregate', text: '주문', x: 420, y: 460 },
    { id: 'xe', kind: 'domain_event', text: '주문취소됨', x: 580, y: 460 },
  ], [
    { id: 'l1', from: 'cu', to: 'c' }, { id: 'l2', from: 'c', to: 'a' }, { id: 'l3', from: 'a', to: 'e' },
    { id: 'l4', from: 'e', to: 'p' }, { id: 'l5', from: 'p', to: 'pc' }, { id: 'l6', from: 'pc', to: 'pa' },
    { id: 'l7', from: 'pa', to: 'pe' }, { id: 'l8', from: 'x', to: 'xa' }, { id: 'l9', from: 'xa', to: 'xe' },
  ]);
  const a = await alice.newPage(); await joinAs(a, `${server.url}/b/${board}`, 'Alice');
  await a.locator('.sticky[data-id="pe"]').waitFor({ state: 'attached' });
  await a.click('.analysis-toggle');
  const panel = a.locator('.panel.analysis');
  await panel.waitFor();
  await a.click('.panel-head .lang:has-text("English")');

  // FR1 is ok: its chain is hidden until asked for.
  const fr1 = panel.locator('.coverage .req[data-id="FR1"]');
  await fr1.waitFor();
  assert.match(await fr1.getAttribute('class'), /\bok\b/);
  assert.equal(await fr1.locator('.evidence-chain').count(), 0, 'hidden at first');
  await fr1.locator('.evidence-toggle').click();
  const steps = fr1.locator('.evidence-chain .step');
  await eventually(async () => (await steps.count()) === 4, 2000, 'four steps');
  const sticky = async (i) => steps.nth(i).getAttribute('data-sticky');
  assert.deepEqual([await sticky(0), await sticky(1), await sticky(2), await sticky(3)], ['cu', 'c', 'a', 'e']);
  assert.match(await steps.nth(1).locator('.matched').textContent(), /주문한다/, 'the words the command matched');
  assert.equal(await fr1.locator('.step.absent').count(), 0);

  // Clicking the chain highlights its stickies on the board.
  await fr1.locator('.evidence-chain').click();
  await eventually(async () => (await a.locator('.sticky.highlighted').count()) === 4, 2000, 'chain highlighted');
  for (const id of ['cu', 'c', 'a', 'e']) {
    assert.equal(await a.locator(`.sticky[data-id="${id}"].highlighted`).count(), 1, id);
  }
  await shot(a, 'evidence-01-chain-highlighted');

  // FR6 (cancelling an order cancels the delivery) is partial: the absent step is a policy.
  const fr6 = panel.locator('.coverage .req[data-id="FR6"]');
  await fr6.locator('.evidence-toggle').click();
  const absent = fr6.locator('.step.absent');
  await absent.waitFor();
  assert.equal(await absent.getAttribute('data-kind'), 'policy');
  assert.equal(await fr6.locator('.evidence-chain .step').first().getAttribute('data-sticky'), 'xe');
  // The toggle hides it again.
  await fr6.locator('.evidence-toggle').click();
  await eventually(async () => (await fr6.locator('.evidence-chain').count()) === 0, 2000, 'hidden again');

  // No frame drawn: the context map comes from the proposed contexts.
  await panel.locator('.derived-map').waitFor();
  assert.ok(await panel.locator('.context-map li').count() >= 1, 'a derived relation is listed');
  await shot(a, 'evidence-02-derived-map');
  assert.deepEqual(alice.pageErrors, []);
});
