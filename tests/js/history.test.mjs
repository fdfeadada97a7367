// History and recovery in the browser: the History panel lists checkpoints and a facilitator
// names one; the preview shows the checkpoint read-only with what was deleted, changed and
// added since; one sticky or the whole board is restored for everyone; the trash brings a
// deleted sticky back; the replay scrubs through the checkpoints (smoothly on a 2,000-sticky
// board) and exports a timelapse; a viewer sees the history without the controls.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, boardUrl, closeAll, createBoard, eventually, importBoard, joinAs, linkOf, openForAliceAndBob, serverAndTwoBrowsers, shot, stickies, stickyText } from './harness.mjs';
import { seedStickies } from './seed.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const ids = async (page) => (await stickies(page)).map((s) => s.id).sort();

async function nameCheckpoint(page, name) {
  await page.fill('#checkpoint-name', name);
  await page.click('.name-checkpoint button[type="submit"]');
  await page.locator('.checkpoint.named', { hasText: name }).waitFor({ timeout: 5000 });
}

test('name, preview with the differences, restore one sticky and the whole board, trash', async () => {
  const board = await createBoard(server, 'History');
  await seedStickies(server, board, [
    { id: 'placed', kind: 'domain_event', text: 'Order placed', x: 200, y: 200 },
    { id: 'paid', kind: 'domain_event', text: 'Payment taken', x: 400, y: 200 },
    { id: 'cancel', kind: 'command', text: 'Cancel order', x: 200, y: 400 },
  ]);
  const { a, b } = await openForAliceAndBob(server, { alice, bob }, board);
  a.on('dialog', (d) => d.accept());
  await a.locator('.sticky[data-id="cancel"]').waitFor();

  // H opens the history; Alice, the facilitator, names this moment.
  await a.click('.canvas', { position: { x: 900, y: 650 } });
  await a.keyboard.press('h');
  await a.locator('.panel.history').waitFor();
  await nameCheckpoint(a, 'after big picture');
  assert.match(await a.textContent('.checkpoint.named'), /after big picture/);
  await shot(a, 'history-01-panel');

  // Then: one sticky deleted, one changed, one added.
  await a.click('.sticky[data-id="cancel"] .sticky-kind');
  await a.keyboard.press('Delete');
  await a.click('.sticky[data-id="paid"] .sticky-text');
  await a.keyboard.press('End');
  await a.keyboard.type(' 결제됨');
  await a.click('.canvas', { position: { x: 900, y: 650 } });
  await a.click('.palette-item[data-kind="policy"]');
  await a.keyboard.type('Notify courier');
  await a.click('.canvas', { position: { x: 900, y: 650 } });
  await eventually(async () => (await ids(b)).length === 3 && !(await ids(b)).includes('cancel'), 5000, 'Bob sees the changes');

  // The preview shows the checkpoint with what differs.
  await a.locator('.checkpoint.named .preview-checkpoint').click();
  const preview = a.locator('.checkpoint-preview');
  await preview.locator('.preview-picture svg').waitFor({ timeout: 5000 });
  assert.equal(await preview.locator('.diff-counts').textContent(), '1 deleted since · 1 changed since · 1 added since');
  assert.equal(await preview.locator('[data-id="cancel"]').getAttribute('data-diff'), 'removed');
  assert.equal(await preview.locator('[data-id="paid"]').getAttribute('data-diff'), 'changed');
  assert.equal(await preview.locator('[data-diff="added"]').count(), 1);
  await shot(a, 'history-02-diff-preview');

  // Restore just the deleted sticky: it is back for Bob too.
  await preview.locator('[data-id="cancel"] rect').first().click();
  await preview.locator('.restore-one').click();
  await eventually(async () => (await ids(b)).includes('cancel'), 5000, 'the sticky is back on Bob\'s page');
  assert.equal(await stickyText(b, 'paid'), 'Payment taken 결제됨', 'nothing else changed');

  // Restore the whole board: the checkpoint's board on both pages.
  await a.locator('.checkpoint.named .restore-checkpoint').click();
  await eventually(async () => (await ids(b)).join() === 'cancel,paid,placed', 5000, 'the whole board restored on Bob\'s page');
  assert.equal(await stickyText(b, 'paid'), 'Payment taken');
  await eventually(async () => (await a.locator('.checkpoint').count()) >= 2, 5000, 'the state before the restore is a checkpoint');

  // Trash: a deleted sticky comes back.
  await a.click('.sticky[data-id="placed"] .sticky-kind');
  await a.keyboard.press('Delete');
  await eventually(async () => !(await ids(b)).includes('placed'), 5000, 'deleted on Bob\'s page');
  await a.click('.trash-tab');
  const item = a.locator('.trash-item[data-id="placed"]');
  await eventually(async () => {
    if (await item.count()) return true;
    await a.click('.panel.history .tab:not(.trash-tab)'); await a.click('.trash-tab');
    return false;
  }, 8000, 'the sticky in the trash');
  await shot(a, 'history-03-trash');
  await item.locator('.restore-trash').click();
  await eventually(async () => (await ids(b)).includes('placed'), 5000, 'back from the trash on Bob\'s page');
  assert.deepEqual(alice.pageErrors, []);
  assert.deepEqual(bob.pageErrors, []);
  await a.close(); await b.close();
});

