// Picture export from the board menu: an SVG and a PNG of the whole board (English and Korean
// text, legend colours, link styles, the named frame, a view box that fits), then of a
// selection only (nothing else in it); the menu button shows the work in progress, and a
// failing PNG encoder is reported in the error banner.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { SHOTS, createBoard, eventually, joinAs, launch, shot, startServer } from './harness.mjs';
import { seedStickies } from './seed.mjs';

let server; let browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

const STICKIES = [
  { id: 'cmd', kind: 'command', text: 'Place order', x: 300, y: 200 },
  { id: 'agg', kind: 'aggregate', text: 'Order', x: 480, y: 200 },
  { id: 'ev', kind: 'domain_event', text: '주문됨', x: 660, y: 200 },
  { id: 'pol', kind: 'policy', text: 'Notify restaurant', x: 840, y: 200 },
];
const LINKS = [
  { id: 'l1', from: 'cmd', to: 'agg' },
  { id: 'l2', from: 'agg', to: 'ev' },
  { id: 'l3', from: 'ev', to: 'pol' },
];
const FRAMES = [{ id: 'fr', name: '주문 Ordering', x: 270, y: 160, w: 540, h: 200, rank: 'core' }];

/** Clicks a menu item and returns the download: suggested name and bytes (kept in tests/out). */
async function download(page, id, keep) {
  await page.click('.menu-toggle');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
  const bytes = fs.readFileSync(await dl.path());
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, keep), bytes);
  return { name: dl.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** [r, g, b] of PNG pixels, decoded by the browser. */
function pixels(page, bytes, points) {
  return page.evaluate(async ([b64, pts]) => {
    // Decoded here, not fetched: the page's Content-Security-Policy allows no data: fetches.
    const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' });
    const img = await createImageBitmap(blob);
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return pts.map(([x, y]) => [...g.getImageData(x, y, 1, 1).data.slice(0, 3)]);
  }, [bytes.toString('base64'), points]);
}

/** The opening of the SVG group of an item. */
function group(svg, cls, id) {
  const start = svg.indexOf(`<g class="${cls}" data-id="${id}"`);
  assert.ok(start >= 0, `${cls} ${id} drawn`);
  return svg.slice(start, svg.indexOf('</g>', start));
}

/** Shows a downloaded SVG on its own page and keeps a screenshot of it. */
async function look(svgFile, name) {
  const p = await browser.newPage();
  await p.setContent(`<body style="margin:0;background:#e9ecef">${fs.readFileSync(path.join(SHOTS, svgFile), 'utf8')}</body>`);
  await shot(p, name);
  await p.close();
}

test('export the whole board and a selection as SVG and PNG', async () => {
  const board = await createBoard(server, 'Export 주문');
  await seedStickies(server, board, STICKIES, LINKS, FRAMES);
  const url = `${server.url}/b/${board}`;
  const a = await browser.newPage();
  await joinAs(a, url, 'Alice');
  await a.locator('.sticky[data-id="pol"]').waitFor();
  await a.click('.menu-toggle');
  assert.match(await a.textContent('#export-svg'), /the whole board, as a vector picture/);
  await shot(a, 'export-image-01-menu');
  await a.click('.menu-toggle');

  // The whole board as SVG.
  const svg = await download(a, '#export-svg', 'export-image-board.svg');
  assert.equal(svg.name, 'Export-주문.svg');
  for (const t of ['>Place order<', '>Order<', '>주문됨<', '>주문 Ordering<']) assert.ok(svg.text.includes(t), `${t} in the SVG`);
  // Text too long for a line wraps inside its sticky.
  assert.match(group(svg.text, 'sticky', 'pol'), /<tspan [^>]*>Notify<\/tspan><tspan [^>]*>restaurant<\/tspan>/);
  assert.match(group(svg.text, 'sticky', 'ev'), /fill="#ffa94d"/, 'the domain event is orange');
  assert.match(group(svg.text, 'sticky', 'cmd'), /fill="#74c0fc"/, 'the command is blue');
  assert.match(group(svg.text, 'sticky', 'agg'), /fill="#ffe066"/, 'the aggregate is yellow');
  const call = group(svg.text, 'link', 'l1');
  assert.match(call, /data-style="request_response"/);
  assert.doesNotMatch(call, /stroke-dasharray/, 'a call is solid');
  assert.match(call, /marker-end="url\(#sw-arrow\)"/, 'with an arrowhead');
  assert.match(group(svg.text, 'link', 'l3'), /data-style="publish_subscribe".*stroke-dasharray="8 6"/, 'an event delivery is dashed');
  assert.match(group(svg.text, 'frame', 'fr'), /data-rank="core"/);
  // The view box fits the content (frame tag top 142, policy right 960) with a 32 margin.
  const [, vx, vy, vw, vh] = svg.text.match(/viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/).map(Number);
  assert.deepEqual([vx, vy, vw, vh], [238, 110, 754, 282]);
  await look('export-image-board.svg', 'export-image-02-board-svg');

  // The whole board as PNG: twice the size, white background, the event's orange.
  const png = await download(a, '#export-png', 'export-image-board.png');
  assert.equal(png.name, 'Export-주문.png');
  assert.deepEqual(pngSize(png.bytes), [1508, 564]);
  const at = (x, y) => [(x - vx) * 2, (y - vy) * 2];
  const [bg, orange, blue] = await pixels(a, png.bytes, [[4, 4], at(660 + 112, 200 + 112), at(300 + 112, 200 + 112)]);
  const near = (got, want, what) => assert.ok(got.every((v, i) => Math.abs(v - want[i]) <= 3), `${what}: ${got} ≉ ${want}`);
  near(bg, [255, 255, 255], 'white background');
  near(orange, [255, 169, 77], 'the domain event is orange in the PNG');
  near(blue, [116, 192, 252], 'the command is blue in the PNG');

  // A selection: the command and the event only.
  await a.click('.sticky[data-id="cmd"] .sticky-kind');
  await a.click('.sticky[data-id="ev"] .sticky-kind', { modifiers: ['Shift'] });
  await a.click('.menu-toggle');
  assert.match(await a.textContent('#export-png'), /the selection \(2 stickies\)/);
  await a.click('.menu-toggle');
  const part = await download(a, '#export-svg', 'export-image-selection.svg');
  assert.equal(part.name, 'Export-주문-selection.svg');
  assert.ok(part.text.includes('Place order') && part.text.includes('주문됨'));
  for (const t of ['>Order<', 'Notify', '주문 Ordering', 'class="link"', 'class="frame"']) assert.ok(!part.text.includes(t), `${t} left out`);
  assert.equal(part.text.match(/<g class="sticky"/g).length, 2);
  assert.match(part.text, /viewBox="268 168 544 184"/);
  await look('export-image-selection.svg', 'export-image-03-selection-svg');
  const partPng = await download(a, '#export-png', 'export-image-selection.png');
  assert.deepEqual(pngSize(partPng.bytes), [1088, 368]);
  assert.deepEqual(browser.pageErrors, []);
});

test('the menu shows the export in progress, and a failure clearly', async () => {
  const board = await createBoard(server, 'Export progress');
  await seedStickies(server, board, STICKIES.slice(0, 2));
  const a = await browser.newPage();
  await joinAs(a, `${server.url}/b/${board}`, 'Alice');
  await a.locator('.sticky[data-id="agg"]').waitFor();

  // A slow encoder: the button says what is going on until the file is ready.
  await a.evaluate(() => {
    const real = HTMLCanvasElement.prototype.toBlob;
    HTMLCanvasElement.prototype.toBlob = function (cb, ...rest) { setTimeout(() => real.call(this, cb, ...rest), 800); };
  });
  await a.click('.menu-toggle');
  const downloaded = a.waitForEvent('download');
  await a.click('#export-png');
  await eventually(async () => (await a.textContent('.menu-toggle')) === 'Exporting PNG…', 2000, 'the busy state');
  assert.equal(await a.getAttribute('.menu-toggle', 'aria-busy'), 'true');
  await shot(a, 'export-image-04-in-progress');
  await downloaded;
  await eventually(async () => (await a.textContent('.menu-toggle')) === 'Export / Import', 2000, 'back to idle');

  // An encoder that fails: the banner says so; nothing is downloaded.
  await a.evaluate(() => { HTMLCanvasElement.prototype.toBlob = function (cb) { setTimeout(() => cb(null), 10); }; });
  let downloads = 0;
  a.on('download', () => { downloads += 1; });
  await a.click('.menu-toggle');
  await a.click('#export-png');
  const banner = a.locator('.import-error');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Cannot export the PNG: .*could not encode/);
  await shot(a, 'export-image-05-error');
  assert.equal(downloads, 0);
  assert.equal(await a.textContent('.menu-toggle'), 'Export / Import');
  assert.deepEqual(browser.pageErrors, []);
});
