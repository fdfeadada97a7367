// Panels opened on demand come in chunks of their own (xtask/src/split.rs, web/src/shell/lazy_panel.rs):
// a board page starts with the page module only, fetches the chunks while it idles once the
// board is drawn, and a chunk the server cannot give leaves a note in the panel's place while
// the board keeps working; the panel opens once the chunk can be fetched again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { boardUrl, closeBrowsers, createBoard, eventually, joinAs, launch, shot, startServer, stickies } from './harness.mjs';

let server; let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(() => closeBrowsers({ server, browsers: [browser] }));

const CHUNK = /-(split_[a-z_]+|chunk_\d+)\.wasm$/;
const isChunk = (url) => CHUNK.test(new URL(url).pathname);

test('the board is drawn before any panel chunk is fetched; the chunks follow while idle', async () => {
  const board = await createBoard(server, 'Chunks');
  const page = await browser.newPage();
  const order = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.endsWith('.wasm')) order.push(p);
  });
  await joinAs(page, boardUrl(server, board), 'Alice');
  const page_module = order.findIndex((p) => /stormwall-web-[0-9a-f]+_bg\.wasm$/.test(p));
  assert.ok(page_module >= 0, 'the page module is fetched');
  // The history panel's chunk arrives without anyone opening the panel.
  await eventually(() => order.some((p) => p.endsWith('-split_history_panel.wasm')), 10000, 'chunks fetched while idle');
  assert.ok(order.findIndex((p) => p.includes('-split_')) > page_module, 'chunks come after the page module');
  // Opening the panel then needs no further chunk (the analysis's worker loads its own module
  // once the page is quiet, on its own schedule).
  const chunks = () => order.filter((p) => CHUNK.test(p)).length;
  const before_open = chunks();
  await page.click('.canvas', { position: { x: 900, y: 650 } });
  await page.keyboard.press('h');
  await page.locator('.panel.history').waitFor();
  assert.equal(chunks(), before_open, 'the history panel opened from the chunk already fetched');
  await page.close();
});

test('a chunk that cannot be fetched leaves a note; the board works; the panel opens once it can', async () => {
  const board = await createBoard(server, 'Offline chunk');
  const page = await browser.newPage();
  let blocked = true;
  await page.route((url) => isChunk(url.href), (route) => (blocked ? route.abort('connectionrefused') : route.continue()));
  await joinAs(page, boardUrl(server, board), 'Alice');

  await page.click('.analysis-toggle');
  const note = page.locator('.lazy-failed');
  await note.waitFor({ timeout: 10000 });
  assert.match(await note.textContent(), /could not be fetched from the server.*Reload the page/);
  await shot(page, 'lazy-panels-01-chunk-failed');

  // The board keeps working: a sticky is added and saved.
  await page.click('.palette-item[data-kind="domain_event"]');
  await page.keyboard.type('Order placed');
  await page.click('.canvas', { position: { x: 900, y: 650 } });
  await eventually(async () => (await stickies(page)).some((s) => s.text === 'Order placed'), 5000, 'sticky added');
  await eventually(async () => (await page.textContent('#connection')) === 'saved', 5000, 'saved');

  // The board menu is in the page module, its work in a chunk: an export says why it cannot
  // be made, and the menu is free again.
  await page.click('.menu-toggle');
  await page.click('#export-json');
  const banner = page.locator('.import-error');
  await banner.waitFor({ timeout: 10000 });
  assert.match(await banner.textContent(), /could not be fetched from the server.*reload the page to export or import/);
  assert.equal(await page.textContent('.menu-toggle'), 'Export / Import');
  await shot(page, 'lazy-panels-02-export-chunk-failed');

  // The server answers again: closing and opening the panel fetches the chunk and shows it,
  // and the export is made.
  blocked = false;
  await page.click('.analysis-toggle');
  await page.click('.analysis-toggle');
  await page.locator('.panel.analysis').waitFor({ timeout: 10000 });
  assert.equal(await note.count(), 0);
  await shot(page, 'lazy-panels-03-chunk-fetched');
  await page.click('.menu-toggle');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  assert.match(dl.suggestedFilename(), /\.stormwall\.json$/);
  // A board change is analysed, now that the analysis reader's chunk can be fetched too.
  await page.click('.palette-item[data-kind="command"]');
  await page.keyboard.type('Place order');
  await page.keyboard.press('Escape');
  await eventually(async () => (await page.locator('.panel.analysis .findings li').count()) > 0, 10000, 'findings shown');
  await page.close();
});
