// The canvas's rules as assertions on any board page, shared by canvas-ux.test.mjs (fresh
// boards) and the workshop session (workshop.test.mjs, through canvas-must-hold.mjs): text that
// fits, links from border to border round the stickies in their way, labels and relation pills
// that cover no sticky, arrowheads legible from afar, pictures that keep links, labels and
// relations, and align / distribute with one undo step each, live on the other page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SHOTS, eventually, stickyPos } from '../harness.mjs';

/** The gap between a sticky's border and the end of a link, in board units. */
export const LINK_GAP = 4;

/** A sticky's fit as a page draws it: font size, height, own height grown, text overflowing. */
export function fitOf(page, id) {
  return page.locator(`.sticky[data-id="${id}"]`).evaluate((e) => {
    const t = e.querySelector('.sticky-text');
    return {
      size: parseFloat(getComputedStyle(t).fontSize),
      height: parseFloat(e.style.height),
      grown: e.dataset.grown === 'true',
      clipped: t.scrollHeight > t.clientHeight + 1 || t.scrollWidth > t.clientWidth + 1,
    };
  });
}

/** The usual font size of a sticky's text and the smallest it shrinks to before growing. */
export const FONT = { usual: 15, least: 11 };

/**
 * Asserts how sticky `id` holds its text on `page`: `'usual'` (usual size, usual height),
 * `'shrunk'` (smaller font, not below the least, usual height) or `'grown'` (least font, a
 * taller sticky); in every case nothing is cut.
 */
export async function assertFit(page, id, how) {
  const f = await fitOf(page, id);
  const says = `${id} (${how}): ${JSON.stringify(f)}`;
  if (how === 'usual') assert.ok(f.size === FONT.usual && !f.grown && f.height === 120, says);
  if (how === 'shrunk') assert.ok(f.size < FONT.usual && f.size >= FONT.least && !f.grown, says);
  if (how === 'grown') assert.ok(f.size === FONT.least && f.grown && f.height > 120, says);
  assert.ok(!f.clipped, `nothing cut: ${says}`);
  return f;
}

/**
 * Alice (`a`) types `text` into sticky `id` (at the end of what she is typing there, if she
 * is); Bob (`b`) sees the sticky grow as it arrives, both pages agree on its height and
 * nothing is cut while typing or after.
 */
export async function typeUntilGrown({ a, b }, id, text) {
  const area = a.locator(`.sticky[data-id="${id}"] textarea`);
  if (await area.count()) await a.keyboard.press('Control+End');
  else await a.click(`.sticky[data-id="${id}"] .sticky-text`);
  await area.waitFor();
  await a.keyboard.insertText(text);
  await eventually(async () => (await fitOf(b, id)).grown, 5000, 'the other page sees the typed sticky grow');
  const typed = await fitOf(a, id);
  assert.ok(typed.grown && !typed.clipped, `the text area grows while typing: ${JSON.stringify(typed)}`);
  await eventually(async () => (await fitOf(b, id)).height === typed.height, 3000, 'both pages agree on the height');
  return typed;
}

/** The corner points of a link as drawn, in board units. */
export function pointsOf(page, id) {
  return page.locator(`.link[data-id="${id}"]`).evaluate((g) => g.dataset.points.split(' ').map((p) => p.split(',').map(Number)));
}

/** Every sticky's box on the board (board units): `{ id: [left, top, right, bottom] }`. */
export function boardBoxes(page) {
  return page.$$eval('.sticky', (els) => Object.fromEntries(els.map((e) => {
    const [l, t, w, h] = ['left', 'top', 'width', 'height'].map((k) => parseFloat(e.style[k]));
    return [e.dataset.id, [l, t, l + w, t + h]];
  })));
}

/** Whether point `[x, y]` lies on the border of `box` pushed out by `gap`. */
const onBorder = ([x, y], [l, t, r, b], gap) => {
  const near = (u, v) => Math.abs(u - v) < 0.51;
  const [L, T, R, B] = [l - gap, t - gap, r + gap, b + gap];
  return ((near(x, L) || near(x, R)) && y >= T && y <= B) || ((near(y, T) || near(y, B)) && x >= L && x <= R);
};

/**
 * Asserts link `id` as `page` draws it: it starts on `from`'s border and ends on `to`'s (a
 * small gap off each), runs in horizontal and vertical legs only, and no leg crosses any other
 * sticky. Returns its points.
 */
export async function assertRouted(page, id, from, to) {
  const pts = await pointsOf(page, id);
  const boxes = await boardBoxes(page);
  assert.ok(onBorder(pts[0], boxes[from], LINK_GAP), `${id} starts at ${from}'s border: ${pts[0]} vs ${boxes[from]}`);
  assert.ok(onBorder(pts.at(-1), boxes[to], LINK_GAP), `${id} ends at ${to}'s border: ${pts.at(-1)} vs ${boxes[to]}`);
  const inside = ([x, y], [l, t, r, b]) => x > l && x < r && y > t && y < b;
  for (let i = 1; i < pts.length; i++) {
    const [p, q] = [pts[i - 1], pts[i]];
    assert.ok(p[0] === q[0] || p[1] === q[1], `${id}: legs are horizontal or vertical (${p}→${q})`);
    for (const [other, box] of Object.entries(boxes)) {
      if (other === from || other === to) continue;
      for (let t = 0; t <= 1; t += 0.05) {
        assert.ok(!inside([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t], box), `${id}: leg ${p}→${q} runs through ${other}`);
      }
    }
  }
  return pts;
}

/** Whether two screen boxes overlap. */
export const overlap = (p, q) => p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;

/**
 * Asserts that no element matching `selector` on `page` lies over any sticky (where one
 * overlaps a sticky, the sticky must be the one on top); returns how many there are.
 */
