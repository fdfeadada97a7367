// The analysis panel: findings about the board in Korean and English, recomputed as the board
// changes (also from another page's edit); clicking a finding pans to its sticky and
// highlights it; contexts and requirement coverage for the food-delivery set are listed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, createBoard, eventually, joinAs, serverAndTwoBrowsers, shot } from './harness.mjs';
import { seedStickies } from './seed.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const hangul = /[\uac00-\ud7a3]/;

test('findings, language, focus on click, live recompute, coverage', async () => {
  const board = await createBoard(server, 'Analysis');
  await seedStickies(server, board, [
    { id: 'far', kind: 'domain_event', text: 'Place order', x: 1900, y: 1300 },
    { id: 'cmd', kind: 'command', text: 'Pay', x: 300, y: 500 },
    { id: 'agg', kind: 'aggregate', text: 'Payment', x: 460, y: 500 },
    { id: 'paid', kind: 'domain_event', text: 'Payment approved', x: 620, y: 500 },
  ], [{ id: 'l1', from: 'cmd', to: 'agg' }, { id: 'l2', from: 'agg', to: 'paid' }]);
  const url = `${server.url}/b/${board}`;
  const a = await alice.newPage(); await joinAs(a, url, 'Alice');
  await a.locator('.sticky[data-id="paid"]').waitFor({ state: 'attached' });
  await a.click('.zoom-controls button[title="Reset view"]'); // the board opened fitted to its content

  await a.click('.analysis-toggle');
  const panel = a.locator('.panel.analysis');
  await panel.waitFor();
  const finding = panel.locator('.finding', { has: a.locator('.msg') }).filter({ hasText: /./ }).first();
  await finding.waitFor();
  const rule = await finding.getAttribute('data-rule');
  assert.match(rule, /^event_/, 'an event written as a command is flagged');
  assert.match(await finding.locator('.msg').textContent(), hangul, 'Korean by default');
  await a.click('.panel-head .lang:has-text("English")');
  await eventually(async () => !hangul.test(await finding.locator('.msg').textContent()), 2000, 'English message');

  // The sticky is off screen; clicking the finding brings it into view, highlighted.
  // (A sticky far from the view is not drawn at all.)
  const farBox = async () => ((await a.locator('.sticky[data-id="far"]').count()) ? a.locator('.sticky[data-id="far"]').boundingBox() : null);
  const off = await farBox();
  assert.ok(!off || off.x > 1280 || off.y > 800, 'starts off screen');
  await finding.locator('.finding-button').click();
  await eventually(async () => {
    const b = await farBox();
    return b && b.x > 200 && b.x + b.width < 1280 - 330 && b.y > 52 && b.y + b.height < 800;
  }, 2000, 'panned to the sticky');
  assert.ok(await a.locator('.sticky[data-id="far"].highlighted').count() === 1, 'highlighted');
  await shot(a, 'analysis-01-finding-focused');

  // Unframed flow stickies get a proposed context around their aggregate.
  assert.ok(await panel.locator('.proposal').count() >= 1, 'a split is proposed');
  assert.match(await panel.locator('.proposal').first().textContent(), /Payment/);

  // Coverage of the food-delivery requirements is listed, with statuses.
  const reqs = await panel.locator('.coverage .req').count();
  assert.ok(reqs >= 8, `coverage lists the requirement set (${reqs})`);
  assert.equal(await panel.locator('.coverage .req[data-id="FR1"]').count(), 1);

  // Bob fixes the text on his page; Alice's findings update without a reload.
  const b = await bob.newPage(); await joinAs(b, url, 'Bob');
  const before = await panel.locator(`.finding[data-rule="${rule}"]`).count();
  await b.evaluate(() => { document.querySelector('.canvas'); });
  const ta = b.locator('.sticky[data-id="far"] .sticky-text');
  await b.click('.analysis-toggle');
  await b.locator('.panel.analysis .finding-button').first().click();
  await ta.click();
  await ta.fill('Order placed');
  await eventually(async () => (await panel.locator(`.finding[data-rule="${rule}"]`).count()) < before, 3000, 'finding gone on A after B\'s fix');
  await shot(a, 'analysis-02-after-fix');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
