// New stickies never pile up: keys 1–0 put a sticky under the pointer when it is over the
// canvas, palette clicks (and keys with the pointer elsewhere) by the middle of the view, and
// either way at the nearest spot where it covers no other sticky. Tab (or Ctrl+Enter) while
// typing goes on with the next sticky of the same kind, right of the one typed in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aliceAndBobOn, closeAll, eventually, serverAndTwoBrowsers, shot, stickyText } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

/** Every sticky on a page with its box on screen. */
const boxes = (page) => page.$$eval('.sticky', (els) => els.map((e) => {
  const r = e.getBoundingClientRect();
  return { id: e.dataset.id, kind: e.dataset.kind, x: r.left, y: r.top, w: r.width, h: r.height };
}));

/** Pairs of stickies that overlap. */
function overlaps(list) {
  const out = [];
  for (let i = 0; i < list.length; i += 1) {
    for (let j = i + 1; j < list.length; j += 1) {
      const a = list[i]; const b = list[j];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push([a.id, b.id]);
    }
  }
  return out;
}

/** The sticky being edited (its text area has the focus). */
const editedId = (page) => page.evaluate(() => document.activeElement?.closest('.sticky')?.dataset.id ?? null);

test('keys and palette clicks place stickies under the pointer or by the view centre, never on top of another', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Placement', [
    { id: 'seed', kind: 'domain_event', text: 'Order placed', x: 600, y: 300 },
  ]);
  const seed = (await boxes(a)).find((s) => s.id === 'seed');

  // The pointer over the seeded sticky: 1 puts the new event right beside it, not on it.
  await a.mouse.move(seed.x + seed.w / 2, seed.y + seed.h / 2);
  await a.keyboard.press('1');
  await eventually(async () => (await boxes(a)).length === 2, 3000, 'a new sticky');
  const first = await editedId(a);
  assert.ok(first && first !== 'seed', 'the new sticky is being edited');
  await a.keyboard.type('Order paid');
  await a.keyboard.press('Escape');

  // Four more at the same pointer: each finds its own free spot near it.
  for (const key of ['1', '2', '3', '1']) {
    const existing = new Set((await boxes(a)).map((s) => s.id));
    await a.keyboard.press(key);
    // Type once the new sticky has the caret (on a busy machine that can take a few frames).
    await eventually(async () => { const id = await editedId(a); return id !== null && !existing.has(id); }, 3000, 'the new sticky being edited');
    await a.keyboard.type(`at pointer ${key}`);
    await a.keyboard.press('Escape');
  }
  let all = await boxes(a);
  assert.equal(all.length, 6);
  assert.deepEqual(overlaps(all), [], 'no sticky lies on another');
  const near = all.every((s) => Math.hypot(s.x - seed.x, s.y - seed.y) < 3.2 * seed.w);
  assert.ok(near, `all near the pointer: ${JSON.stringify(all)}`);
  await shot(a, 'placement-01-under-the-pointer');

  // Palette clicks: the pointer is over the palette, so by the middle of the view.
  const canvas = await a.locator('.canvas').boundingBox();
  for (let i = 0; i < 3; i += 1) {
    const existing = new Set((await boxes(a)).map((s) => s.id));
    await a.click('.palette-item[data-kind="command"]');
    await eventually(async () => { const id = await editedId(a); return id !== null && !existing.has(id); }, 3000, 'the new sticky being edited');
    await a.keyboard.type(`palette ${i}`);
    await a.keyboard.press('Escape');
  }
  all = await boxes(a);
  assert.equal(all.length, 9);
  assert.deepEqual(overlaps(all), [], 'palette stickies lie on no other');
  const texts = await Promise.all(all.map((s) => stickyText(a, s.id)));
  const commands = all.filter((s, i) => texts[i].startsWith('palette'));
  assert.equal(commands.length, 3);
  assert.ok(commands.every((c) => c.kind === 'command'));
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  for (const c of commands) {
    assert.ok(Math.hypot(c.x + c.w / 2 - centre.x, c.y + c.h / 2 - centre.y) < 400, `a command by the view centre: ${JSON.stringify(c)} vs ${JSON.stringify(centre)}`);
  }
  // Bob sees the same layout: nothing on top of anything.
  await eventually(async () => (await boxes(b)).length === 9, 3000, 'B sees every sticky');
  assert.deepEqual(overlaps(await boxes(b)), []);
  await shot(a, 'placement-02-palette-by-the-centre');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('Tab and Ctrl+Enter go on with the next sticky of the kind, to the right', async () => {
  const { a } = await aliceAndBobOn(server, { alice, bob }, 'Series', []);
  const canvas = await a.locator('.canvas').boundingBox();
  await a.mouse.move(canvas.x + 300, canvas.y + 200);
  await a.keyboard.press('1');
  await eventually(async () => (await editedId(a)) !== null, 3000, 'the first sticky in editing');
  await a.keyboard.type('Menu browsed');
  await a.keyboard.press('Tab');
  await eventually(async () => (await boxes(a)).length === 2, 3000, 'Tab adds the next sticky');
  await a.keyboard.type('Order placed');
  await a.keyboard.press('Control+Enter');
  await eventually(async () => (await boxes(a)).length === 3, 3000, 'Ctrl+Enter adds the next sticky');
  await a.keyboard.type('주문 결제됨');
  await a.keyboard.press('Escape');

  const all = (await boxes(a)).sort((p, q) => p.x - q.x);
  const texts = await Promise.all(all.map((s) => stickyText(a, s.id)));
  assert.deepEqual(texts, ['Menu browsed', 'Order placed', '주문 결제됨'], 'each text went to its own sticky, left to right');
  assert.ok(all.every((s) => s.kind === 'domain_event'), 'all of the first one\'s kind');
  assert.ok(all.every((s) => Math.abs(s.y - all[0].y) < 1), 'one row');
  assert.deepEqual(overlaps(all), []);
  assert.ok(all[1].x > all[0].x + all[0].w && all[2].x > all[1].x + all[1].w, 'each right of the one before');
  await shot(a, 'placement-03-series-with-tab');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
