// The canvas in the first minutes of a workshop, on two pages (Alice at 1280×800, Bob at
// 1440×900): long text shrinks, then its sticky grows, never cut — typed locally or arriving
// from the other page, English and Korean; links run from border to border with elbows round
// the stickies in their way, carry a label both pages see, keep legible arrowheads when zoomed
// out, and relation pills stay off sticky text; the picture export has links, labels and
// relations; a multi-selection gets a group box that aligns, distributes (buttons and
// Alt+Shift keys, one undo step each, live on the other page) and drags the group.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  SHOTS, aliceAndBobOn, centreOf, eventually, importBoard, launch, openForAliceAndBob, shot, startServer, stickyPos,
} from './harness.mjs';

let server; let alice; let bob;
before(async () => {
  server = await startServer();
  alice = await launch({ width: 1280, height: 800 });
  bob = await launch({ width: 1440, height: 900 });
});
after(async () => { await alice?.close(); await bob?.close(); await server?.stop(); });

/** A sticky's fit as a page draws it: font size, height, own height grown, text overflowing. */
const fitOf = (page, id) => page.locator(`.sticky[data-id="${id}"]`).evaluate((e) => {
  const t = e.querySelector('.sticky-text');
  return {
    size: parseFloat(getComputedStyle(t).fontSize),
    height: parseFloat(e.style.height),
    grown: e.dataset.grown === 'true',
    clipped: t.scrollHeight > t.clientHeight + 1 || t.scrollWidth > t.clientWidth + 1,
  };
});

const LONG_KO = '고객이 주문을 확정하면 가게가 주문을 접수하고 음식을 준비한 뒤 배달원에게 전달하며 배달원은 고객에게 음식을 배달한다';
const LONG_EN = 'The restaurant accepts the order, prepares the food and hands it to the courier who delivers it to the customer';

test('long text shrinks, then the sticky grows — never cut, on both pages', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Fit 맞춤', [
    { id: 'short', kind: 'domain_event', text: 'Order placed', x: 200, y: 120 },
    { id: 'mid', kind: 'domain_event', text: 'Customer confirms the order and the restaurant accepts it', x: 360, y: 120 },
    { id: 'ko', kind: 'policy', text: LONG_KO, x: 520, y: 120 },
    { id: 'typed', kind: 'command', text: '', x: 680, y: 120 },
  ]);
  await b.locator('.sticky[data-id="typed"]').waitFor();
  const short = await fitOf(b, 'short');
  assert.equal(short.size, 15, 'short text keeps the usual size');
  assert.ok(!short.grown && short.height === 120);
  const mid = await fitOf(b, 'mid');
  assert.ok(mid.size < 15 && mid.size >= 11 && !mid.grown, `medium text shrinks first: ${JSON.stringify(mid)}`);
  const ko = await fitOf(b, 'ko');
  assert.ok(ko.size === 11 && ko.grown && ko.height > 120, `long Korean text grows its sticky: ${JSON.stringify(ko)}`);
  for (const id of ['short', 'mid', 'ko']) assert.ok(!(await fitOf(b, id)).clipped, `${id}: nothing cut`);

  // Alice types a long text; Bob sees the sticky grow as it arrives.
  await a.click('.sticky[data-id="typed"] .sticky-text');
  await a.locator('.sticky[data-id="typed"] textarea').waitFor();
  await a.keyboard.insertText(LONG_EN);
  await eventually(async () => (await fitOf(b, 'typed')).grown, 5000, 'B sees the typed sticky grow');
  const typedA = await fitOf(a, 'typed');
  assert.ok(typedA.grown && !typedA.clipped, `the text area grows while typing: ${JSON.stringify(typedA)}`);
  assert.equal((await fitOf(b, 'typed')).height, typedA.height, 'both pages agree');
  await shot(a, 'canvas-ux-01-fit-alice-1280');
  await a.keyboard.press('Escape');
  assert.ok(!(await fitOf(a, 'typed')).clipped, 'nothing cut after editing');
  await shot(b, 'canvas-ux-02-fit-bob-1440');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

/** A board with a row of stickies (a link from the first to the third must go round the
 * second), two frames side by side with stickies along the gap and a relation between them. */
