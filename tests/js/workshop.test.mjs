// The first twenty minutes of a workshop, compressed: a facilitator (Alice, 1280×800) starts a
// board from the start page and a participant (Bob, 1440×900) joins with the participant link.
// Each step asserts one rule of "the first 20 minutes without friction" that the shell owns —
// the floating selection toolbar, panels that fold and let drags through, panning at the
// edges, the keyboard-only workshop, renaming, the start page, importing, idle cursors, what a
// viewer sees — and the canvas's rules run from `canvasMustHold`. Accessibility scans cover
// the start page, the busy board and every dialog and panel on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { eventually, joinAs, keyOf, launch, linkOf, remember, shot, startServer } from './harness.mjs';
import { assertAccessible } from './axe.mjs';
import { canvasMustHold } from './workshop/canvas-must-hold.mjs';
import { assertCoverNoSticky } from './workshop/canvas-checks.mjs';

let server; let alice; let bob;
before(async () => {
  server = await startServer();
  alice = await launch({ width: 1280, height: 800 });
  bob = await launch({ width: 1440, height: 900 });
});
after(async () => { await alice?.close(); await bob?.close(); await server?.stop(); });

/** The focused element: its class, id, data-id and accessible name. */
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return { cls: e?.className ?? '', id: e?.id ?? '', sticky: e?.classList?.contains('sticky') ? e.dataset.id : null, label: e?.getAttribute('aria-label') ?? '' };
});
/** A sticky's `[left, top]` on the board. */
const at = (page, id) => page.locator(`.sticky[data-id="${id}"]`).evaluate((e) => [parseFloat(e.style.left), parseFloat(e.style.top)]);
/** The view's pan. */
const pan = (page) => page.locator('.pan-layer').evaluate((e) => new DOMMatrix(getComputedStyle(e).transform).m41);
/** The id of the sticky whose text is `text`. */
const idOf = (page, text) => page.evaluate((t) => [...document.querySelectorAll('.sticky')].find((s) => s.querySelector('.sticky-text')?.textContent === t || s.querySelector('textarea')?.value === t)?.dataset.id, text);
/** Width of the canvas no panel covers, as a share of the window. */
const freeCanvas = (page) => page.evaluate(() => {
  const c = document.querySelector('.canvas').getBoundingClientRect();
  const pal = document.querySelector('.palette')?.getBoundingClientRect();
  const side = [...document.querySelectorAll('.side > .panel')].map((p) => p.getBoundingClientRect());
  const left = pal ? pal.right : c.left;
  const right = side.length ? Math.min(...side.map((r) => r.left)) : c.right;
  const share = (right - left) / window.innerWidth;
  return share >= 0.75 ? share : { share, c: [c.left, c.right], pal: pal && [pal.left, pal.right], side: side.map((r) => [r.left, r.right]) };
});