test('a viewer sees the history but cannot restore, name or delete', async () => {
  const board = await createBoard(server, 'Viewer history');
  await seedStickies(server, board, [{ id: 's', kind: 'domain_event', text: 'Seen', x: 200, y: 200 }]);
  const made = await api(server, `/api/boards/${board}/checkpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'kick-off' }) });
  assert.equal(made.status, 201);
  const v = await bob.newPage();
  await joinAs(v, boardUrl(server, board, 'viewer'), 'Bob');
  await v.click('#history');
  await v.locator('.checkpoint.named').waitFor({ timeout: 5000 });
  assert.equal(await v.locator('.restore-checkpoint, .delete-checkpoint, .name-checkpoint').count(), 0);
  await v.locator('.preview-checkpoint').click();
  await v.locator('.preview-picture svg').waitFor();
  assert.equal(await v.locator('.restore-whole').count(), 0);
  await v.close();
});

test('replay scrubs a 2,000-sticky board step by step and exports a timelapse', async () => {
  const big = [];
  for (let i = 0; i < 2000; i++) big.push({ id: `s${String(i).padStart(4, '0')}`, kind: 'domain_event', text: `Event ${i} 이벤트`, x: (i % 50) * 140, y: Math.floor(i / 50) * 140 });
  const board = await importBoard(server, { name: 'Big replay', stickies: big.slice(0, 500) });
  const a = await alice.newPage();
  await joinAs(a, boardUrl(server, board), 'Alice');
  // Four more checkpoints as the board grows to 2,000 stickies.
  for (let step = 1; step <= 4; step++) {
    if (step > 1) await seedStickies(server, board, big.slice((step - 1) * 500, step * 500));
    const res = await api(server, `/api/boards/${board}/checkpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `step ${step}` }) });
    assert.equal(res.status, 201);
  }
  await a.keyboard.press('h');
  await a.locator('.checkpoint').first().waitFor({ timeout: 10000 });
  await a.click('.replay-open');
  await a.locator('.replay-play:not([disabled])').waitFor({ timeout: 60000 });
  const steps = Number(await a.locator('.replay-slider').getAttribute('max')) + 1;
  assert.ok(steps >= 5, `${steps} steps`);
  // Scrub back and forth, one step per frame, as a dragged slider does.
  const fps = await a.evaluate(async () => {
    const slider = document.querySelector('.replay-slider');
    const max = Number(slider.max);
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    await frame();
    const n = 120; const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      slider.value = String(Math.abs((i % (2 * max)) - max));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
    }
    return n / ((performance.now() - t0) / 1000);
  });
  // The frame rate is the board bench's figure (tests/bench/board.mjs); here it is only shown.
  console.log(`replay scrubbing on 2,000 stickies: ${fps.toFixed(1)} fps`);
  // Each position of the slider shows its own step of the workshop.
  for (const at of [0, steps - 1, 2]) {
    await a.locator('.replay-slider').fill(String(at));
    await a.locator('.replay-slider').dispatchEvent('input');
    await a.getByText(`${at + 1} / ${steps}`, { exact: true }).waitFor({ timeout: 5000 });
  }
  await shot(a, 'history-04-replay');
  const [dl] = await Promise.all([a.waitForEvent('download'), a.click('.replay-export')]);
  const svg = await new Promise((resolve, reject) => {
    dl.createReadStream().then((s) => { let t = ''; s.on('data', (d) => { t += d; }); s.on('end', () => resolve(t)); s.on('error', reject); });
  });
  assert.ok(dl.suggestedFilename().endsWith('-timelapse.svg'));
  assert.equal(svg.match(/class="timelapse-frame"/g).length, steps);
  assert.deepEqual(alice.pageErrors, []);
  await a.close();
});