const BOARD = {
  name: 'Links 연결',
  stickies: [
    { id: 'a', kind: 'command', text: 'Place order', x: 320, y: 80 },
    { id: 'b', kind: 'aggregate', text: 'Cart', x: 500, y: 80 },
    { id: 'c', kind: 'domain_event', text: '주문됨', x: 680, y: 80 },
    { id: 'd', kind: 'policy', text: 'Notify restaurant', x: 860, y: 260 },
    { id: 'p1', kind: 'domain_event', text: 'Payment requested 결제 요청됨', x: 440, y: 420 },
    { id: 'p2', kind: 'command', text: 'Charge card 카드 결제', x: 620, y: 420 },
  ],
  links: [
    { id: 'ac', from: 'a', to: 'c', label: '주문 시 on order' },
    { id: 'cd', from: 'c', to: 'd' },
  ],
  frames: [
    { id: 'f1', name: '주문 Ordering', x: 260, y: 380, w: 300, h: 200 },
    { id: 'f2', name: '결제 Payment', x: 600, y: 380, w: 300, h: 200 },
  ],
  relations: [{ id: 'r', upstream: 'f1', downstream: 'f2', patterns: ['customer_supplier', 'anticorruption_layer'] }],
};

/** The corner points of a link as drawn, in board units. */
const pointsOf = (page, id) => page.locator(`.link[data-id="${id}"]`).evaluate((g) => g.dataset.points.split(' ').map((p) => p.split(',').map(Number)));

/** Whether two screen boxes overlap. */
const overlap = (p, q) => p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;

