// The board legend on two pages: both see the kinds in use with their colours and labels;
// Alice changes the domain event's colour and label in the legend editor and Bob's legend,
// palette and orange stickies follow at once (a sticky with its own colour keeps it); typing
// digits in a label adds no sticky; reset restores the defaults; the card folds away.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aliceAndBobOn, closeAll, eventually, serverAndTwoBrowsers, shot, stickies } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

const ORANGE = 'rgb(255, 169, 77)';
const PINK = 'rgb(230, 73, 128)';
const GREEN = 'rgb(140, 233, 154)';
const bg = (page, sel) => page.locator(sel).evaluate((e) => getComputedStyle(e).backgroundColor);
const rows = (page) => page.$$eval('.legend-row', (els) => els.map((e) => [e.dataset.kind, e.querySelector('.legend-label').textContent, e.querySelector('.legend-count').textContent]));
const row = (kind) => `.legend-edit-row[data-kind="${kind}"]`;

test('Alice recolours and renames a kind in the legend; Bob\'s board follows; reset restores', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Legend', [
    { id: 'ev1', kind: 'domain_event', text: 'Order placed', x: 300, y: 200 },
    { id: 'ev2', kind: 'domain_event', text: '주문됨', x: 460, y: 200 },
    { id: 'ev3', kind: 'domain_event', text: 'Own colour', x: 620, y: 200, color: '#8ce99a' },
    { id: 'cmd', kind: 'command', text: 'Place order', x: 300, y: 380 },
  ]);
  await b.locator('.sticky[data-id="cmd"]').waitFor();

  // The legend lists the kinds in use, in palette order, with their counts.
  assert.deepEqual(await rows(b), [['domain_event', 'Domain event', '3'], ['command', 'Command', '1']]);
  assert.equal(await bg(b, '.legend-row[data-kind="domain_event"] .swatch'), ORANGE);
  assert.equal(await bg(b, '.sticky[data-id="ev1"]'), ORANGE);

  // Alice clicks the legend: the editor opens with every kind.
  await a.click('.legend-rows');
  await a.locator('.legend-editor').waitFor();
  assert.equal(await a.locator('.legend-edit-row').count(), 10);
  assert.equal(await a.inputValue(`${row('domain_event')} .legend-color`), '#ffa94d');

  await a.fill(`${row('domain_event')} .legend-color`, '#e64980');
  await a.click(`${row('domain_event')} .legend-label-input`);
  await a.keyboard.type('Business event');
  await a.keyboard.press('Enter');
  // Digits typed into a label are text, not the add-a-sticky shortcuts.
  await a.click(`${row('command')} .legend-label-input`);
  await a.keyboard.type('Request 2');
  await a.keyboard.press('Enter');

  await eventually(async () => (await bg(b, '.sticky[data-id="ev1"]')) === PINK, 3000, 'Bob\'s events turn pink');
  assert.equal(await bg(b, '.sticky[data-id="ev2"]'), PINK);
  assert.equal(await bg(b, '.sticky[data-id="ev3"]'), GREEN, 'a sticky with its own colour keeps it');
  await eventually(async () => (await rows(b))[1][1] === 'Request 2', 3000, 'Bob sees the command\'s label');
  assert.deepEqual(await rows(b), [['domain_event', 'Business event', '3'], ['command', 'Request 2', '1']]);
  assert.equal(await bg(b, '.legend-row[data-kind="domain_event"] .swatch'), PINK);
  assert.equal(await b.textContent('.sticky[data-id="ev1"] .sticky-kind'), 'Business event');
  assert.equal(await bg(b, '.palette-item[data-kind="domain_event"] .swatch'), PINK);
  assert.equal(await b.textContent('.palette-item[data-kind="domain_event"] .palette-label'), 'Business event');
  assert.equal((await stickies(a)).length, 4, 'no sticky added while typing');
  assert.ok(await a.locator(row('domain_event')).evaluate((e) => e.classList.contains('custom')));
  await shot(a, 'legend-01-alice-edits');
  await shot(b, 'legend-02-bob-follows');

  // Bob opens the editor too: he sees Alice's values.
  await b.click('.legend-edit');
  await b.locator('.legend-editor').waitFor();
  assert.equal(await b.inputValue(`${row('domain_event')} .legend-color`), '#e64980');
  assert.equal(await b.inputValue(`${row('domain_event')} .legend-label-input`), 'Business event');
  await b.click('.legend-editor .close');

  // Reset one kind: Bob's events are orange again; the command keeps its label.
  await a.click(`${row('domain_event')} .legend-reset`);
  await eventually(async () => (await bg(b, '.sticky[data-id="ev1"]')) === ORANGE, 3000, 'Bob\'s events orange again');
  assert.equal(await b.textContent('.sticky[data-id="ev1"] .sticky-kind'), 'Domain event');
  assert.deepEqual(await rows(b), [['domain_event', 'Domain event', '3'], ['command', 'Request 2', '1']]);
  assert.ok(await a.locator(`${row('domain_event')} .legend-reset`).isDisabled());
  // Reset all: the defaults everywhere.
  await a.click('.legend-reset-all');
  await eventually(async () => (await rows(b))[1][1] === 'Command', 3000, 'Bob sees the defaults');
  assert.ok(await a.locator('.legend-reset-all').isDisabled());

  // Bob folds his legend down to swatches; Alice's stays open.
  await b.click('.legend-fold');
  assert.equal(await b.locator('.legend-rows').count(), 0);
  assert.equal(await b.locator('.legend-dots .dot').count(), 2);
  assert.equal(await a.locator('.legend-rows').count(), 1);
  await shot(b, 'legend-03-bob-folded');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
