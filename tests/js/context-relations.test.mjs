// Relations between bounded contexts on two pages: Alice selects two frames and relates them
// (direction and patterns), Bob sees the line between the frames with its pattern label and
// U/D markers; Alice changes the patterns and the direction, Bob sees each change; Bob deletes
// it. A relation the links imply is drawn faintly until someone declares it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, eventually, importBoard, openForAliceAndBob, serverAndTwoBrowsers, shot } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const BOARD = {
  name: 'Context map',
  stickies: [
    { id: 'cmd', kind: 'command', text: 'Place order', x: 280, y: 190 },
    { id: 'paid', kind: 'domain_event', text: 'Payment completed', x: 760, y: 190 },
    { id: 'notify', kind: 'policy', text: 'Notify customer', x: 280, y: 560 },
  ],
  links: [{ id: 'l1', from: 'paid', to: 'notify' }],
  frames: [
    { id: 'f1', name: 'Ordering', x: 240, y: 140, w: 300, h: 240, rank: 'core' },
    { id: 'f2', name: 'Payment', x: 720, y: 140, w: 220, h: 240, rank: 'generic' },
    { id: 'f3', name: 'Notification', x: 240, y: 500, w: 320, h: 200, rank: 'supporting' },
  ],
};

/** The relations a page draws: {id, up, down, patterns, derived, label, ends}. */
const drawn = (page) => page.$$eval('.context-relation', (gs) => gs.map((g) => {
  const labels = document.querySelector(`.relation-labels[data-id="${g.dataset.id}"]`);
  return {
    id: g.dataset.id,
    up: g.dataset.upstream,
    down: g.dataset.downstream,
    patterns: g.dataset.patterns,
    derived: g.classList.contains('derived'),
    label: labels?.querySelector('.relation-label')?.textContent ?? null,
    ends: [...(labels?.querySelectorAll('.relation-end') ?? [])].map((e) => e.textContent),
  };
}));
const declared = async (page) => (await drawn(page)).filter((r) => !r.derived);

/** Clicks a frame's title bar at its right end (past the name, rank and delete button). */
async function clickFrame(page, id, shift = false) {
  const bar = await page.locator(`.frame[data-id="${id}"] .frame-bar`).boundingBox();
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.click(bar.x + bar.width - 4, bar.y + bar.height / 2);
  if (shift) await page.keyboard.up('Shift');
}

const chips = (page) => page.$$eval('.relation-panel .pattern-chip.on', (cs) => cs.map((c) => c.dataset.pattern));
const ends = (page) => page.$$eval('.relation-panel .context-name', (ns) => ns.map((n) => n.textContent));

test('relate two contexts, change the pattern and direction, delete: the other page follows', async () => {
  const board = await importBoard(server, BOARD);
  const { a, b } = await openForAliceAndBob(server, { alice, bob }, board);
  await a.locator('.frame[data-id="f3"]').waitFor();

  // The Payment → Notification link implies a relation nobody declared: drawn faintly.
  await eventually(async () => (await drawn(b)).some((r) => r.derived && r.up === 'f2' && r.down === 'f3'), 3000, 'derived relation on B');
  assert.deepEqual(await declared(b), []);

  // Alice selects Ordering, then Payment: the panel offers to relate them, Ordering upstream.
  await clickFrame(a, 'f1');
  await clickFrame(a, 'f2', true);
  const panel = a.locator('.relation-panel');
  await panel.waitFor();
  assert.equal(await panel.locator('h2').textContent(), 'Relate contexts');
  assert.deepEqual(await ends(a), ['Ordering', 'Payment']);
  assert.deepEqual(await chips(a), ['customer_supplier'], 'Customer/Supplier by default');
  // Payment is upstream; Ordering translates through an anticorruption layer.
  await a.click('.swap-direction');
  assert.deepEqual(await ends(a), ['Payment', 'Ordering']);
  await a.click('.pattern-chip[data-pattern="anticorruption_layer"]');
  await shot(a, 'context-relations-01-relate');
  await a.click('.relate-contexts');
  await eventually(async () => (await panel.locator('h2').textContent()) === 'Context relation', 2000, 'A edits the new relation');

  // Bob sees the line from Payment to Ordering, its label and markers.
  await eventually(async () => (await declared(b)).length === 1, 3000, 'B sees the relation');
  let [r] = await declared(b);
  assert.deepEqual([r.up, r.down, r.patterns], ['f2', 'f1', 'customer_supplier anticorruption_layer']);
  assert.equal(r.label, 'Customer/Supplier');
  assert.deepEqual(r.ends, ['U', 'DACL']);
  const line = await b.locator(`.context-relation[data-id="${r.id}"] .relation-line`).boundingBox();
  const f1 = await b.locator('.frame[data-id="f1"]').boundingBox();
  const f2 = await b.locator('.frame[data-id="f2"]').boundingBox();
  assert.ok(line.x >= f1.x + f1.width - 2 && line.x + line.width <= f2.x + 2, 'the line runs between the frames\' borders');
  await shot(b, 'context-relations-02-bob-sees-relation');

  // Alice changes the patterns: open host service instead of customer/supplier.
  await a.click('.pattern-chip[data-pattern="customer_supplier"]');
  await a.click('.pattern-chip[data-pattern="open_host_service"]');
  await eventually(async () => (await declared(b))[0]?.patterns === 'open_host_service anticorruption_layer', 3000, 'B sees the new patterns');
  [r] = await declared(b);
  assert.equal(r.label, null, 'no whole-relation pattern left');
  assert.deepEqual(r.ends, ['UOHS', 'DACL']);
  // ...and the direction.
  await a.click('.swap-direction');
  await eventually(async () => (await declared(b))[0]?.up === 'f1', 3000, 'B sees the swap');
  assert.equal((await declared(b))[0].down, 'f2');
  await shot(b, 'context-relations-03-bob-sees-change');

  // Bob selects the relation on his page and sees the same; he deletes it.
  await b.locator(`.relation-labels[data-id="${r.id}"] .relation-end.u`).click();
  await b.locator('.relation-panel').waitFor();
  assert.deepEqual(await chips(b), ['open_host_service', 'anticorruption_layer']);
  assert.deepEqual(await ends(b), ['Ordering', 'Payment']);
  await shot(b, 'context-relations-04-bob-edits');
  await b.click('.delete-relation');
  await eventually(async () => (await declared(a)).length === 0, 3000, 'A sees the deletion');
  assert.equal(await a.locator('.relation-panel').count(), 0, 'A\'s panel closed');

  // Alice declares the implied one from its faint line, then deletes it with the Delete key.
  await a.locator('.relation-labels.derived .relation-label').click();
  await a.locator('.relation-panel').waitFor();
  assert.deepEqual(await ends(a), ['Payment', 'Notification'], 'upstream as the links say');
  await a.click('.pattern-chip[data-pattern="customer_supplier"]');
  await a.click('.pattern-chip[data-pattern="published_language"]');
  await a.click('.relate-contexts');
  await eventually(async () => (await declared(b)).length === 1, 3000, 'B sees the declared relation');
  [r] = await drawn(b);
  assert.deepEqual([r.up, r.down, r.patterns, r.derived], ['f2', 'f3', 'published_language', false], 'no faint copy left');
  assert.equal((await drawn(b)).length, 1);
  await a.keyboard.press('Delete');
  await eventually(async () => (await declared(b)).length === 0, 3000, 'B sees it deleted');
  assert.ok((await drawn(b)).some((x) => x.derived), 'the implied relation is back, faint');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
