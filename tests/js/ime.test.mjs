// Korean IME input through Chromium's input pipeline (CDP Input.imeSetComposition +
// Input.insertText, as a real IME drives it): typing 주문됨 syllable by syllable into a sticky
// leaves exactly "주문됨" on both pages — no stray jamo, no doubled syllables — and a remote
// edit arriving mid-composition does not break the syllable being composed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, createBoard, eventually, joinAs, serverAndTwoBrowsers, shot, stickyText } from './harness.mjs';
import { seedStickies } from './seed.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

/** Composes one syllable through its jamo stages, then commits it. */
async function compose(cdp, stages) {
  for (const s of stages) {
    await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
  }
  await cdp.send('Input.insertText', { text: stages[stages.length - 1] });
}

test('typing 주문됨 with an IME shows exactly 주문됨 on both pages', async () => {
  const board = await createBoard(server, 'IME');
  await seedStickies(server, board, [
    { id: 'ev', kind: 'domain_event', text: '', x: 300, y: 200 },
    { id: 'other', kind: 'command', text: 'Place order', x: 500, y: 200 },
  ]);
  const url = `${server.url}/b/${board}`;
  const a = await alice.newPage(); await joinAs(a, url, 'Alice');
  const b = await bob.newPage(); await joinAs(b, url, 'Bob');
  await a.click('.sticky[data-id="ev"] .sticky-text');
  const cdp = await a.context().newCDPSession(a);

  await compose(cdp, ['ㅈ', '주']);
  await compose(cdp, ['ㅁ', '무', '문']);
  // Bob edits another sticky while Alice is mid-syllable.
  await cdp.send('Input.imeSetComposition', { text: 'ㄷ', selectionStart: 1, selectionEnd: 1 });
  await b.locator('.sticky[data-id="other"] .sticky-text').click();
  await b.keyboard.press('End');
  await b.keyboard.type('!');
  await eventually(async () => (await stickyText(a, 'other')) === 'Place order!', 3000, 'A sees Bob\'s edit');
  for (const s of ['되', '됨']) {
    await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
  }
  await cdp.send('Input.insertText', { text: '됨' });

  await eventually(async () => (await stickyText(b, 'ev')) === '주문됨', 3000, 'B shows 주문됨');
  assert.equal(await stickyText(a, 'ev'), '주문됨');
  await a.waitForTimeout(300);
  assert.equal(await stickyText(b, 'ev'), '주문됨', 'still exactly 주문됨 on B');
  assert.equal(await stickyText(a, 'ev'), '주문됨', 'still exactly 주문됨 on A');
  await eventually(async () => (await a.textContent('#connection')) === 'saved', 5000, 'saved');
  await b.reload();
  await eventually(async () => (await stickyText(b, 'ev')) === '주문됨', 5000, 'stored as 주문됨');

  // The same for a bounded context's name.
  await a.click('.frame-tool');
  await a.mouse.move(260, 180);
  await a.mouse.down();
  await a.mouse.move(800, 480, { steps: 5 });
  await a.mouse.up();
  await eventually(async () => a.evaluate(() => document.activeElement?.classList.contains('frame-name')), 2000, 'frame name focused');
  await compose(cdp, ['ㅈ', '주']);
  await compose(cdp, ['ㅁ', '무', '문']);
  await eventually(async () => (await b.locator('.frame .frame-name').inputValue().catch(() => null)) === '주문', 3000, 'B shows the context 주문');
  assert.equal(await a.locator('.frame .frame-name').inputValue(), '주문');
  await shot(b, 'ime-01-both-pages');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
