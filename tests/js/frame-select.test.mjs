// Frames are easy to pick and safe to delete: a click in a frame's empty area selects it, a
// press on its border selects and drags it (with its stickies); deleting a frame that holds
// stickies says so and offers Undo, which brings it back for everyone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, eventually, importBoard, openForAliceAndBob, serverAndTwoBrowsers, shot, stickyPos } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const sticky = (id, kind, text, x, y) => ({ id, kind, text, x, y, w: 120, h: 120 });

test('select a frame by its empty area or border; deleting a full frame can be undone', async () => {
  const board = await importBoard(server, {
    name: 'Frames',
    stickies: [sticky('cmd', 'command', 'Place order', 260, 220), sticky('agg', 'aggregate', 'Order', 420, 220)],
    links: [],
    frames: [{ id: 'f1', name: 'Ordering', x: 200, y: 160, w: 560, h: 400 }],
  });
  const { a, b } = await openForAliceAndBob(server, { alice, bob }, board);
  const frame = a.locator('.frame[data-id="f1"]');
  await frame.waitFor();
  const box = await frame.boundingBox();

  // A click in the empty lower part of the frame selects it.
  await a.mouse.click(box.x + box.width / 2, box.y + box.height - 60);
  await eventually(async () => (await frame.getAttribute('class')).includes('selected'), 2000, 'frame selected by its area');
  await shot(a, 'frame-select-01-by-area');
  // A click outside clears the selection.
  await a.mouse.click(box.x + box.width + 80, box.y + box.height / 2);
  assert.ok(!(await frame.getAttribute('class')).includes('selected'));
  // A drag in the empty area pans the view and selects nothing.
  await a.mouse.move(box.x + box.width / 2, box.y + box.height - 60);
  await a.mouse.down();
  await a.mouse.move(box.x + box.width / 2 + 60, box.y + box.height - 60, { steps: 5 });
  await a.mouse.up();
  assert.ok(!(await frame.getAttribute('class')).includes('selected'), 'a pan does not select');
  const moved = await frame.boundingBox();
  assert.ok(Math.abs(moved.x - box.x - 60) < 2, 'the view panned');

  // A press on the left border selects the frame and drags it with its stickies.
  const framePos = (page) => page.locator('.frame[data-id="f1"]').evaluate((e) => [parseFloat(e.style.left), parseFloat(e.style.top)]);
  const [fx, fy] = await framePos(b);
  const [cx, cy] = await stickyPos(b, 'cmd');
  await a.mouse.move(moved.x + 2, moved.y + moved.height / 2);
  await a.mouse.down();
  await a.mouse.move(moved.x + 2 + 48, moved.y + moved.height / 2 + 24, { steps: 6 });
  await a.mouse.up();
  assert.ok((await frame.getAttribute('class')).includes('selected'), 'selected by its border');
  // Others' changes are drawn at most twenty times a second: B may first show the frame from
  // the middle of the drag; wait for it where Alice dropped it.
  const dropped = (await framePos(a)).join();
  await eventually(async () => (await framePos(b)).join() === dropped, 3000, 'B sees the frame moved');
  const [fx1, fy1] = await framePos(b);
  assert.ok(fx1 > fx, 'moved right');
  assert.ok(fy1 > fy, 'moved down too');
  await eventually(async () => (await stickyPos(b, 'cmd')).join() === [cx + fx1 - fx, cy + fy1 - fy].join(), 3000, 'its stickies moved with it');

  // Delete: the frame goes, its stickies stay, and the notice offers Undo.
  await a.keyboard.press('Delete');
  await eventually(async () => (await b.locator('.frame').count()) === 0, 3000, 'B sees the frame deleted');
  assert.equal(await b.locator('.sticky').count(), 2, 'the stickies stay');
  await a.locator('.notice').waitFor();
  assert.match(await a.textContent('.notice'), /Deleted 1 bounded context; 2 stickies inside stay on the board/);
  await shot(a, 'frame-select-02-deleted-with-undo');
  await a.click('.notice-action');
  await eventually(async () => (await b.locator('.frame[data-id="f1"]').count()) === 1, 3000, 'B sees the frame back');
  assert.equal(await a.locator('.notice').count(), 0);

  // The × of the frame's bar goes the same way.
  await a.click('.frame[data-id="f1"] .frame-delete');
  await a.locator('.notice').waitFor();
  await a.click('.notice-action');
  await eventually(async () => (await b.locator('.frame[data-id="f1"]').count()) === 1, 3000, 'B sees the frame back again');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
