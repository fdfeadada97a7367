// The canvas's part of the workshop session (workshop.test.mjs): text that fits, links routed
// border to border with labels and arrowheads, relation pills that cover no text, pictures with
// relations, align / distribute and the group box. Each entry is `{ must, check }`: `must` quotes
// the rule it proves, `check(session)` asserts it on the session's pages ({ a, b, board, server,
// shot }) after the shell's steps have built the board. The session runs every entry in order.
// The assertions themselves are canvas-checks.mjs's, shared with canvas-ux.test.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, linkOf, stickyPos } from '../harness.mjs';
import {
  assertAlignSpreadUndo, assertArrowheadsFromAfar, assertCoverNoSticky, assertFit, assertPictureHas, assertRouted,
  exportSvg, fitOf, pointsOf, selectGroup, typeUntilGrown,
} from './canvas-checks.mjs';

/**
 * The draft the facilitator brings in half-way through: a row where a command's link to its
 * event must go round the aggregate between them, two bounded contexts side by side with
 * stickies along the gap and a relation between them, stickies with short, medium and long
 * text (one left empty for typing), and three events to line up.
 */
const DRAFT = {
  stickies: [
    { id: 'w-a', kind: 'command', text: 'Place order 주문하기', x: 0, y: 0 },
    { id: 'w-b', kind: 'aggregate', text: 'Cart 장바구니', x: 180, y: 0 },
    { id: 'w-c', kind: 'domain_event', text: '주문됨 Order placed', x: 360, y: 0 },
    { id: 'w-d', kind: 'policy', text: 'Notify restaurant', x: 540, y: 140 },
    { id: 'w-p1', kind: 'domain_event', text: 'Payment requested 결제 요청됨', x: 120, y: 340 },
    { id: 'w-p2', kind: 'command', text: 'Charge card 카드 결제', x: 300, y: 340 },
    { id: 'w-short', kind: 'domain_event', text: 'Order paid', x: -60, y: 580 },
    { id: 'w-mid', kind: 'domain_event', text: 'Customer confirms the order and the restaurant accepts it', x: 100, y: 580 },
    { id: 'w-ko', kind: 'policy', text: '고객이 주문을 확정하면 가게가 주문을 접수하고 음식을 준비한 뒤 배달원에게 전달하며 배달원은 고객에게 음식을 배달한다', x: 260, y: 580 },
    { id: 'w-typed', kind: 'command', text: '', x: 420, y: 580 },
    { id: 'w-s1', kind: 'domain_event', text: 'Food prepared', x: 760, y: 120 },
    { id: 'w-s2', kind: 'domain_event', text: '픽업됨 Picked up', x: 920, y: 200 },
    { id: 'w-s3', kind: 'domain_event', text: 'Delivered 배달됨', x: 1100, y: 160 },
  ],
  links: [
    { id: 'w-ac', from: 'w-a', to: 'w-c', label: '주문 시 on order' },
    { id: 'w-cd', from: 'w-c', to: 'w-d' },
  ],
  frames: [
    { id: 'w-f1', name: '주문 Ordering', x: -60, y: 300, w: 300, h: 200 },
    { id: 'w-f2', name: '결제 Payment', x: 280, y: 300, w: 300, h: 200 },
  ],
  relations: [{ id: 'w-r', upstream: 'w-f1', downstream: 'w-f2', patterns: ['customer_supplier', 'anticorruption_layer'] }],
};

/** Text Alice types into the empty sticky: first a medium sentence, then the rest of it. */
const TYPED = ['Courier collects the food and the restaurant marks it sent', ' while the customer follows the courier on the map to the door'];

/**
 * Alice imports the draft into the session's board from her page (she confirms; the dialogs
 * the session answers are set aside meanwhile), her view fits it and Bob fits his. Once.
 */
let imported = null;
function draftOnBoard(s) {
  imported ??= (async () => {
    const { a, b, board, server } = s;
    const key = new URL(await linkOf(a, 'facilitator')).searchParams.get('key');
    const env = await (await fetch(`${server.url}/api/boards/${board}/export`, { headers: { authorization: `Bearer ${key}` } })).json();
    env.board = { ...env.board, ...DRAFT };
    delete env.board.authorship; // it names the stickies the draft replaces
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stormwall-draft-')), 'draft.json');
    fs.writeFileSync(file, JSON.stringify(env));
    const kept = a.listeners('dialog');
    a.removeAllListeners('dialog');
    a.once('dialog', (d) => d.accept());
    try {
      await a.setInputFiles('.file-picker', file);
      for (const p of [a, b]) await p.locator('.sticky[data-id="w-s3"]').waitFor();
    } finally {
      kept.forEach((l) => a.on('dialog', l));
    }
    await b.click('.fit');
    await b.keyboard.press('Escape');
  })();
  return imported;
}

