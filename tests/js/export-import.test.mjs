// Examples, export and import: open the food-delivery reference board from the board list
// (a real board, seen by a second page, clean under analysis with full coverage); export it as
// JSON and as CML; import the JSON into another board (the other page sees it); a broken file
// is refused with the JSON path of its first problem.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { closeAll, createBoard, eventually, joinAs, linkOf, withKey, serverAndTwoBrowsers, shot } from './harness.mjs';

let server; let alice; let bob;
before(async () => ({ server, alice, bob } = await serverAndTwoBrowsers()));
after(() => closeAll({ server, alice, bob }));

async function download(page, id) {
  await page.click('.menu-toggle');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(await dl.path(), 'utf8') };
}

test('open the food-delivery example, export JSON and CML, import into another board', async () => {
  const a = await alice.newPage();
  await a.goto(`${server.url}/`);
  await a.locator('#example-food-delivery').waitFor();
  await shot(a, 'examples-01-board-list');
  await a.click('#example-food-delivery');
  await a.waitForURL(/\/b\/[0-9a-f]{32}$/);
  const url = a.url();
  await joinAs(a, url, 'Alice');
  await eventually(async () => (await a.locator('.sticky').count()) > 20, 5000, 'the example\'s stickies');
  const count = await a.locator('.sticky').count();
  assert.ok(await a.locator('.frame').count() >= 3, 'bounded contexts drawn');
  assert.ok(await a.locator('.link').count() > 10, 'links drawn');
  assert.match(await a.textContent('.board-name'), /음식 배달/);

  // Bob opens the same board: the same content.
  const b = await bob.newPage(); await joinAs(b, await linkOf(a, 'facilitator'), 'Bob');
  await eventually(async () => (await b.locator('.sticky').count()) === count, 5000, 'B sees the example');

  // The reference model is clean and covers every requirement.
  assert.equal(await a.textContent('.analysis-toggle .count'), '0');
  await a.click('.analysis-toggle');
  await a.locator('.panel.analysis .coverage .req').first().waitFor();
  const statuses = await a.$$eval('.panel.analysis .coverage .req .status', (e) => e.map((x) => x.textContent));
  assert.ok(statuses.length >= 8 && statuses.every((s) => s === 'ok'), `coverage: ${statuses}`);
  await a.evaluate(() => document.querySelector('.panel-head .close').click());
  await a.click('.zoom-controls .fit');
  await a.waitForTimeout(200);
  await shot(a, 'examples-02-food-delivery');

  const json = await download(a, '#export-json');
  assert.match(json.name, /\.stormwall\.json$/);
  const env = JSON.parse(json.text);
  assert.equal(env.format, 'stormwall-board');
  assert.equal(env.board.stickies.length, count);
  const cml = await download(a, '#export-cml');
  assert.match(cml.name, /\.cml$/);
  assert.match(cml.text, /ContextMap/);
  assert.match(cml.text, /BoundedContext/);

  // Import into a fresh board; Bob, on that board, sees it arrive.
  const other = `${server.url}/b/${await createBoard(server, 'Imported')}`;
  await a.goto(withKey(other)); await joinAs(a, other, 'Alice');
  await b.goto(withKey(other)); await joinAs(b, other, 'Bob');
  const file = '/tmp/stormwall-e2e-export.json';
  fs.writeFileSync(file, json.text);
  // The import asks first: it replaces the board for everyone.
  const asked = [];
  a.on('dialog', (d) => { asked.push(d.message()); d.accept(); });
  await a.setInputFiles('.file-picker', file);
  await eventually(async () => (await b.locator('.sticky').count()) === count, 5000, 'B sees the imported board');
  assert.match(asked[0] ?? '', /for everyone/, 'the import asked before replacing the board');

  // A broken file: a link to a sticky that does not exist.
  env.board.links[0].to = 'nowhere';
  fs.writeFileSync(file, JSON.stringify(env));
  await a.setInputFiles('.file-picker', file);
  const banner = a.locator('.import-error');
  await banner.waitFor();
  assert.match(await banner.textContent(), /\$\.board\.links\[\d+\]\.to/);
  assert.equal(await a.locator('.sticky').count(), count, 'nothing changed');
  await shot(a, 'examples-03-import-error');
  // Undo the import: the board is empty again, on both pages.
  await a.click('.import-error .dismiss');
  await a.click('.canvas', { position: { x: 600, y: 560 } });
  await a.keyboard.press('Control+z');
  await eventually(async () => (await b.locator('.sticky').count()) === 0, 5000, 'import undone on B');
  assert.deepEqual([...alice.pageErrors, ...bob.pageErrors], []);
});
