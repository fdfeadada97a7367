// Finding your way on a big board: the minimap (its view rectangle follows panning, a click or
// drag on it moves the view there, it folds away and stays folded), zoom to the selection and
// fit (buttons and ⇧2 / ⇧1, not while typing), two-finger pinch on a touch screen, and
// snapping moves and new stickies to the grid (button and G, remembered by the browser).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, eventually, importBoard, joinAs, launch, INSPECTOR_OPEN, shot, startServer, stickyPos } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => closeAll({ server }));

const sticky = (id, kind, text, x, y) => ({ id, kind, text, x, y, w: 120, h: 120 });

/** A board wider than the screen: stickies from (-800, -300) to (2600, 1700), two frames. */
const WIDE = {
  name: 'Wide board',
  stickies: [
    sticky('nw', 'actor', 'Customer', -800, -300),
    sticky('c1', 'command', 'Place order', -600, -300),
    sticky('e1', 'domain_event', 'Order placed', 0, 0),
    sticky('e2', 'domain_event', 'Order paid', 900, 400),
    sticky('far', 'domain_event', 'Order delivered', 2480, 1580),
    sticky('sw', 'hotspot', 'Refunds?', -700, 1400),
  ],
  frames: [
    { id: 'f1', name: 'Ordering', x: -840, y: -340, w: 1000, h: 520, rank: 'core' },
    { id: 'f2', name: 'Delivery', x: 2400, y: 1500, w: 300, h: 300 },
  ],
};

/** A page (in its own browser profile, so preferences start fresh) on a new board. */
async function open(board, t) {
  const browser = await launch(INSPECTOR_OPEN);
  t.after(() => browser.close());
  const id = await importBoard(server, board);
  const page = await browser.newPage();
  await joinAs(page, `${server.url}/b/${id}`, 'Nav');
  await page.locator('.sticky').first().waitFor();
  return { page, browser };
}

/** Pan and zoom of the view, read from the pan layer's translation and the world's scale. */
const view = (page) => page.evaluate(() => {
  const t = document.querySelector('.pan-layer').style.transform.match(/translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)/);
  const s = document.querySelector('.world').style.transform.match(/scale\(([-\d.e]+)\)/);
  return { px: +t[1], py: +t[2], z: +s[1] };
});

/** The canvas's box on screen. */
const canvasBox = (page) => page.locator('.canvas').boundingBox();

/** The board point at the centre of the canvas. */
async function centrePoint(page) {
  const c = await canvasBox(page);
  const { px, py, z } = await view(page);
  return [(c.width / 2 - px) / z, (c.height / 2 - py) / z];
}

/** The minimap's mapping (map = board * s + d), its box on screen, and its view rectangle. */
async function minimap(page) {
  const surface = page.locator('.minimap-surface');
  const [s, dx, dy] = (await surface.getAttribute('data-map')).split(' ').map(Number);
  const box = await surface.boundingBox();
  const r = await page.locator('.minimap-view').evaluate((e) => {
    const [, x, y] = e.style.transform.match(/translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)/);
    return [x, y, e.style.width, e.style.height].map(parseFloat);
  });
  return {
    s, dx, dy, box,
    /** Screen point of a board point on the map. */
    at: ([x, y]) => ({ x: box.x + x * s + dx, y: box.y + y * s + dy }),
    /** The view rectangle, in board units: [left, top, width, height]. */
    seen: [(r[0] - dx) / s, (r[1] - dy) / s, r[2] / s, r[3] / s],
  };
}

/** A point of the page where the canvas itself (no sticky, frame or panel) is. */
const emptySpot = (page, left = 300) => page.evaluate((x0) => {
  for (let y = 200; y < 560; y += 37) {
    for (let x = x0; x < 900; x += 41) {
      if (document.elementFromPoint(x, y)?.classList.contains('canvas')) return [x, y];
    }
  }
  throw new Error('no empty canvas');
}, left);

const near = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);

/** Asserts the minimap's rectangle outlines what the canvas shows. */
async function assertRectMatchesView(page) {
  const m = await minimap(page);
  const { px, py, z } = await view(page);
  const c = await canvasBox(page);
  const tol = 1.5 / m.s;
  near(m.seen[0], -px / z, tol, 'rect left');
  near(m.seen[1], -py / z, tol, 'rect top');
  near(m.seen[2], c.width / z, tol, 'rect width');
  near(m.seen[3], c.height / z, tol, 'rect height');
  return m;
}