test('the first twenty minutes of a workshop, facilitator and participant', { timeout: 300000 }, async () => {
  const a = await alice.newPage();

  // Start page: the name field has the focus; an empty name is refused in words.
  await a.goto(`${server.url}/`);
  await a.locator('#new-board-name').waitFor();
  await eventually(async () => (await focused(a)).id === 'new-board-name', 3000, 'name field focused');
  await assertAccessible(a, 'start page');
  await a.keyboard.press('Enter');
  await a.locator('#new-board-problem:has-text("name")').waitFor();
  assert.equal(await a.getAttribute('#new-board-name', 'aria-invalid'), 'true');
  assert.ok(a.url().endsWith('/'), 'no board made without a name');
  await shot(a, 'workshop-01-start-1280');
  await a.keyboard.type('Food delivery workshop');
  await a.keyboard.press('Enter');
  await a.waitForURL(/\/b\/[0-9a-f]{32}$/);
  const board = a.url().split('/').pop();

  // The name dialog takes the focus on the first visit; first keys never reach the board.
  await a.locator('.name-dialog').waitFor();
  await assertAccessible(a, 'name dialog', '.name-dialog');
  await a.fill('#my-name', 'Alice');
  await a.click('#join-board');
  await eventually(async () => (await a.textContent('#connection')) === 'saved', 5000, 'Alice connected');

  // By default the canvas keeps at least 75 % of a 1280-px window.
  const free = await freeCanvas(a);
  assert.ok(free >= 0.75, `free canvas ${JSON.stringify(free)}`);

  // Keyboard only: 1 makes an event and opens it; Tab goes on with the next one to the right.
  await a.keyboard.press('Digit1');
  await a.locator('textarea.sticky-text').waitFor();
  await a.keyboard.type('Order placed');
  await a.keyboard.press('Tab');
  await eventually(async () => (await a.locator('.sticky').count()) === 2, 3000, 'Tab made the next sticky');
  await a.keyboard.type('Order paid');
  // Shift+Tab (or Escape) ends editing on the sticky itself — never off to the legend.
  await a.keyboard.press('Shift+Tab');
  await eventually(async () => (await focused(a)).label === 'Domain event: Order paid', 3000, 'focus on the sticky, named by kind and text');
  const placed = await idOf(a, 'Order placed');
  const paid = await idOf(a, 'Order paid');
  // One sticky is in the tab order at a time.
  assert.equal(await a.locator('.sticky[tabindex="0"]').count(), 1);
  // Arrows go through the stickies in reading order.
  await a.keyboard.press('ArrowLeft');
  await eventually(async () => (await focused(a)).sticky === placed, 2000, 'ArrowLeft to the sticky before');
  assert.deepEqual(await a.$$eval('.sticky.selected', (e) => e.map((x) => x.dataset.id)), [placed], 'focus selects');
  // Alt+arrows move it.
  const before = await at(a, placed);
  await a.keyboard.press('Alt+ArrowDown');
  await eventually(async () => (await at(a, placed))[1] === before[1] + 4, 2000, 'Alt+ArrowDown moved it');
  // Enter edits, Escape comes back to the sticky.
  await a.keyboard.press('Enter');
  await a.locator(`.sticky[data-id="${placed}"] textarea`).waitFor();
  await a.keyboard.press('Escape');
  await eventually(async () => (await focused(a)).sticky === placed, 2000, 'Escape back on the sticky');
  // 2 adds a command; L links the event to it, picked with the arrows, Enter links.
  await a.keyboard.press('Digit2');
  await a.locator('textarea.sticky-text').waitFor();
  await a.keyboard.type('Pay order');
  await a.keyboard.press('Escape');
  const pay = await idOf(a, 'Pay order');
  await eventually(async () => (await focused(a)).sticky === pay, 2000, 'Escape back on the new command');
  // Two stickies back, each step seen before the next, so the link starts where it is read.
  await a.keyboard.press('ArrowLeft');
  await eventually(async () => (await focused(a)).sticky !== pay, 2000, 'moved off the command');
  const one = (await focused(a)).sticky;
  await a.keyboard.press('ArrowLeft');
  await eventually(async () => ![pay, one].includes((await focused(a)).sticky), 2000, 'and one more');
  const from = (await focused(a)).sticky;
  await a.keyboard.press('KeyL');
  await a.locator('.keyboard-hint .hint-text').waitFor();
  await shot(a, 'workshop-02-keyboard-link-1280');
  let guard = 0;
  while (!(await a.locator(`.sticky[data-id="${pay}"].link-target`).count()) && guard++ < 4) await a.keyboard.press('ArrowRight');
  await a.keyboard.press('Enter');
  await eventually(async () => (await a.locator('.link').count()) === 1, 3000, 'linked from the keyboard');
  assert.equal(await a.locator('.keyboard-hint .hint-text').count(), 0, 'the hint goes away');
  // Focus goes back after the link is drawn (the next frame), not necessarily at once.
  await eventually(async () => (await focused(a)).sticky === from, 2000, 'focus back on the start of the link');
  // ⇧F puts the selection into a new bounded context, its name field ready.
  await a.keyboard.press('Control+a');
  await a.keyboard.press('Shift+KeyF');
  await eventually(async () => (await focused(a)).cls.includes('frame-name'), 3000, 'frame name focused');
  await a.keyboard.type('Ordering');
  await a.keyboard.press('Escape');
  await eventually(async () => (await a.locator('.frame').count()) === 1, 2000, 'a frame');

  // Bob joins with the participant link.
  const b = await bob.newPage();
  await joinAs(b, await linkOf(a, 'participant'), 'Bob');
  await b.locator(`.sticky[data-id="${pay}"]`).waitFor();
  assert.equal(await b.locator('.link').count(), 1);

  // Selection shows the floating toolbar next to the sticky, on no other sticky (the events
  // just above the command keep their text in sight: it goes below); the inspector stays closed.
  await b.click(`.sticky[data-id="${pay}"] .sticky-kind`);
  const bar = b.locator('.selection-toolbar');
  await bar.waitFor();
  for (const part of ['.toolbar-kind', '.toolbar-colour', '.toolbar-link', '.toolbar-delete', '.toolbar-more']) {
    assert.equal(await bar.locator(part).count(), 1, `toolbar has ${part}`);
  }
  const barBox = await bar.boundingBox();
  const payBox = await b.locator(`.sticky[data-id="${pay}"]`).boundingBox();
  assert.ok(barBox.y + barBox.height <= payBox.y || barBox.y >= payBox.y + payBox.height, 'the toolbar sits above or below the sticky');
  await assertCoverNoSticky(b, '.selection-toolbar');
  assert.equal(await b.locator('.inspector').count(), 0, 'no inspector until asked');
  await b.click('.toolbar-colour');
  await b.locator('.toolbar-colours').waitFor();
  await assertAccessible(b, 'selection toolbar with colours', '.selection-toolbar');
  await shot(b, 'workshop-03-toolbar-1440');
  await b.click('.toolbar-colours .color-choice[data-color="#d0bfff"]');
  await b.selectOption('.toolbar-kind', 'policy');
  await eventually(async () => (await a.getAttribute(`.sticky[data-id="${pay}"]`, 'data-kind')) === 'policy', 3000, 'A sees the kind');
  assert.match(await a.getAttribute(`.sticky[data-id="${pay}"]`, 'style'), /background:\s*#d0bfff/i);

  // More… opens the inspector; a drag goes under it, and the panels let it through.
  await b.click('.toolbar-more');
  await b.locator('.side > .inspector').waitFor();
  await assertAccessible(b, 'inspector', '.inspector');
  const panel = await b.locator('.side > .inspector').boundingBox();
  const grab = await b.locator(`.sticky[data-id="${pay}"] .sticky-kind`).boundingBox();
  await b.mouse.move(grab.x + 5, grab.y + 5);
  await b.mouse.down();
  const under = { x: panel.x + 60, y: panel.y + 200 };
  await b.mouse.move(under.x, under.y, { steps: 8 });
  assert.ok(await b.locator('.board-page.dragging').count(), 'the board knows a drag is on');
  await b.mouse.up();
  const dropped = await b.locator(`.sticky[data-id="${pay}"] .sticky-kind`).boundingBox();
  assert.ok(Math.abs(dropped.x + 5 - under.x) < 8, `dropped under the panel (${dropped.x} vs ${under.x})`);
  // I closes it again; this browser remembers.
  await b.keyboard.press('KeyI');
  await eventually(async () => (await b.locator('.inspector').count()) === 0, 2000, 'I closes the inspector');

  // Dragging to an edge pans.
  const pan0 = await pan(b);
  const k = await b.locator(`.sticky[data-id="${pay}"] .sticky-kind`).boundingBox();
  const canvas = await b.locator('.canvas').boundingBox();
  await b.mouse.move(k.x + 5, k.y + 5);
  await b.mouse.down();
  await b.mouse.move(canvas.x + 6, k.y + 5, { steps: 10 });
  await b.waitForTimeout(400);
  await b.mouse.up();
  assert.ok((await pan(b)) > pan0 + 40, 'the view panned left');
  const [px] = await at(b, pay);
  assert.ok(px < -40, `the sticky went past the old left edge (${px})`);

  // Side panels fold and stay folded (per browser).
  await b.click('.palette-fold');
  await b.locator('.palette.folded').waitFor();
  await b.reload();
  await b.locator('.palette.folded').waitFor();
  await b.click('.palette-fold');
  await b.locator('.palette:not(.folded)').waitFor();

  // Remote cursors fade when idle.
  await b.mouse.move(700, 500);
  await b.mouse.move(720, 520, { steps: 3 });
  const cursor = a.locator('.remote-cursor[data-name="Bob"]');
  await cursor.waitFor();
  assert.equal(await cursor.evaluate((e) => e.classList.contains('idle')), false, 'a moving cursor is clear');
  await eventually(async () => cursor.evaluate((e) => e.classList.contains('idle')), 9000, 'an idle cursor fades');
  await b.mouse.move(760, 540, { steps: 3 });
  await eventually(async () => !(await cursor.evaluate((e) => e.classList.contains('idle'))), 3000, 'it comes back when it moves');

  // The facilitator renames the board from its title; the participant has no such button.
  assert.equal(await b.locator('.board-name-button').count(), 0);
  await a.click('.board-name-button');
  await a.locator('.board-name-input').waitFor();
  await a.keyboard.press('Control+a');
  await a.keyboard.type('주문 워크숍');
  await a.keyboard.press('Enter');
  await eventually(async () => (await a.textContent('.board-name')) === '주문 워크숍', 3000, 'renamed');
  await eventually(async () => (await b.textContent('.board-name')) === '주문 워크숍', 3000, 'the participant sees the new name live');
  const key = new URL(await linkOf(a, 'facilitator')).searchParams.get('key');
  const asFacilitator = (path) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal((await (await asFacilitator(`/api/boards/${board}`)).json()).name, '주문 워크숍', 'the server has the new name');

  // Panels and dialogs of the board, scanned.
  await a.click('.analysis-toggle');
  await a.locator('.side > .analysis').waitFor();
  await assertAccessible(a, 'analysis panel', '.side');
  await a.click('.analysis-toggle');
  await a.click('#share');
  await a.locator('.share-dialog').waitFor();
  await assertAccessible(a, 'share dialog', '.share-dialog');
  await a.click('#share');
  await a.click('.legend-edit');
  await a.locator('.legend-editor').waitFor();
  await assertAccessible(a, 'legend editor', '.legend-editor');
  await a.click('.legend-edit');
  await a.click('.menu-toggle');
  await assertAccessible(a, 'board menu', '.board-menu');
  await a.click('.menu-toggle');

  // Import: plain words for a bad file, in a banner that covers nothing.
  const exported = await (await asFacilitator(`/api/boards/${board}/export`)).text();
  const env = JSON.parse(exported);
  const bad = structuredClone(env);
  bad.board.stickies[0].x = 'left';
  const badFile = '/tmp/stormwall-workshop-bad.json';
  fs.writeFileSync(badFile, JSON.stringify(bad));
  await a.setInputFiles('.file-picker', badFile);
  const banner = a.locator('.import-error');
  await banner.waitFor();
  const said = await banner.textContent();
  assert.match(said, /\$\.board\.stickies\[0\]\.x/, 'the path');
  assert.match(said, /should be a number/, 'a sentence');
  assert.doesNotMatch(said, /line \d|column|`|f64/, 'not the JSON reader\'s words');
  const bannerBox = await banner.boundingBox();
  const canvasNow = await a.locator('.canvas').boundingBox();
  const palette = await a.locator('.palette').boundingBox();
  assert.ok(canvasNow.y >= bannerBox.y + bannerBox.height - 1, 'the canvas starts under the banner');
  assert.ok(palette.y >= bannerBox.y + bannerBox.height - 1, 'the palette is not covered');
  await assertAccessible(a, 'import error banner', '.import-error');
  await shot(a, 'workshop-04-import-error-1280');
  await a.click('.import-error .dismiss');

  // A good file asks first (for everyone); refused, nothing changes; accepted, it replaces the
  // board and the view fits it.
  const big = structuredClone(env);
  big.board.stickies = Array.from({ length: 12 }, (_, i) => ({ ...env.board.stickies[0], id: `imp${i}`, text: `Step ${i}`, x: 300 * i, y: 2000 + 200 * (i % 3) }));
  big.board.links = []; big.board.frames = []; big.board.relations = [];
  delete big.board.authorship; // who wrote what: of the stickies the file replaces
  const goodFile = '/tmp/stormwall-workshop-good.json';
  fs.writeFileSync(goodFile, JSON.stringify(big));
  const asked = [];
  let answer = false;
  a.on('dialog', (d) => { asked.push(d.message()); if (answer) d.accept(); else d.dismiss(); });
  await a.setInputFiles('.file-picker', goodFile);
  await eventually(async () => asked.length === 1, 3000, 'asked before importing');
  assert.match(asked[0], /for everyone/);
  await a.waitForTimeout(300);
  assert.equal((await (await asFacilitator(`/api/boards/${board}/export`)).json()).board.stickies.length, 3, 'refused: the board is as it was');
  answer = true;
  await a.setInputFiles('.file-picker', goodFile);
  const onServer = async () => (await (await asFacilitator(`/api/boards/${board}/export`)).json()).board.stickies.length;
  await eventually(async () => (await onServer()) === 12, 5000, 'the import replaced the board');
  await b.click('.fit');
  await eventually(async () => (await b.locator('.sticky').count()) === 12, 5000, 'B sees the import');
  await eventually(async () => a.evaluate(() => {
    const c = document.querySelector('.canvas').getBoundingClientRect();
    return [...document.querySelectorAll('.sticky')].every((s) => {
      const r = s.getBoundingClientRect();
      return r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom;
    });
  }), 3000, 'the view fits the imported board');
  await shot(a, 'workshop-05-imported-1280');
  await shot(b, 'workshop-05-imported-1440');

  // Contrast of the kind labels (WCAG AA for small text) on every kind's colour, at 100 %
  // (from afar the labels give way to the colour).
  await a.locator('.zoom-controls button', { hasText: '1:1' }).click();
  await eventually(async () => !(await a.locator('.world.far').count()), 2000, 'at 100 %');
  const ratios = await a.evaluate(() => {
    const rgb = (s) => s.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }).reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
    return [...document.querySelectorAll('.sticky')].map((s) => {
      const bg = rgb(getComputedStyle(s).backgroundColor);
      const [r, g, b, al = 1] = rgb(getComputedStyle(s.querySelector('.sticky-kind')).color);
      const fg = [r, g, b].map((v, i) => v * al + bg[i] * (1 - al));
      const [hi, lo] = [lum(bg), lum(fg)].sort((x, y) => y - x);
      return { size: parseFloat(getComputedStyle(s.querySelector('.sticky-kind')).fontSize), ratio: (hi + 0.05) / (lo + 0.05) };
    });
  });
  for (const r of ratios) {
    assert.ok(r.ratio >= 4.5, `kind label contrast ${r.ratio.toFixed(2)}`);
    assert.ok(r.size >= 11, `kind label size ${r.size}`);
  }

  // The canvas's rules, on the same session.
  for (const { must, check } of canvasMustHold) {
    await test.diagnostic?.(must);
    await check({ a, b, board, server, shot });
  }
});

test('a viewer sees no edit buttons that would do nothing; a busy board passes the scan', { timeout: 120000 }, async () => {
  const res = await fetch(`${server.url}/api/examples/food-delivery?model=first`, { method: 'POST' });
  const id = remember(await res.json());
  const a = await alice.newPage();
  await joinAs(a, `${server.url}/b/${id}`, 'Alice');
  await a.locator('.sticky').first().waitFor();
  await assertAccessible(a, 'busy board');
  await shot(a, 'workshop-06-busy-board-1280');
  const v = await bob.newPage();
  await joinAs(v, `${server.url}/b/${id}?key=${keyOf(id, 'viewer')}`, 'Bob');
  await v.locator('.sticky').first().waitFor();
  await v.click('.sticky .sticky-kind >> nth=0');
  assert.equal(await v.locator('.legend-edit').count(), 0, 'no legend Edit');
  assert.equal(await v.locator('.palette').count(), 0, 'no palette');
  assert.equal(await v.locator('.selection-toolbar').count(), 0, 'no selection toolbar');
  assert.equal(await v.locator('.board-name-button').count(), 0, 'no rename');
  await assertAccessible(v, 'viewer\'s board');
  await shot(v, 'workshop-07-viewer-1440');
});
