// Layout of the board's chrome on the food-delivery example at 1280×800 and 1920×1080: in each
// state (plain, a sticky selected, two panels at once, analysis, legend editor, a link selected,
// a context relation selected, the minimap hidden, every kind in the legend, a crowded top bar) the top bar, palette,
// legend card, side panels and view dock stay inside the window and never overlap; a panel taller
// than its room scrolls instead of being cut off. At every zoom level the zoom buttons reach,
// sticky text stays readable on screen and at least one line of it shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, joinAs, launch, INSPECTOR_OPEN, linkOf, shot, startServer } from './harness.mjs';

/** The fixed chrome of the board page, by name. */
const CHROME = {
  topbar: '.topbar',
  palette: '.palette',
  legend: '.legend-card',
  panel: '.side > .panel',
  minimap: '.view-dock > .minimap',
  zoom: '.view-dock > .zoom-controls',
};

/**
 * Checks the page's chrome: every visible piece inside the viewport, no two overlapping, each
 * top-bar item inside the bar and clear of its neighbours, side panels scrolling (not cut off
 * or scrolling sideways) when their content is taller than their room. Returns what it measured.
 */
async function checkChrome(page, where) {
  const m = await page.evaluate((chrome) => {
    const visible = (e) => {
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const box = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
    const pieces = [];
    for (const [name, sel] of Object.entries(chrome)) {
      document.querySelectorAll(sel).forEach((e, i) => {
        if (visible(e)) pieces.push({ name: `${name}${sel.includes('panel') ? `(${e.className})` : ''}#${i}`, ...box(e) });
      });
    }
    const bar = document.querySelector('.topbar');
    const barItems = [...bar.children].filter(visible).map((e) => ({ name: e.className || e.tagName, ...box(e) }));
    const panels = [...document.querySelectorAll('.side > .panel')].filter(visible).map((p) => ({
      name: p.className,
      scrollHeight: p.scrollHeight,
      clientHeight: p.clientHeight,
      scrollWidth: p.scrollWidth,
      clientWidth: p.clientWidth,
      overflowY: getComputedStyle(p).overflowY,
      // Content poking out past the panel's right padding (sideways clipping or crowding).
      sticksOut: (() => {
        const right = p.getBoundingClientRect().right - parseFloat(getComputedStyle(p).paddingRight) - p.offsetWidth + p.clientWidth + 1;
        return [...p.querySelectorAll('*')].filter(visible).filter((e) => e.getBoundingClientRect().right > right)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${(e.getBoundingClientRect().right - right + 1).toFixed(1)}px)`);
      })(),
    }));
    return { vw: innerWidth, vh: innerHeight, pieces, barItems, bar: box(bar), panels };
  }, CHROME);
  const E = 0.01; // sub-pixel rounding only
  const overlap = (a, b) => Math.min(a.r, b.r) - Math.max(a.l, b.l) > E && Math.min(a.b, b.b) - Math.max(a.t, b.t) > E;
  const fmt = (p) => `${p.name} [${p.l.toFixed(1)},${p.t.toFixed(1)} → ${p.r.toFixed(1)},${p.b.toFixed(1)}]`;
  for (const p of m.pieces) {
    assert.ok(p.l >= -E && p.t >= -E && p.r <= m.vw + E && p.b <= m.vh + E, `${where}: ${fmt(p)} leaves the ${m.vw}×${m.vh} window`);
  }
  for (let i = 0; i < m.pieces.length; i++) {
    for (let j = i + 1; j < m.pieces.length; j++) {
      assert.ok(!overlap(m.pieces[i], m.pieces[j]), `${where}: ${fmt(m.pieces[i])} overlaps ${fmt(m.pieces[j])}`);
    }
  }
  for (const [i, it] of m.barItems.entries()) {
    assert.ok(it.l >= m.bar.l - E && it.r <= m.bar.r + E && it.t >= m.bar.t - E && it.b <= m.bar.b + E, `${where}: top bar item ${fmt(it)} sticks out of the bar`);
    for (const other of m.barItems.slice(i + 1)) assert.ok(!overlap(it, other), `${where}: top bar ${fmt(it)} overlaps ${fmt(other)}`);
  }
  for (const p of m.panels) {
    if (p.scrollHeight > p.clientHeight + 1) {
      assert.match(p.overflowY, /auto|scroll/, `${where}: ${p.name} is taller than its room but does not scroll`);
    }
    assert.ok(p.scrollWidth <= p.clientWidth + 1, `${where}: ${p.name} is wider than itself (${p.scrollWidth} > ${p.clientWidth})`);
    assert.deepEqual(p.sticksOut, [], `${where}: ${p.name} has content past its right padding`);
    assert.ok(p.clientHeight >= Math.min(p.scrollHeight, 160), `${where}: ${p.name} squeezed to ${p.clientHeight}px`);
  }
  return m;
}

/** Screenshot and layout check of one state. */
async function state(page, size, name) {
  await page.waitForTimeout(150); // let transitions and the minimap settle
  await shot(page, `layout-${size}-${name}`);
  return checkChrome(page, `${size} ${name}`);
}

/** Clicks the centre of the first element among `selector` that the pointer would hit there. */
async function clickFirstHittable(page, selector) {
  const at = await page.evaluate((sel) => {
    for (const e of document.querySelectorAll(sel)) {
      let x; let y;
      if (e instanceof SVGGeometryElement) {
        const p = e.getPointAtLength(e.getTotalLength() / 2);
        const c = e.getScreenCTM();
        x = c.a * p.x + c.c * p.y + c.e; y = c.b * p.x + c.d * p.y + c.f;
      } else {
        const r = e.getBoundingClientRect();
        x = r.left + r.width / 2; y = r.top + r.height / 2;
      }
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === e || e.contains(hit))) return { x, y };
    }
    return null;
  }, selector);
  assert.ok(at, `something of ${selector} to click`);
  await page.mouse.click(at.x, at.y);
}

/** Clicks an empty spot of the canvas. */
async function clickEmptyCanvas(page) {
  const at = await page.evaluate(() => {
    const c = document.querySelector('.canvas').getBoundingClientRect();
    for (let y = c.bottom - 40; y > c.top; y -= 20) {
      for (let x = c.left + 260; x < c.right - 360; x += 20) {
        const hit = document.elementFromPoint(x, y);
        if (hit && (hit.matches('.canvas, .dots, .pan-layer, .world'))) return { x, y };
      }
    }
    return null;
  });
  assert.ok(at, 'an empty spot on the canvas');
  await page.mouse.click(at.x, at.y);
}

/** Empties the selection and closes the panels a button opens (again while one is left: on a
 * busy machine a panel can still be on its way when the first Escape is pressed). */
async function reset(page) {
  await eventually(async () => {
    await page.keyboard.press('Escape');
    if (await page.locator('.side > .relation-panel, .side > .inspector').count()) await clickEmptyCanvas(page);
    if (await page.locator('.analysis-toggle.on').count()) await page.click('.analysis-toggle');
    if (await page.locator('.legend-edit.on').count()) await page.click('.legend-edit');
    await page.waitForTimeout(100);
    return (await page.locator('.side > .panel').count()) === 0;
  }, 5000, 'no side panel');
}

/** Turns the minimap on or off. */
async function setMinimap(page, on) {
  if ((await page.locator('.view-dock > .minimap').count() > 0) !== on) await page.click('.map-toggle');
  await eventually(async () => (await page.locator('.view-dock > .minimap').count() > 0) === on, 3000, 'minimap toggled');
}

/** Opens a fresh food-delivery example board; returns its URL. */
async function openExample(server, page) {
  await page.goto(`${server.url}/`);
  await page.click('#example-food-delivery');
  await page.waitForURL(/\/b\/[0-9a-f]{32}$/);
  await joinAs(page, page.url(), 'Alice');
  await eventually(async () => (await page.locator('.sticky').count()) > 20, 5000, 'the example\'s stickies');
  await page.click('.zoom-controls .fit');
  return page.url();
}

/** The view's zoom, read from the world's transform. */
const worldZoom = (page) => page.$eval('.world', (w) => new DOMMatrix(getComputedStyle(w).transform).a);

/** Sticky text on screen: the smallest rendered font size and the stickies showing no line. */
const stickyTextOnScreen = (page) => page.$$eval('.sticky', (els) => {
  let smallest = Infinity;
  const hidden = [];
  for (const s of els) {
    const t = s.querySelector('.sticky-text');
    if (!t || !t.textContent.trim()) continue;
    const scale = s.getBoundingClientRect().width / s.offsetWidth;
    const cs = getComputedStyle(t);
    smallest = Math.min(smallest, parseFloat(cs.fontSize) * scale);
    const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
    // The text box must have room for one line, and that line must lie inside the sticky.
    const tb = t.getBoundingClientRect(); const sb = s.getBoundingClientRect();
    if (t.clientHeight + 0.5 < line || tb.top + line * scale > sb.bottom + 0.5) hidden.push(s.dataset.id);
  }
  return { smallest, hidden };
});

for (const [width, height] of [[1280, 800], [1920, 1080]]) {
  const size = `${width}x${height}`;
  test(`board chrome does not overlap at ${size}, in every state`, async () => {
    const server = await startServer();
    const browser = await launch({ width, height, ...INSPECTOR_OPEN });
    const crowd = await launch({ width, height });
    try {
      const page = await browser.newPage();
      const url = await openExample(server, page);
      const participants = await linkOf(page, 'participant');
      await setMinimap(page, true);

      await state(page, size, 'plain');

      await clickFirstHittable(page, '.sticky[data-kind="domain_event"]');
      await page.locator('.side > .panel.inspector').waitFor();
      await state(page, size, 'sticky');

      await page.click('.analysis-toggle');
      await page.locator('.side > .panel.analysis').waitFor();
      await state(page, size, 'sticky-analysis');

      await reset(page);
      await page.click('.analysis-toggle');
      await page.locator('.side > .panel.analysis .coverage .req').first().waitFor();
      await state(page, size, 'analysis');

      await reset(page);
      await page.click('.legend-edit');
      await page.locator('.side > .panel.legend-editor').waitFor();
      await state(page, size, 'legend-editor');

      await reset(page);
      await clickFirstHittable(page, '.link .link-hit');
      await page.locator('.link-toolbar').waitFor();
      const tb = await page.locator('.link-toolbar').boundingBox();
      assert.ok(tb.x >= 0 && tb.y >= 0 && tb.x + tb.width <= width && tb.y + tb.height <= height, `${size}: link toolbar inside the window`);
      await state(page, size, 'link');

      await reset(page);
      await clickFirstHittable(page, '.relation-labels:not(.derived) .relation-end');
      await page.locator('.side > .panel.relation-panel').waitFor();
      await state(page, size, 'relation');

      // Without the minimap the side panel reaches further down, still clear of the zoom controls.
      await reset(page);
      await setMinimap(page, false);
      await page.click('.analysis-toggle');
      await page.locator('.side > .panel.analysis').waitFor();
      await state(page, size, 'analysis-no-minimap');
      await reset(page);
      await clickFirstHittable(page, '.sticky[data-kind="command"]');
      await page.locator('.side > .panel.inspector').waitFor();
      await state(page, size, 'sticky-no-minimap');
      await reset(page);
      await setMinimap(page, true);

      // Every kind on the board: the legend card lists all ten, still clear of the palette.
      for (const kind of ['hotspot', 'ui', 'definition']) {
        await page.click(`.palette-item[data-kind="${kind}"]`);
        await page.keyboard.press('Escape');
      }
      await reset(page);
      await eventually(async () => (await page.locator('.legend-row').count()) === 10, 3000, 'ten legend rows');
      await state(page, size, 'legend-full');

      // A crowded top bar: eight more people on the board.
      for (let i = 0; i < 8; i++) {
        const p = await crowd.newPage();
        await joinAs(p, participants, `참가자 ${i + 1} Guest`);
      }
      await eventually(async () => (await page.locator('.presence .avatar').count()) >= 9, 10000, 'nine avatars');
      await state(page, size, 'crowded');
      assert.ok(await page.locator('.here-count').isVisible(), 'the head count stays visible');
      const name = await page.locator('.board-name').boundingBox();
      assert.ok(name.width >= 120, `${size}: board name keeps room (${name.width}px)`);
      assert.equal(browser.pageErrors.length, 0, browser.pageErrors.join('\n'));
    } finally {
      await crowd.close();
      await browser.close();
      await server.stop();
    }
  });
}

test('sticky text stays readable at every zoom level the zoom buttons reach', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await openExample(server, page);
    const check = async (what) => {
      const z = await worldZoom(page);
      const { smallest, hidden } = await stickyTextOnScreen(page);
      assert.ok(smallest >= 7, `${what} (zoom ${z.toFixed(3)}): text ${smallest.toFixed(2)}px on screen`);
      assert.deepEqual(hidden, [], `${what} (zoom ${z.toFixed(3)}): stickies showing no line of text`);
      assert.equal(await page.locator('.world.far').count() > 0, z < 0.5, `far view below 50% only (zoom ${z})`);
      return z;
    };
    // One press of a zoom button; false once the button is off at its limit.
    const step = async (button) => {
      const b = page.locator(`.zoom-controls button[title="${button}"]`);
      if (await b.isDisabled()) return false;
      const before = await worldZoom(page);
      await b.click();
      await eventually(async () => (await worldZoom(page)) !== before, 2000, `${button} zooms`);
      return true;
    };
    await page.click('.zoom-controls button[title="Reset view"]');
    assert.equal(await check('1:1'), 1);
    await shot(page, 'layout-zoom-100');
    const seen = [1];
    while (await step('Zoom out')) seen.push(await check('zooming out'));
    assert.ok(Math.abs(seen.at(-1) - 0.2) < 1e-6, `zooming out stops at the least zoom (${seen.at(-1)})`);
    assert.ok(seen.some((z) => z < 0.5 && z > 0.2) && seen.some((z) => z >= 0.5 && z < 1), 'levels on both sides of 50%');
    await page.click('.zoom-controls .fit');
    await page.waitForTimeout(50);
    await check('fit');
    // The least zoom, shown over the board: every sticky still says something.
    for (let i = 0; i < 12; i++) await step('Zoom out');
    await shot(page, 'layout-zoom-min');
    await page.click('.zoom-controls button[title="Reset view"]');
    for (let i = 0; i < 4; i++) await step('Zoom out');
    await check('below 50%');
    await shot(page, 'layout-zoom-48');
    await page.click('.zoom-controls button[title="Reset view"]');
    while (await step('Zoom in')) seen.push(await check('zooming in'));
    assert.ok(Math.abs(seen.at(-1) - 3) < 1e-6, `zooming in stops at the most zoom (${seen.at(-1)})`);
    await shot(page, 'layout-zoom-max');
    assert.equal(browser.pageErrors.length, 0, browser.pageErrors.join('\n'));
  } finally {
    await browser.close();
    await server.stop();
  }
});
