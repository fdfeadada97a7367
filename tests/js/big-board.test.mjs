// A 10,000-sticky board (a company-wide wall): Fit shows all of it, far below the usual least
// zoom, with the stickies painted on the far view's canvas and only the ones people work with
// as elements; a click on a painted sticky selects it, a drag from a sticky onto a painted one
// links them, a Korean IME types into it once zoomed in, and the edit shows from afar again.
// Crossing back and forth between painted and elements leaves each sticky where it was.
// Screenshots of the board from afar and close.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, eventually, importBoard, joinAs, launch, shot, startServer, stickyText } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => closeAll({ server }));

const N = 10000;
const LINKS = 1500;
const COLS = 125;
const KINDS = ['domain_event', 'command', 'aggregate', 'policy', 'read_model', 'actor', 'hotspot', 'external_system'];
const at = (i) => ({ x: (i % COLS) * 160, y: Math.floor(i / COLS) * 160 });

const BOARD = {
  name: 'Company-wide wall',
  stickies: Array.from({ length: N }, (_, i) => ({
    id: `s${String(i).padStart(5, '0')}`, kind: KINDS[i % KINDS.length], text: i % 7 ? `Step ${i} 주문됨` : '', ...at(i), w: 120, h: 120,
  })),
  // Over a thousand links: from afar they are shaped, routed and bundled in tasks of their
  // own after the stickies are painted.
  links: Array.from({ length: LINKS }, (_, i) => ({ id: `l${i}`, from: `s${String(i * 6).padStart(5, '0')}`, to: `s${String(i * 6 + 1).padStart(5, '0')}` })),
  frames: [],
};
const id = (i) => `s${String(i).padStart(5, '0')}`;

/** Pan and zoom of the view. */
const view = (page) => page.evaluate(() => {
  const t = document.querySelector('.pan-layer').style.transform.match(/translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)/);
  const s = document.querySelector('.world').style.transform.match(/scale\(([-\d.e]+)\)/);
  return { px: +t[1], py: +t[2], z: +s[1] };
});

/** Where sticky `i`'s centre is on screen. */
async function onScreen(page, i) {
  const c = await page.locator('.canvas').boundingBox();
  const { px, py, z } = await view(page);
  const { x, y } = at(i);
  return [c.x + px + (x + 60) * z, c.y + py + (y + 60) * z];
}

/** How many stickies (and links) are painted, and how many stickies are elements. */
const drawn = (page) => page.evaluate(() => ({
  painted: Number(document.querySelector('.far-layer').dataset.painted),
  links: Number(document.querySelector('.far-layer').dataset.links),
  elements: document.querySelectorAll('.sticky').length,
}));

