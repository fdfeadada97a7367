// Multi-select: rubber band (shift-drag on the canvas), shift-click to add and remove, move
// the whole selection by dragging one of its stickies, nudge it with the arrow keys, duplicate
// it (⌘/Ctrl+D) and delete it — the second page sees the result.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aliceAndBobOn, closeAll, eventually, serverAndTwoBrowsers, shot, stickyPos, stickyText } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const selected = (page) => page.$$eval('.sticky.selected', (els) => els.map((e) => e.dataset.id).sort());

test('select several stickies and move, nudge, duplicate and delete them together', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Selection', [
    { id: 's1', kind: 'domain_event', text: 'Order placed', x: 300, y: 150 },
    { id: 's2', kind: 'domain_event', text: 'Order paid', x: 460, y: 150 },
    { id: 's3', kind: 'domain_event', text: 'Order delivered', x: 620, y: 150 },
    { id: 's4', kind: 'command', text: 'Cancel order', x: 300, y: 420 },
  ]);
  await a.locator('.sticky[data-id="s4"]').waitFor();

  // Rubber band around s1 and s2.
  await a.keyboard.down('Shift');
  await a.mouse.move(270, 170);
  await a.mouse.down();
  await a.mouse.move(600, 340, { steps: 6 });
  await shot(a, 'selection-01-rubber-band');
  await a.mouse.up();
  await a.keyboard.up('Shift');
  assert.deepEqual(await selected(a), ['s1', 's2']);

  // Shift-click adds s4, shift-click again removes it, then adds it back.
  await a.click('.sticky[data-id="s4"] .sticky-kind', { modifiers: ['Shift'] });
  assert.deepEqual(await selected(a), ['s1', 's2', 's4']);
  await a.click('.sticky[data-id="s4"] .sticky-kind', { modifiers: ['Shift'] });
  assert.deepEqual(await selected(a), ['s1', 's2']);
  await a.click('.sticky[data-id="s4"] .sticky-kind', { modifiers: ['Shift'] });
  // Bob sees Alice's three selected stickies outlined.
  await eventually(async () => (await b.locator('.sticky .peer-outline').count()) === 3, 3000, 'B sees A\'s selection');

  // Drag one of them: all three move by the same amount, s3 stays.
  const k = await a.locator('.sticky[data-id="s2"] .sticky-kind').boundingBox();
  await a.mouse.move(k.x + 10, k.y + 5);
  await a.mouse.down();
  await a.mouse.move(k.x + 10 + 40, k.y + 5 + 60, { steps: 6 });
  await a.mouse.up();
  await eventually(async () => (await stickyPos(b, 's4')).join() === '340,480', 3000, 'B sees the group move');
  assert.deepEqual(await stickyPos(b, 's1'), [340, 210]);
  assert.deepEqual(await stickyPos(b, 's2'), [500, 210]);
  assert.deepEqual(await stickyPos(b, 's3'), [620, 150]);
  assert.deepEqual(await selected(a), ['s1', 's2', 's4'], 'still selected after the drag');

  // Arrow keys nudge the selection (shift: bigger steps).
  await a.keyboard.press('ArrowLeft');
  await a.keyboard.press('Shift+ArrowUp');
  await eventually(async () => (await stickyPos(b, 's1')).join() === '336,186', 3000, 'B sees the nudge');
  assert.deepEqual(await stickyPos(b, 's4'), [336, 456]);

  // Duplicate: copies next to the originals, selected; delete removes only the copies.
  await a.keyboard.press('Control+d');
  await eventually(async () => (await b.locator('.sticky').count()) === 7, 3000, 'B sees three copies');
  const copies = await selected(a);
  assert.equal(copies.length, 3);
  assert.ok(copies.every((id) => !['s1', 's2', 's3', 's4'].includes(id)), 'the copies are selected');
  const texts = (await Promise.all(copies.map((id) => stickyText(b, id)))).sort();
  assert.deepEqual(texts, ['Cancel order', 'Order paid', 'Order placed']);
  await shot(b, 'selection-02-duplicated');
  await a.keyboard.press('Delete');
  await eventually(async () => (await b.locator('.sticky').count()) === 4, 3000, 'B sees the copies deleted');
  assert.deepEqual((await b.$$eval('.sticky', (e) => e.map((x) => x.dataset.id))).sort(), ['s1', 's2', 's3', 's4']);

  // Select all, Escape clears.
  await a.keyboard.press('Control+a');
  assert.equal((await selected(a)).length, 4);
  await a.keyboard.press('Escape');
  assert.deepEqual(await selected(a), []);
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('resize a sticky by its corner; the other page follows, and it never gets too small', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Resize', [
    { id: 'r1', kind: 'aggregate', text: 'Order 주문', x: 300, y: 200 },
  ]);
  const size = (page) => page.locator('.sticky[data-id="r1"]').evaluate((e) => [parseFloat(e.style.width), parseFloat(e.style.height)]);
  assert.equal(await a.locator('.sticky[data-id="r1"] .sticky-resize').isVisible(), false, 'no corner until selected');
  await a.click('.sticky[data-id="r1"] .sticky-kind');
  const corner = a.locator('.sticky[data-id="r1"] .sticky-resize');
  const c = await corner.boundingBox();
  await a.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
  await a.mouse.down();
  await a.mouse.move(c.x + c.width / 2 + 60, c.y + c.height / 2 + 40, { steps: 5 });
  await a.mouse.up();
  await eventually(async () => (await size(b)).join() === '180,160', 3000, 'Bob sees the bigger sticky');
  assert.deepEqual(await stickyPos(b, 'r1'), [300, 200], 'resizing does not move it');
  await shot(b, 'selection-03-resized');

  const d = await corner.boundingBox();
  await a.mouse.move(d.x + d.width / 2, d.y + d.height / 2);
  await a.mouse.down();
  await a.mouse.move(d.x - 300, d.y - 300, { steps: 5 });
  await a.mouse.up();
  // The smallest size, 60 × 60; its text still shows whole, so it is drawn as tall as the text needs.
  await eventually(async () => (await size(b))[0] === 60, 3000, 'Bob sees the smallest width');
  const grown = await b.locator('.sticky[data-id="r1"]').evaluate((e) => ({ grown: e.dataset.grown, h: parseFloat(e.style.height) }));
  assert.ok(grown.h >= 60 && (grown.h === 60 || grown.grown === 'true'), `as tall as its text needs: ${JSON.stringify(grown)}`);
  await shot(b, 'selection-04-smallest');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('a click into a sticky\'s text puts the caret where it was clicked', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Caret', [
    { id: 'c1', kind: 'domain_event', text: 'Order placed', x: 300, y: 200 },
  ]);
  const text = await a.locator('.sticky[data-id="c1"] .sticky-text').boundingBox();
  await a.mouse.click(text.x + 1, text.y + 8);
  await a.locator('.sticky[data-id="c1"] textarea').waitFor();
  await a.keyboard.type('New ');
  await eventually(async () => (await stickyText(b, 'c1')) === 'New Order placed', 3000, 'Bob sees the text typed at the start');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('the selection toolbar follows the view as it pans and zooms', async () => {
  const { a } = await aliceAndBobOn(server, { alice, bob }, 'Toolbar follows', [
    { id: 't1', kind: 'command', text: 'Place order', x: 500, y: 300 },
  ]);
  await a.click('.sticky[data-id="t1"] .sticky-kind');
  const bar = a.locator('.selection-toolbar');
  await bar.waitFor();
  // Panning or zooming moves the toolbar in place: it keeps its element.
  await bar.evaluate((el) => { el.dataset.mark = 'first'; });
  const gap = async () => {
    const [s, t] = [await a.locator('.sticky[data-id="t1"]').boundingBox(), await bar.boundingBox()];
    return { s, t, dx: t.x + t.width / 2 - (s.x + s.width / 2), below: t.y - (s.y + s.height) };
  };
  const before = await gap();
  assert.ok(Math.abs(before.dx) < 2, `centred under the sticky (${before.dx})`);

  await a.mouse.move(900, 500);
  await a.mouse.wheel(-120, -80);
  await eventually(async () => (await a.locator('.sticky[data-id="t1"]').boundingBox()).x > before.s.x + 60, 3000, 'the view panned');
  await eventually(async () => Math.abs((await gap()).dx) < 2, 3000, 'the toolbar followed the pan');
  const panned = await gap();
  assert.ok(Math.abs(panned.below - before.below) < 2, `as far below the sticky as before (${panned.below} vs ${before.below})`);

  await a.click('.zoom-controls button[title="Zoom in"]');
  await eventually(async () => (await a.locator('.sticky[data-id="t1"]').boundingBox()).width > before.s.width * 1.1, 3000, 'zoomed in');
  await eventually(async () => Math.abs((await gap()).dx) < 2, 3000, 'the toolbar followed the zoom');
  assert.equal(await bar.evaluate((el) => el.dataset.mark), 'first', 'the same toolbar element throughout');
  await shot(a, 'selection-05-toolbar-after-pan-and-zoom');
});
