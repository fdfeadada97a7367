// The canvas in the first minutes of a workshop, on two pages (Alice at 1280×800, Bob at
// 1440×900): long text shrinks, then its sticky grows, never cut — typed locally or arriving
// from the other page, English and Korean; links run from border to border with elbows round
// the stickies in their way, carry a label both pages see, keep legible arrowheads when zoomed
// out, and relation pills stay off sticky text; the picture export has links, labels and
// relations; a multi-selection gets a group box that aligns, distributes (buttons and
// Alt+Shift keys, one undo step each, live on the other page) and drags the group.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  aliceAndBobOn, eventually, importBoard, launch, openForAliceAndBob, shot, startServer, stickyPos,
} from './harness.mjs';
import {
  assertAlignSpreadUndo, assertArrowheadsFromAfar, assertCoverNoSticky, assertFit, assertPictureHas, assertRouted,
  exportSvg, fitOf, pointsOf, selectGroup, typeUntilGrown,
} from './workshop/canvas-checks.mjs';

let server; let alice; let bob;
before(async () => {
  server = await startServer();
  alice = await launch({ width: 1280, height: 800 });
  bob = await launch({ width: 1440, height: 900 });
});
after(async () => { await alice?.close(); await bob?.close(); await server?.stop(); });

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
  // Short text keeps the usual size, medium text shrinks first, long Korean text grows its sticky.
  await assertFit(b, 'short', 'usual');
  await assertFit(b, 'mid', 'shrunk');
  await assertFit(b, 'ko', 'grown');

  // Alice types a long text; Bob sees the sticky grow as it arrives.
  await typeUntilGrown({ a, b }, 'typed', LONG_EN);
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

test('links go border to border round stickies, with labels; pills keep off text; exports have them', async () => {
  const board = await importBoard(server, BOARD);
  const { a, b } = await openForAliceAndBob(server, { alice, bob }, board);
  await b.locator('.link[data-id="ac"]').waitFor();

  // a → c starts at a's right border and ends at c's left border, and never crosses b.
  const pts = await assertRouted(b, 'ac', 'a', 'c');
  assert.deepEqual(pts[0], [444, pts[0][1]], 'starts just right of a (320 + 120 + 4)');
  assert.deepEqual(pts.at(-1), [676, pts.at(-1)[1]], 'ends just left of c (680 - 4)');
  // c → d: an elbow from c's right side into d's left side.
  const cd = await assertRouted(b, 'cd', 'c', 'd');
  assert.deepEqual(cd, await pointsOf(a, 'cd'), 'both pages route it alike');
  assert.equal(cd.length, 4);
  assert.deepEqual([cd[0][0], cd[3][0]], [804, 856]);

  // The imported label is drawn, off every sticky; Alice relabels it and Bob sees it.
  const label = b.locator('.link-label[data-link="ac"]');
  assert.equal(await label.textContent(), '주문 시 on order');
  await assertCoverNoSticky(b, '.link-label');
  await a.locator('.link-label[data-link="ac"]').click();
  await a.locator('.link-toolbar .link-label-input').fill('결제 후 after payment');
  await a.keyboard.press('Enter');
  await eventually(async () => (await label.textContent()) === '결제 후 after payment', 3000, 'B sees the new label');
  await a.keyboard.press('Escape');

  // The relation pill between the frames covers no sticky.
  const pill = b.locator('.relation-labels[data-id="r"] .relation-label');
  assert.equal(await pill.textContent(), 'Customer/Supplier');
  assert.ok(await assertCoverNoSticky(b, '.relation-labels > span') >= 1);
  await shot(b, 'canvas-ux-03-links-bob-1440');
  await shot(a, 'canvas-ux-04-links-alice-1280');

  // Zoomed far out, arrowheads stay at least 12 px on screen.
  await assertArrowheadsFromAfar(a);
  await shot(a, 'canvas-ux-05-links-zoomed-out');

  // The SVG export draws the routed links, the label and the relation.
  const svg = await exportSvg(a, alice, 'canvas-ux-06-export-svg');
  assertPictureHas(svg, { links: ['ac', 'cd'], labels: ['결제 후 after payment'], relations: ['r'], pills: ['Customer/Supplier', 'D · ACL'] });
  assert.match(svg, /<g class="link" data-id="ac"[^>]*><path d="M444\.0,/, 'the export starts the link where the canvas does');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});

test('align, distribute and drag a group: buttons and keys, one undo step each, live', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Arrange 정렬', [
    { id: 's1', kind: 'domain_event', text: 'Order placed', x: 360, y: 100 },
    { id: 's2', kind: 'domain_event', text: '주문 접수됨', x: 530, y: 180 },
    { id: 's3', kind: 'domain_event', text: 'Food prepared', x: 840, y: 140 },
  ]);
  await b.locator('.sticky[data-id="s3"]').waitFor();
  await selectGroup(a, ['s1', 's2', 's3']);
  await shot(a, 'canvas-ux-07-group-box-1280');

  // Align top edges with the button, spread with Alt+Shift+H, both live on Bob's page; one
  // undo step each.
  const spread = await assertAlignSpreadUndo({ a, b }, ['s1', 's2', 's3'], () => shot(b, 'canvas-ux-08-arranged-bob-1440'));
  assert.deepEqual(spread, [[360, 100], [600, 100], [840, 100]]);

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