test('the minimap outlines the view and moves it where you click or drag', async (t) => {
  const { page, browser } = await open(WIDE, t);
  await page.locator('.minimap canvas').waitFor();
  // The board opened fitted; the map outlines exactly what the canvas shows.
  const m0 = await assertRectMatchesView(page);
  await shot(page, 'navigation-01-minimap');

  // Pan by dragging empty canvas: the rectangle follows, by the same board distance.
  const { z } = await view(page);
  const [x0, y0] = await emptySpot(page, 560);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 - 300, y0 - 100, { steps: 6 });
  await page.mouse.up();
  const m1 = await assertRectMatchesView(page);
  near(m1.seen[0] - m0.seen[0], 300 / z, 2 / m1.s, 'rect moved right');
  near(m1.seen[1] - m0.seen[1], 100 / z, 2 / m1.s, 'rect moved down');

  // Click the far sticky on the map: the view centres on it.
  const target = [2480 + 60, 1580 + 60];
  const p = m1.at(target);
  await page.mouse.click(p.x, p.y);
  const tol = 1 / m1.s + 1;
  const [cx, cy] = await centrePoint(page);
  near(cx, target[0], tol, 'centre x after click');
  near(cy, target[1], tol, 'centre y after click');
  const box = await page.locator('.sticky[data-id="far"]').boundingBox();
  const c = await canvasBox(page);
  assert.ok(box.x < c.x + c.width / 2 && box.x + box.width > c.x + c.width / 2, 'the sticky is under the centre');
  await assertRectMatchesView(page);
  await shot(page, 'navigation-02-minimap-click');

  // Drag on the map: the view follows the pointer (the map holds still while dragging).
  const m2 = await minimap(page);
  const from = m2.at([0, 0]);
  const to = m2.at([-600, 1400]);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  const [dx, dy] = await centrePoint(page);
  near(dx, -600, 1 / m2.s + 1, 'centre x while dragging');
  near(dy, 1400, 1 / m2.s + 1, 'centre y while dragging');
  await page.mouse.up();
  await assertRectMatchesView(page);

  // Fold it away: it stays folded after a reload, and the Map button opens it again.
  assert.equal(await page.getAttribute('.map-toggle', 'aria-pressed'), 'true');
  await page.hover('.minimap');
  await page.click('.minimap-toggle');
  await page.locator('.minimap').waitFor({ state: 'detached' });
  await page.reload();
  await page.locator('.sticky').first().waitFor();
  assert.equal(await page.locator('.minimap').count(), 0, 'still folded after reload');
  assert.equal(await page.getAttribute('.map-toggle', 'aria-pressed'), 'false');
  await shot(page, 'navigation-03-minimap-folded');
  await page.click('.map-toggle');
  await page.locator('.minimap canvas').waitFor();
  await assertRectMatchesView(page);
  assert.deepEqual(browser.pageErrors, []);
});

test('zoom to the selection and fit the board, by button and shortcut', async (t) => {
  const { page, browser } = await open(WIDE, t);
  const c = await canvasBox(page);
  const inside = async (id, right = c.x + c.width) => {
    // A sticky far from the view is not drawn at all.
    const sticky = page.locator(`.sticky[data-id="${id}"]`);
    if (await sticky.count() === 0) return false;
    const b = await sticky.boundingBox();
    return b.x >= c.x && b.y >= c.y && b.x + b.width <= right && b.y + b.height <= c.y + c.height;
  };
  const zoom = async () => (await view(page)).z;
  const fitted = await zoom();
  assert.ok(fitted < 0.5, `the wide board opens fitted (${fitted})`);
  assert.equal(await page.locator('.fit-selection').isDisabled(), true, 'nothing to zoom to yet');

  // One sticky, ⇧2: shown at 100 %, beside the side panel (the inspector is open).
  await page.click('.sticky[data-id="e2"] .sticky-kind');
  await page.keyboard.press('Shift+Digit2');
  await eventually(async () => (await zoom()) === 1, 2000, 'zoomed in');
  assert.ok(await inside('e2', c.x + c.width - 344), 'the sticky is in view, left of the panel');
  assert.ok(!(await inside('far')), 'the far sticky is not');

  // Two far-apart stickies, Selection button: both in view, zoomed out to fit them.
  await page.keyboard.press('Escape');
  await page.click('.fit');
  await page.click('.sticky[data-id="far"] .sticky-kind');
  await page.click('.sticky[data-id="nw"] .sticky-kind', { modifiers: ['Shift'] });
  await page.click('.fit-selection');
  const z2 = await zoom();
  assert.ok(z2 < 1, `zoomed out to both (${z2})`);
  assert.ok(await inside('nw') && await inside('far'), 'both in view');
  await shot(page, 'navigation-04-zoom-to-selection');

  // Not while typing: ⇧2 in a sticky types "@" and leaves the view alone.
  await page.click('.sticky[data-id="e2"] .sticky-kind');
  await page.keyboard.press('Shift+Digit2');
  await eventually(async () => (await zoom()) === 1, 2000, 'zoomed in again');
  const before = await view(page);
  await page.click('.sticky[data-id="e2"] .sticky-text');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Digit2');
  await page.keyboard.press('Shift+Digit1');
  await eventually(async () => (await page.inputValue('.sticky[data-id="e2"] textarea')) === 'Order paid@!', 2000, 'typed');
  assert.deepEqual(await view(page), before, 'the view did not move');

  // ⇧1 (outside a field) fits the whole board again.
  await page.mouse.click(c.x + 600, c.y + 700);
  await page.keyboard.press('Shift+Digit1');
  await eventually(async () => (await zoom()) < 0.5, 2000, 'fitted');
  for (const id of ['nw', 'c1', 'e1', 'e2', 'far', 'sw']) assert.ok(await inside(id), `${id} in view`);
  assert.deepEqual(browser.pageErrors, []);
});

