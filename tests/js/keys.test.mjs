// No keystroke meant for a text field or a dialog reaches the board's shortcuts: the name
// dialog takes the focus on a first visit (keys pressed before its first frame included); when someone else deletes the sticky being typed
// in, editing ends with a notice and the keys that follow do nothing (until Escape or a
// click), and the sticky can be restored; shortcuts follow the physical key, so they work the
// same with Korean input on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aliceAndBobOn, boardUrl, closeAll, createBoard, eventually, launch, serverAndTwoBrowsers, shot, stickyText } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const count = (page) => page.locator('.sticky').count();

test('the name dialog takes the keys on a first visit', async () => {
  const board = await createBoard(server, 'First visit');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(boardUrl(server, board));
    await page.locator('.name-dialog').waitFor();
    await eventually(() => page.evaluate(() => document.activeElement?.id === 'my-name'), 3000, 'the name field focused');
    await shot(page, 'keys-01-name-dialog-focused');
    // Typed straight away, without a click: digits and letters are the name, not shortcuts.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Minji 2f');
    assert.equal(await page.inputValue('#my-name'), 'Minji 2f');
    // Keys on the dialog's other controls are not shortcuts either.
    await page.focus('.color-choice');
    await page.keyboard.press('1');
    await page.keyboard.press('f');
    assert.equal(await count(page), 0, 'no sticky was added');
    assert.equal(await page.locator('.frame-tool.active').count(), 0, 'the frame tool stayed off');
    await page.focus('#my-name');
    await page.keyboard.press('Enter');
    await page.locator('.name-dialog').waitFor({ state: 'detached' });
    await eventually(async () => (await page.textContent('#connection')) === 'saved', 5000, 'connected');
    assert.deepEqual(browser.pageErrors, []);
  } finally {
    await browser.close();
  }
});

test('keys pressed before the name dialog has had a frame go to the name, not the board', async () => {
  // The dialog takes the focus in its first frame. Frames are held back here, so the keys
  // come first, as they would from someone typing while the page opens.
  const board = await createBoard(server, 'Early keys');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const held = [];
      const raf = window.requestAnimationFrame.bind(window);
      let holding = true;
      window.requestAnimationFrame = (cb) => (holding ? (held.push(cb), 0) : raf(cb));
      window.__releaseFrames = () => { holding = false; held.splice(0).forEach((cb) => raf(cb)); };
    });
    await page.goto(boardUrl(server, board));
    await page.locator('.name-dialog').waitFor();
    assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'my-name', 'the field waits for its frame');
    // 3 adds an actor and F arms the frame tool, when they reach the board.
    await page.keyboard.press('3');
    await page.keyboard.press('f');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'my-name', 'the first key moved the focus');
    assert.equal(await page.inputValue('#my-name'), '3f', 'both keys are the name');
    await page.evaluate(() => window.__releaseFrames());
    await page.keyboard.type('ina');
    assert.equal(await page.inputValue('#my-name'), '3fina');
    assert.equal(await count(page), 0, 'no sticky was added');
    assert.equal(await page.locator('.frame-tool.active').count(), 0, 'the frame tool stayed off');
    await shot(page, 'keys-01b-early-keys-in-name');
    assert.deepEqual(browser.pageErrors, []);
  } finally {
    await browser.close();
  }
});

test('a sticky deleted by someone else while being typed in ends editing; the next keys are no shortcuts', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Deleted while typing', [
    { id: 'keep', kind: 'command', text: 'Place order', x: 200, y: 420 },
  ]);
  const canvas = await a.locator('.canvas').boundingBox();
  await a.mouse.move(canvas.x + 500, canvas.y + 200);
  await a.keyboard.press('1');
  await a.keyboard.type('주문 접수');
  const id = await a.evaluate(() => document.activeElement?.closest('.sticky')?.dataset.id);
  assert.ok(id, 'Alice is typing in a new sticky');
  await eventually(async () => (await stickyText(b, id)) === '주문 접수', 3000, 'B sees the text');

  // Bob deletes it.
  await b.click(`.sticky[data-id="${id}"] .sticky-kind`);
  await b.keyboard.press('Delete');
  await a.locator('.notice.holding').waitFor({ timeout: 3000 });
  assert.match(await a.textContent('.notice'), /deleted the sticky you were typing in/);
  assert.equal(await a.locator('.sticky textarea').count(), 0, 'editing ended');
  await shot(a, 'keys-02-deleted-while-typing');

  // Alice goes on typing, as she would: none of it reaches the board.
  await a.keyboard.type('됨 1 2f');
  await a.keyboard.press('Backspace');
  await a.keyboard.press('Delete');
  assert.equal(await count(a), 1, 'no sticky added by the digits');
  assert.equal(await a.locator('.frame-tool.active').count(), 0, 'F did not pick the frame tool');
  assert.equal(await stickyText(b, 'keep'), 'Place order');

  // Restore puts the sticky back as it was, open for typing.
  await a.click('.notice-action');
  await eventually(async () => (await stickyText(b, id)) === '주문 접수', 3000, 'B sees it restored');
  await eventually(() => a.evaluate((sid) => document.activeElement?.closest('.sticky')?.dataset.id === sid, id), 3000, 'editing again');
  assert.equal(await a.locator('.notice').count(), 0);
  await a.keyboard.press('Escape');

  // After Escape on a holding notice, shortcuts work again.
  await b.click(`.sticky[data-id="${id}"] .sticky-kind`);
  await a.click(`.sticky[data-id="${id}"] .sticky-text`);
  await a.locator('.sticky textarea').waitFor();
  await b.keyboard.press('Delete');
  await a.locator('.notice.holding').waitFor({ timeout: 3000 });
  await a.keyboard.press('3');
  assert.equal(await count(a), 1);
  await a.keyboard.press('Escape');
  assert.equal(await a.locator('.notice.holding').count(), 0, 'Escape lets go of the keys');
  await a.mouse.move(canvas.x + 700, canvas.y + 300);
  await a.keyboard.press('2');
  await eventually(async () => (await count(a)) === 2, 3000, 'shortcuts work again');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('shortcuts follow the physical key under a Korean input method', async () => {
  const { a } = await aliceAndBobOn(server, { alice, bob }, 'Korean keys', []);
  const canvas = await a.locator('.canvas').boundingBox();
  await a.mouse.move(canvas.x + 400, canvas.y + 250);
  // With the Korean 2-set layout on, the F key types ㄹ and an IME keydown reports "Process".
  const press = (key, code) => a.evaluate(([k, c]) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, code: c, bubbles: true, cancelable: true })), [key, code]);
  await press('ㄹ', 'KeyF');
  await eventually(async () => (await a.locator('.frame-tool.active').count()) === 1, 2000, 'ㄹ (F) picks the frame tool');
  await press('Escape', 'Escape');
  assert.equal(await a.locator('.frame-tool.active').count(), 0);
  await press('Process', 'Digit1');
  await eventually(async () => (await count(a)) === 1, 2000, 'the 1 key adds a sticky while the IME is on');
  assert.equal(await a.locator('.sticky').getAttribute('data-kind'), 'domain_event');
  await a.keyboard.press('Escape');
  // A key typed while the IME composes is the IME's.
  await a.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Process', code: 'Digit2', isComposing: true, bubbles: true })));
  assert.equal(await count(a), 1);
  assert.deepEqual(alice.pageErrors, []);
});