test('links go border to border round stickies, with labels; pills keep off text; exports have them', async () => {
  const board = await importBoard(server, BOARD);
  const { a, b } = await openForAliceAndBob(server, { alice, bob }, board);
  await b.locator('.link[data-id="ac"]').waitFor();

  // a → c starts at a's right border and ends at c's left border, and never crosses b.
  const pts = await pointsOf(b, 'ac');
  assert.deepEqual(pts[0], [444, pts[0][1]], 'starts just right of a (320 + 120 + 4)');
  assert.deepEqual(pts.at(-1), [676, pts.at(-1)[1]], 'ends just left of c (680 - 4)');
  const inB = ([x, y]) => x > 500 && x < 620 && y > 80 && y < 200;
  for (let i = 1; i < pts.length; i++) {
    const [p, q] = [pts[i - 1], pts[i]];
    assert.ok(p[0] === q[0] || p[1] === q[1], 'legs are horizontal or vertical');
    for (let t = 0; t <= 1; t += 0.05) assert.ok(!inB([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]), `leg ${p}→${q} runs through b`);
  }
  // c → d: an elbow from c's right side into d's left side.
  const cd = await pointsOf(b, 'cd');
  assert.equal(cd.length, 4);
  assert.deepEqual([cd[0][0], cd[3][0]], [804, 856]);

  // The imported label is drawn, off every sticky; Alice relabels it and Bob sees it.
  const label = b.locator('.link-label[data-link="ac"]');
  assert.equal(await label.textContent(), '주문 시 on order');
  for (const id of ['a', 'b', 'c']) assert.ok(!overlap(await label.boundingBox(), await b.locator(`.sticky[data-id="${id}"]`).boundingBox()), `label off ${id}`);
  await a.locator('.link-label[data-link="ac"]').click();
  await a.locator('.link-toolbar .link-label-input').fill('결제 후 after payment');
  await a.keyboard.press('Enter');
  await eventually(async () => (await label.textContent()) === '결제 후 after payment', 3000, 'B sees the new label');
  await a.keyboard.press('Escape');

  // The relation pill between the frames covers no sticky.
  const pill = b.locator('.relation-labels[data-id="r"] .relation-label');
  assert.equal(await pill.textContent(), 'Customer/Supplier');
  for (const s of BOARD.stickies) assert.ok(!overlap(await pill.boundingBox(), await b.locator(`.sticky[data-id="${s.id}"]`).boundingBox()), `pill off ${s.id}`);
  await shot(b, 'canvas-ux-03-links-bob-1440');
  await shot(a, 'canvas-ux-04-links-alice-1280');

  // Zoomed far out, arrowheads stay at least 12 px on screen.
  for (let i = 0; i < 8; i++) await a.click('.zoom-controls button[title="Zoom out"]');
  const { head, zoom } = await a.evaluate(() => ({
    head: parseFloat(document.querySelector('#arrow').getAttribute('markerWidth')),
    zoom: parseFloat(document.querySelector('.world').style.getPropertyValue('--zoom')),
  }));
  assert.ok(zoom < 0.5 && head * zoom >= 11.9, `arrowhead ${head} × zoom ${zoom}`);
  await shot(a, 'canvas-ux-05-links-zoomed-out');

  // The SVG export draws the routed links, the label and the relation.
  await a.click('.menu-toggle');
  const [dl] = await Promise.all([a.waitForEvent('download'), a.click('#export-svg')]);
  const svg = fs.readFileSync(await dl.path(), 'utf8');
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, 'canvas-ux-export.svg'), svg);
  assert.ok(svg.includes('>결제 후 after payment</text>'), 'the link label');
  assert.match(svg, /<g class="context-relation" data-id="r"/);
  assert.ok(svg.includes('>Customer/Supplier</text>') && svg.includes('>D · ACL</text>'));
  assert.match(svg, /<g class="link" data-id="ac"[^>]*><path d="M444\.0,/, 'the export starts the link where the canvas does');
  const view = await alice.newPage();
  await view.setContent(`<body style="margin:0;background:#e9ecef">${svg}</body>`);
  await shot(view, 'canvas-ux-06-export-svg');
  await view.close();
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('align, distribute and drag a group: buttons and keys, one undo step each, live', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Arrange 정렬', [
    { id: 's1', kind: 'domain_event', text: 'Order placed', x: 360, y: 100 },
    { id: 's2', kind: 'domain_event', text: '주문 접수됨', x: 530, y: 180 },
    { id: 's3', kind: 'domain_event', text: 'Food prepared', x: 840, y: 140 },
  ]);
  await b.locator('.sticky[data-id="s3"]').waitFor();
  await a.click('.sticky[data-id="s1"] .sticky-kind');
  await a.click('.sticky[data-id="s2"] .sticky-kind', { modifiers: ['Shift'] });
  await a.click('.sticky[data-id="s3"] .sticky-kind', { modifiers: ['Shift'] });
  await a.locator('.group-box').waitFor();
  await shot(a, 'canvas-ux-07-group-box-1280');

  // Align top edges with the button: everyone on the topmost, on both pages.
  await a.click('.arrange-bar button[data-op="top"]');
  for (const p of [a, b]) {
    await eventually(async () => {
      const ys = await Promise.all(['s1', 's2', 's3'].map(async (id) => (await stickyPos(p, id))[1]));
      return ys.every((y) => y === 100);
    }, 3000, 'aligned top');
  }
  // Distribute horizontally with Alt+Shift+H: equal gaps, the ends stay.
  await a.keyboard.press('Alt+Shift+KeyH');
  await eventually(async () => (await stickyPos(b, 's2'))[0] === 600, 3000, 'B sees s2 spread to the middle');
  assert.deepEqual(await stickyPos(a, 's1'), [360, 100]);
  assert.deepEqual(await stickyPos(a, 's3'), [840, 100]);
  await shot(b, 'canvas-ux-08-arranged-bob-1440');

  // One undo step each: undo the spread, then the alignment.
  await a.keyboard.press('Control+z');
  await eventually(async () => (await stickyPos(b, 's2'))[0] === 530, 3000, 'spread undone');
  assert.equal((await stickyPos(a, 's2'))[1], 100, 'still aligned');
  await a.keyboard.press('Control+z');
  await eventually(async () => (await stickyPos(b, 's2'))[1] === 180, 3000, 'alignment undone');

  // Dragging the group box's border moves the whole group.
  const before = await Promise.all(['s1', 's2', 's3'].map((id) => stickyPos(a, id)));
  const edge = await a.locator('.group-edge.bottom').boundingBox();
  const [x, y] = [edge.x + edge.width / 2, edge.y + edge.height / 2];
  await a.mouse.move(x, y);
  await a.mouse.down();
  await a.mouse.move(x + 40, y + 60, { steps: 6 });
  await a.mouse.up();
  await eventually(async () => (await stickyPos(b, 's3'))[1] === before[2][1] + 60, 3000, 'B sees the group moved');
  const after = await Promise.all(['s1', 's2', 's3'].map((id) => stickyPos(b, id)));
  after.forEach((p, i) => assert.deepEqual(p, [before[i][0] + 40, before[i][1] + 60]));

  // Align left with Alt+Shift+L, centres with the button.
  await a.keyboard.press('Alt+Shift+KeyL');
  await eventually(async () => (await stickyPos(b, 's3'))[0] === before[0][0] + 40, 3000, 'aligned left');
  await shot(a, 'canvas-ux-09-aligned-left-1280');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