export async function assertCoverNoSticky(page, selector) {
  const covers = await page.evaluate((sel) => {
    const stickies = [...document.querySelectorAll('.sticky')].map((s) => [s, s.getBoundingClientRect()]);
    const found = [...document.querySelectorAll(sel)];
    const hits = found.flatMap((e) => {
      const p = e.getBoundingClientRect();
      return stickies.filter(([s, q]) => {
        const [l, r, t, b] = [Math.max(p.left, q.left), Math.min(p.right, q.right), Math.max(p.top, q.top), Math.min(p.bottom, q.bottom)];
        if (l >= r || t >= b) return false;
        // Overlapping: fine only when the sticky is drawn over it there.
        const top = document.elementFromPoint((l + r) / 2, (t + b) / 2);
        return !(top && s.contains(top));
      }).map(([s]) => `${e.getAttribute('class')} "${e.textContent}" over ${s.dataset.id}`);
    });
    return { n: found.length, hits };
  }, selector);
  assert.deepEqual(covers.hits, [], `${selector} covers no sticky`);
  return covers.n;
}

/**
 * Zooms `page` out with its zoom button until the zoom is below `far` (or as far as it goes)
 * and asserts the arrowheads stay at least 12 px on screen. Returns the zoom reached.
 */
export async function assertArrowheadsFromAfar(page, far = 0.25) {
  const look = () => page.evaluate(() => ({
    head: parseFloat(document.querySelector('#arrow').getAttribute('markerWidth')),
    zoom: parseFloat(document.querySelector('.world').style.getPropertyValue('--zoom')),
  }));
  const out = page.locator('.zoom-controls button[title="Zoom out"]');
  while ((await look()).zoom >= far && await out.isEnabled()) await out.click();
  const { head, zoom } = await look();
  assert.ok(zoom < 0.5 && head * zoom >= 11.9, `arrowhead ${head} × zoom ${zoom}`);
  return zoom;
}

/**
 * Exports the whole board as SVG from `page`'s board menu, keeps the file as `{name}.svg` by the
 * screenshots and a picture of it as `{name}.png` (drawn in `browser`); returns the SVG text.
 */
export async function exportSvg(page, browser, name) {
  // With nothing selected the picture is of the whole board.
  await page.keyboard.press('Escape');
  await eventually(async () => !(await page.locator('.sticky.selected').count()), 2000, 'nothing selected');
  await page.click('.menu-toggle');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  const svg = fs.readFileSync(await dl.path(), 'utf8');
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, `${name}.svg`), svg);
  const view = await browser.newPage();
  await view.setContent(`<body style="margin:0;background:#e9ecef">${svg}</body>`);
  await view.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await view.close();
  return svg;
}

/** Asserts the exported picture draws `links` (ids), their `labels` and `relations` (ids) with their pills' `pills` texts. */
export function assertPictureHas(svg, { links = [], labels = [], relations = [], pills = [] }) {
  for (const id of links) assert.match(svg, new RegExp(`<g class="link" data-id="${id}"`), `the link ${id}`);
  for (const l of labels) assert.ok(svg.includes(`>${l}</text>`), `the label ${l}`);
  for (const id of relations) assert.match(svg, new RegExp(`<g class="context-relation" data-id="${id}"`), `the relation ${id}`);
  for (const p of pills) assert.ok(svg.includes(`>${p}</text>`), `the pill ${p}`);
}

/** Selects stickies `ids` on `page` (click, then shift-clicks) and waits for the group box. */
export async function selectGroup(page, ids) {
  await page.click(`.sticky[data-id="${ids[0]}"] .sticky-kind`);
  for (const id of ids.slice(1)) await page.click(`.sticky[data-id="${id}"] .sticky-kind`, { modifiers: ['Shift'] });
  await page.locator('.group-box').waitFor();
}

/**
 * With stickies `ids` (three, left to right, of one width) selected on Alice's page `a`:
 * aligning their tops (the button) puts all on the topmost, spreading them (Alt+Shift+H) makes
 * equal gaps with the ends kept; Bob's page `b` sees each; Ctrl+Z undoes one step at a time.
 * `spread()` runs while they are spread (to take a picture); returns where they were then.
 */
export async function assertAlignSpreadUndo({ a, b }, ids, spread = async () => {}) {
  const start = await Promise.all(ids.map((id) => stickyPos(a, id)));
  const top = Math.min(...start.map(([, y]) => y));
  await a.click('.arrange-bar button[data-op="top"]');
  for (const p of [a, b]) {
    await eventually(async () => (await Promise.all(ids.map((id) => stickyPos(p, id)))).every(([, y]) => y === top), 3000, 'aligned top');
  }
  const [first, mid, last] = ids;
  const middle = (start[0][0] + start[2][0]) / 2;
  await a.keyboard.press('Alt+Shift+KeyH');
  await eventually(async () => (await stickyPos(b, mid))[0] === middle, 3000, 'the other page sees the middle one spread to equal gaps');
  assert.deepEqual(await stickyPos(a, first), [start[0][0], top], 'the first end stays');
  assert.deepEqual(await stickyPos(a, last), [start[2][0], top], 'the last end stays');
  const spreadAt = await Promise.all(ids.map((id) => stickyPos(b, id)));
  await spread();
  await a.keyboard.press('Control+z');
  await eventually(async () => (await stickyPos(b, mid))[0] === start[1][0], 3000, 'spread undone');
  assert.equal((await stickyPos(a, mid))[1], top, 'still aligned');
  await a.keyboard.press('Control+z');
  await eventually(async () => (await stickyPos(b, mid))[1] === start[1][1], 3000, 'alignment undone');
  return spreadAt;
}