test('a 10,000-sticky board: fit, select and link from afar, edit close with an IME', async () => {
  const browser = await launch({ width: 1440, height: 900 });
  try {
    const board = await importBoard(server, BOARD);
    const page = await browser.newPage();
    await joinAs(page, `${server.url}/b/${board}`, 'Wall', { timeout: 60000 });

    // Fit: all of it in view, painted, a handful of elements at most.
    await page.click('.zoom-controls .fit');
    await eventually(async () => {
      const d = await drawn(page);
      return d.painted + d.elements >= N;
    }, 30000, 'every sticky drawn after Fit');
    await eventually(async () => (await drawn(page)).links === LINKS, 30000, 'every link painted from afar');
    const fitted = await view(page);
    assert.ok(fitted.z < 0.2, `fitted below the usual least zoom (${fitted.z})`);
    const far = await drawn(page);
    assert.ok(far.elements < 10, `from afar only the stickies in use are elements (${far.elements})`);
    const c = await page.locator('.canvas').boundingBox();
    for (const i of [0, COLS - 1, N - COLS, N - 1]) {
      const [x, y] = await onScreen(page, i);
      assert.ok(x > c.x && x < c.x + c.width && y > c.y && y < c.y + c.height, `corner sticky ${i} in view`);
    }
    await shot(page, 'big-board-01-fit-10000');

    // A click on a painted sticky selects it: it becomes an element, selected, at its place.
    const target = 40 * COLS + 60;
    const [tx, ty] = await onScreen(page, target);
    await page.mouse.click(tx, ty);
    const sel = page.locator(`.sticky[data-id="${id(target)}"]`);
    await eventually(async () => (await sel.count()) === 1 && (await sel.getAttribute('class')).includes('selected'), 5000, 'the far sticky selected');
    const box = await sel.boundingBox();
    assert.ok(Math.abs(box.x + box.width / 2 - tx) < 2 && Math.abs(box.y + box.height / 2 - ty) < 2, 'the element sits where the sticky was painted');

    // Zoom in a step at a time to 100 % around it: painted below 50 %, elements above.
    await page.mouse.move(tx, ty);
    let z = fitted.z;
    let switched = false;
    while (z < 1) {
      await page.keyboard.down('Control'); await page.mouse.wheel(0, -300); await page.keyboard.up('Control');
      const next = (await view(page)).z;
      if (next === z) break;
      z = next;
      const d = await eventually(async () => {
        const now = await drawn(page);
        return (z < 0.5 ? now.painted > 0 : now.painted === 0) && now;
      }, 5000, `drawn at ${z.toFixed(2)}`);
      if (z < 0.5) assert.ok(d.elements < 10, `painted at ${z.toFixed(2)} (${d.elements} elements)`);
      else assert.ok(d.elements > 20, `elements at ${z.toFixed(2)} (${d.painted} painted)`);
      // Either side of the switch, to look at: the same stickies, painted then elements.
      if (z < 0.5 && z > 0.25) await shot(page, 'big-board-02a-painted-below-50');
      if (z >= 0.5 && !switched) { switched = true; await shot(page, 'big-board-02b-elements-above-50'); }
    }
    await eventually(async () => (await drawn(page)).painted === 0, 5000, 'close: nothing painted');
    await shot(page, 'big-board-02-close');

    // Close: type into it with a Korean IME.
    await page.click(`.sticky[data-id="${id(target)}"] .sticky-text`);
    await page.keyboard.press('End');
    const cdp = await page.context().newCDPSession(page);
    for (const stages of [[' '], ['ㄱ', '고'], ['ㄱ', '개', '객']]) {
      for (const s of stages) await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
      await cdp.send('Input.insertText', { text: stages.at(-1) });
    }
    await page.keyboard.press('Escape');
    await eventually(async () => (await stickyText(page, id(target))) === `Step ${target} 주문됨 고객`, 5000, 'typed with the IME');

    // Back to Fit: the edit is painted with the rest; the sticky stays an element while selected.
    await page.click('.zoom-controls .fit');
    await eventually(async () => (await drawn(page)).painted > N - 10, 10000, 'painted again');
    // The links that came near the view with Fit are routed in a task of their own, then painted.
    await eventually(async () => (await drawn(page)).links === LINKS, 30000, 'every link painted again from afar');
    assert.equal(await sel.count(), 1, 'the selected sticky stays an element');

    // From afar, link the selected sticky to a painted one by dragging its handle onto it.
    await page.mouse.click(c.x + 5, c.y + c.height - 5);
    await eventually(async () => (await sel.count()) === 0, 5000, 'deselected: painted again');
    const [sx, sy] = await onScreen(page, target);
    await page.mouse.click(sx, sy);
    await eventually(async () => (await sel.count()) === 1, 5000, 'selected again');
    const handle = await page.locator(`.sticky[data-id="${id(target)}"] .link-handle`).boundingBox();
    const to = target + 2 * COLS;
    const [lx, ly] = await onScreen(page, to);
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(lx, ly, { steps: 8 });
    await page.mouse.up();
    await eventually(async () => (await page.locator('.link.selected').count()) === 1, 5000, 'the new link drawn and selected');

    // Close up of a corner and the whole wall once more.
    await page.click('.zoom-controls .fit');
    await page.waitForTimeout(300);
    await shot(page, 'big-board-03-fit-after-edits');
    assert.deepEqual(browser.pageErrors ?? [], []);
  } finally {
    await browser.close();
  }
});
