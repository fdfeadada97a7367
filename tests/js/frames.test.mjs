// Bounded-context frames on two pages: drawn with the Frame tool, named, ranked; dragging the
// frame's title moves every sticky inside with it, the corner resizes it, and the other page
// sees all of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aliceAndBobOn, centreOf, closeAll, eventually, serverAndTwoBrowsers, shot, stickyPos } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));


test('draw, name, rank, move and resize a bounded context', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Frames', [
    { id: 'cmd', kind: 'command', text: 'Place order', x: 320, y: 200 },
    { id: 'agg', kind: 'aggregate', text: 'Order', x: 480, y: 200 },
    { id: 'out', kind: 'domain_event', text: 'Courier assigned', x: 900, y: 200 },
  ]);

  // Draw the frame around the command and the aggregate, not the event.
  await a.click('.frame-tool');
  await a.mouse.move(280, 200);
  await a.mouse.down();
  await a.mouse.move(700, 460, { steps: 8 });
  await a.mouse.up();
  const frame = a.locator('.frame');
  await frame.waitFor();
  await eventually(async () => a.evaluate(() => document.activeElement?.classList.contains('frame-name')), 2000, 'name field focused');
  await a.keyboard.type('Ordering 주문');
  assert.ok(await a.evaluate(() => document.activeElement?.classList.contains('frame-name')), 'the name keeps the focus while typed');
  assert.equal(await a.locator('.frame-name').inputValue(), 'Ordering 주문');
  await a.selectOption('.frame-rank', 'core');
  const id = await frame.getAttribute('data-id');
  const bf = b.locator(`.frame[data-id="${id}"]`);
  await eventually(async () => (await bf.locator('.frame-name').inputValue()) === 'Ordering 주문', 3000, 'B sees the name');
  await eventually(async () => (await bf.getAttribute('data-rank')) === 'core', 3000, 'B sees the rank');
  await bf.locator('.peer-outline').waitFor(); // Alice has it selected
  assert.equal(await bf.locator('.peer-tag').textContent(), 'Alice');
  await shot(b, 'frames-01-bob-sees-context');

  // Drag the frame by its title: the stickies inside follow, the one outside stays.
  const [cx0, cy0] = await stickyPos(b, 'cmd');
  const [ox0, oy0] = await stickyPos(b, 'out');
  // Grab the bar at its right end, past the name field, rank and delete button.
  const grip = await a.locator('.frame-bar').boundingBox();
  await a.mouse.move(grip.x + grip.width - 4, grip.y + grip.height / 2);
  await a.mouse.down();
  await a.mouse.move(grip.x + grip.width - 4 + 100, grip.y + grip.height / 2 + 150, { steps: 8 });
  await a.mouse.up();
  await eventually(async () => {
    const [x, y] = await stickyPos(b, 'cmd');
    return x === cx0 + 100 && y === cy0 + 150;
  }, 3000, 'the command moved with its context on B');
  assert.deepEqual(await stickyPos(b, 'agg'), [480 + 100, 200 + 150]);
  assert.deepEqual(await stickyPos(b, 'out'), [ox0, oy0], 'the event outside stayed');

  // Resize from the corner.
  const w0 = (await bf.boundingBox()).width;
  const corner = await centreOf(a.locator('.frame-resize'));
  await a.mouse.move(corner.x, corner.y);
  await a.mouse.down();
  await a.mouse.move(corner.x + 80, corner.y + 40, { steps: 5 });
  await a.mouse.up();
  // Others' changes are drawn at most twenty times a second, so B may first show a size from
  // the middle of the drag; it must settle on exactly Alice's.
  const aw = (await frame.boundingBox()).width;
  assert.ok(aw > w0 + 60, 'the corner made the frame wider');
  await eventually(async () => (await bf.boundingBox()).width === aw, 3000, 'both pages agree on the resize');
  await shot(a, 'frames-02-moved-and-resized');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