test('a two-finger pinch zooms around the fingers and moves no sticky', async (t) => {
  const { page, browser } = await open(WIDE, t);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 })),
  });
  // The first finger lands on the sticky e2, the second on empty canvas.
  const c = await canvasBox(page);
  const e2 = await page.locator('.sticky[data-id="e2"] .sticky-kind').boundingBox();
  const a0 = [e2.x + e2.width / 2, e2.y + e2.height / 2];
  const b0 = [a0[0] - 120, a0[1] - 60];
  assert.equal(await page.evaluate(([x, y]) => document.elementFromPoint(x, y).closest('.sticky')?.dataset.id, a0), 'e2');
  const mid = [(a0[0] + b0[0]) / 2, (a0[1] + b0[1]) / 2];
  const before = await view(page);
  const under = [(mid[0] - c.x - before.px) / before.z, (mid[1] - c.y - before.py) / before.z];
  const [ex, ey] = await stickyPos(page, 'e2');

  await touch('touchStart', [a0]);
  await touch('touchStart', [a0, b0]);
  // Spread the fingers to twice their distance, around the same middle.
  for (let i = 1; i <= 8; i += 1) {
    const f = 1 + i / 8;
    await touch('touchMove', [
      [mid[0] - (mid[0] - a0[0]) * f, mid[1] - (mid[1] - a0[1]) * f],
      [mid[0] + (b0[0] - mid[0]) * f, mid[1] + (b0[1] - mid[1]) * f],
    ]);
  }
  await touch('touchEnd', []);
  const after = await view(page);
  near(after.z, 2 * before.z, 0.02, 'zoom doubled');
  // Within a pixel: pointer positions arrive in whole pixels.
  near((mid[0] - c.x - after.px) / after.z, under[0], 1.5 / after.z, 'same board point under the fingers (x)');
  near((mid[1] - c.y - after.py) / after.z, under[1], 1.5 / after.z, 'same board point under the fingers (y)');
  assert.deepEqual(await stickyPos(page, 'e2'), [ex, ey], 'the sticky under a finger stayed');
  assert.equal(await page.textContent('.zoom-level'), `${Math.round(after.z * 100)}%`);
  await shot(page, 'navigation-05-pinched');

  // One finger alone (on empty canvas) still pans.
  const empty = await emptySpot(page);
  await touch('touchStart', [empty]);
  await touch('touchMove', [[empty[0] + 40, empty[1] + 30]]);
  await touch('touchEnd', []);
  const panned = await view(page);
  near(panned.px - after.px, 40, 1, 'one finger pans x');
  near(panned.py - after.py, 30, 1, 'one finger pans y');
  assert.equal(panned.z, after.z);
  assert.deepEqual(browser.pageErrors, []);
});

test('snap to grid: moves and new stickies land on the grid only while it is on', async (t) => {
  const { page, browser } = await open({
    name: 'Snap',
    stickies: [sticky('s1', 'domain_event', 'Order placed', 301, 203)],
  }, t);
  const toggle = page.locator('.snap-toggle');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'off by default');
  const drag = async (id, dx, dy) => {
    const k = await page.locator(`.sticky[data-id="${id}"] .sticky-kind`).boundingBox();
    await page.mouse.move(k.x + 10, k.y + 5);
    await page.mouse.down();
    await page.mouse.move(k.x + 10 + dx, k.y + 5 + dy, { steps: 5 });
    await page.mouse.up();
  };
  // Off: the sticky moves by exactly the pointer's offset.
  await drag('s1', 37, 53);
  assert.deepEqual(await stickyPos(page, 's1'), [338, 256]);

  // On (button): it lands on the grid nearest the pointer's offset.
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await drag('s1', 37, 53);
  assert.deepEqual(await stickyPos(page, 's1'), [384, 312]);
  await drag('s1', 5, -7);
  assert.deepEqual(await stickyPos(page, 's1'), [384, 312], 'small moves stay on the same grid point');
  // A new sticky (double-click) lands on the grid too.
  await page.mouse.dblclick(733, 517);
  const added = page.locator('.sticky:not([data-id="s1"])');
  await added.waitFor();
  const [x, y] = await stickyPos(page, await added.getAttribute('data-id'));
  assert.ok(x % 24 === 0 && y % 24 === 0, `new sticky on the grid (${x}, ${y})`);
  await shot(page, 'navigation-06-snap-on');

  // G toggles, but not while typing (the new sticky's text has the focus).
  await page.keyboard.type('g');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true', 'typing g did not toggle');
  await page.mouse.click(700, 150);
  await page.keyboard.press('g');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false', 'G turned it off');
  await drag('s1', 37, 53);
  assert.deepEqual(await stickyPos(page, 's1'), [421, 365], 'exact again');
  await page.keyboard.press('g');
  // The browser remembers.
  await page.reload();
  await page.locator('.sticky').first().waitFor();
  assert.equal(await page.locator('.snap-toggle').getAttribute('aria-pressed'), 'true', 'remembered');
  assert.deepEqual(browser.pageErrors, []);
});
