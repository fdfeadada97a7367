// Links between stickies on two pages: drawn by dragging a sticky's handle onto another
// sticky; dashed for publish/subscribe (event → policy), solid for request/response (command →
// aggregate); they follow their stickies; a selected link toggles its circuit breaker and is
// deleted from its toolbar — and the other page sees all of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aliceAndBobOn, centreOf, closeAll, eventually, serverAndTwoBrowsers, shot, stickyPos } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

/** Drags from sticky `from`'s link handle onto sticky `to`. */
async function link(page, from, to) {
  const src = page.locator(`.sticky[data-id="${from}"]`);
  await src.hover();
  const h = await centreOf(src.locator('.link-handle'));
  const t = await centreOf(page.locator(`.sticky[data-id="${to}"] .sticky-kind`));
  await page.mouse.move(h.x, h.y);
  await page.mouse.down();
  await page.mouse.move(t.x, t.y, { steps: 8 });
  await page.mouse.up();
}

const linkBetween = (page, style) => page.locator(`.link[data-style="${style}"]`);

test('draw, style, follow, protect and delete links, live on two pages', async () => {
  const { a, b } = await aliceAndBobOn(server, { alice, bob }, 'Links', [
    { id: 'ev', kind: 'domain_event', text: 'Order placed', x: 300, y: 120 },
    { id: 'po', kind: 'policy', text: 'When order placed, notify restaurant', x: 620, y: 120 },
    { id: 'cmd', kind: 'command', text: 'Place order', x: 300, y: 420 },
    { id: 'agg', kind: 'aggregate', text: 'Order', x: 620, y: 420 },
  ]);

  await link(a, 'ev', 'po');
  await link(a, 'cmd', 'agg');
  for (const p of [a, b]) {
    await eventually(async () => (await linkBetween(p, 'publish_subscribe').count()) === 1, 3000, 'pub/sub link');
    await eventually(async () => (await linkBetween(p, 'request_response').count()) === 1, 3000, 'req/resp link');
  }
  const dash = (p, style) => linkBetween(p, style).locator('.link-line').evaluate((e) => getComputedStyle(e).strokeDasharray);
  assert.notEqual(await dash(b, 'publish_subscribe'), 'none', 'publish/subscribe is dashed');
  assert.equal(await dash(b, 'request_response'), 'none', 'request/response is solid');
  await shot(b, 'links-01-bob-sees-links');

  // Links follow their stickies: Alice drags the policy down; Bob's arrow ends at its new place.
  const before = await linkBetween(b, 'publish_subscribe').locator('.link-line').getAttribute('d');
  const po = await centreOf(a.locator('.sticky[data-id="po"] .sticky-kind'));
  await a.mouse.move(po.x, po.y);
  await a.mouse.down();
  await a.mouse.move(po.x + 60, po.y + 120, { steps: 6 });
  await a.mouse.up();
  // Others' changes are drawn at most twenty times a second: B may first show the policy from
  // the middle of the drag (and redraw between the reads below); wait for it where Alice dropped it.
  const dropped = (await stickyPos(a, 'po')).join();
  await eventually(async () => (await stickyPos(b, 'po')).join() === dropped
    && (await linkBetween(b, 'publish_subscribe').locator('.link-line').getAttribute('d')) !== before, 3000, 'the link moved on B');
  const box = await b.locator('.sticky[data-id="po"]').boundingBox();
  // The arrow's end: the last point of its (possibly elbowed) route.
  const end = [...(await linkBetween(b, 'publish_subscribe').locator('.link-line').getAttribute('d')).matchAll(/L([-\d.]+),([-\d.]+)/g)].at(-1);
  const [ex, ey] = [Number(end[1]), Number(end[2]) + 52];
  assert.ok(ex >= box.x - 8 && ex <= box.x + box.width + 8 && ey >= box.y - 8 && ey <= box.y + box.height + 8,
    `arrow ends at the policy's border (${ex},${ey} vs ${JSON.stringify(box)})`);

  // Select the command → aggregate call, protect it with a circuit breaker.
  const call = linkBetween(a, 'request_response');
  await a.mouse.click(...Object.values(await centreOf(call.locator('.link-hit'))));
  await a.locator('.link-toolbar').waitFor();
  assert.equal(await a.textContent('.link-kind'), 'request / response');
  await a.click('.link-toolbar .toggle-cb');
  await eventually(async () => (await linkBetween(b, 'request_response').getAttribute('data-circuit-breaker')) === 'true', 3000, 'B sees the circuit breaker');
  assert.equal(await linkBetween(b, 'request_response').locator('.circuit-breaker').count(), 1);
  await shot(a, 'links-02-circuit-breaker-toolbar');

  // Delete it.
  await a.click('.link-toolbar .delete-link');
  await eventually(async () => (await linkBetween(b, 'request_response').count()) === 0, 3000, 'B sees the link deleted');
  assert.equal(await linkBetween(b, 'publish_subscribe').count(), 1, 'the other link stays');
  await shot(b, 'links-03-after-delete');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