export const canvasMustHold = [
  {
    must: 'Text fits: font shrinks to a readable minimum, then the sticky grows; never silently clipped.',
    async check(s) {
      await draftOnBoard(s);
      const { a, b, shot } = s;
      for (const p of [a, b]) {
        await assertFit(p, 'w-short', 'usual');
        await assertFit(p, 'w-mid', 'shrunk');
        await assertFit(p, 'w-ko', 'grown');
      }
      // Alice types into the empty sticky: a medium sentence shrinks the font, the rest grows
      // the sticky; Bob sees both as they arrive.
      await a.click('.sticky[data-id="w-typed"] .sticky-text');
      await a.locator('.sticky[data-id="w-typed"] textarea').waitFor();
      await a.keyboard.insertText(TYPED[0]);
      await eventually(async () => { const f = await fitOf(b, 'w-typed'); return f.size < 15 && !f.grown; }, 5000, 'Bob sees the font shrink first');
      await assertFit(b, 'w-typed', 'shrunk');
      await typeUntilGrown({ a, b }, 'w-typed', TYPED[1]);
      await shot(a, 'workshop-08-text-fits-1280');
      await a.keyboard.press('Escape');
      for (const p of [a, b]) await assertFit(p, 'w-typed', 'grown');
      await shot(b, 'workshop-08-text-fits-1440');
    },
  },
  {
    must: 'Links drawn from border to border, with elbow routing around stickies, optional label, and arrowheads legible at every zoom.',
    async check(s) {
      await draftOnBoard(s);
      const { a, b, shot } = s;
      for (const p of [a, b]) {
        await assertRouted(p, 'w-ac', 'w-a', 'w-c');
        await assertRouted(p, 'w-cd', 'w-c', 'w-d');
      }
      assert.deepEqual(await pointsOf(a, 'w-ac'), await pointsOf(b, 'w-ac'), 'both pages route it alike');
      assert.ok((await pointsOf(b, 'w-ac')).length > 2, 'a → c bends round the aggregate between them');
      // The label shows on both pages, off every sticky; Bob relabels it, Alice sees it.
      for (const p of [a, b]) assert.equal(await p.locator('.link-label[data-link="w-ac"]').textContent(), '주문 시 on order');
      await b.locator('.link-label[data-link="w-ac"]').click();
      await b.locator('.link-toolbar .link-label-input').fill('결제 후 after payment');
      await b.keyboard.press('Enter');
      await eventually(async () => (await a.locator('.link-label[data-link="w-ac"]').textContent()) === '결제 후 after payment', 3000, 'Alice sees the new label');
      await b.keyboard.press('Escape');
      for (const p of [a, b]) await assertCoverNoSticky(p, '.link-label');
      await shot(b, 'workshop-09-links-1440');
      await shot(a, 'workshop-09-links-1280');
      // From afar the arrowheads stay legible; then back to the whole board.
      await assertArrowheadsFromAfar(a);
      await shot(a, 'workshop-10-links-far-1280');
      await a.click('.fit');
    },
  },
  {
    must: 'Relation pills never cover text.',
    async check(s) {
      await draftOnBoard(s);
      const { a, b } = s;
      for (const p of [a, b]) {
        assert.equal(await p.locator('.relation-labels[data-id="w-r"] .relation-label').textContent(), 'Customer/Supplier');
        assert.ok(await assertCoverNoSticky(p, '.relation-labels > span') >= 3, 'the pill and both ends');
      }
    },
  },
  {
    must: 'Picture exports include relations (and the links with their labels).',
    async check(s) {
      await draftOnBoard(s);
      const { a } = s;
      const svg = await exportSvg(a, a.context(), 'workshop-11-export');
      assertPictureHas(svg, {
        links: ['w-ac', 'w-cd'], labels: ['결제 후 after payment'], relations: ['w-r'], pills: ['Customer/Supplier', 'D · ACL'],
      });
    },
  },
  {
    must: 'Align, distribute, group box: one undo step each, seen by everyone.',
    async check(s) {
      await draftOnBoard(s);
      const { a, b, shot } = s;
      const ids = ['w-s1', 'w-s2', 'w-s3'];
      await selectGroup(a, ids);
      // The selection's toolbar and the align bar both show, one clear of the other.
      const [bar, arrange] = [await a.locator('.selection-toolbar').boundingBox(), await a.locator('.arrange-bar').boundingBox()];
      assert.ok(bar.y + bar.height <= arrange.y || bar.y >= arrange.y + arrange.height, `toolbar ${JSON.stringify(bar)} clear of the align bar ${JSON.stringify(arrange)}`);
      await assertCoverNoSticky(a, '.selection-toolbar');
      await shot(a, 'workshop-12-group-1280');
      const start = await Promise.all(ids.map((id) => stickyPos(b, id)));
      const spread = await assertAlignSpreadUndo({ a, b }, ids, () => shot(b, 'workshop-12-arranged-1440'));
      assert.deepEqual(spread.map(([, y]) => y), ids.map(() => Math.min(...start.map(([, y]) => y))));
      assert.deepEqual(await Promise.all(ids.map((id) => stickyPos(b, id))), start, 'both undone: where they were');
      await a.keyboard.press('Escape');
    },
  },
];
