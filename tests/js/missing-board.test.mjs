// A board URL that leads nowhere — an unknown board, or a server that cannot answer — shows a
// page that says so with the way back to the start page, never a canvas to type into.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { closeAll, launch, shot, startServer } from './harness.mjs';

let server; let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(() => closeAll({ server, alice: browser }));

test('an unknown board shows a page with the way back, no canvas', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/b/no-such-board`);
  const missing = page.locator('.missing-board[data-reason="unknown"]');
  await missing.waitFor();
  assert.match(await missing.textContent(), /does not exist/);
  assert.match(await missing.textContent(), /없는 보드입니다/);
  assert.equal(await page.locator('.canvas').count(), 0, 'no canvas');
  assert.equal(await page.locator('.palette').count(), 0, 'no palette');
  assert.equal(await page.locator('.name-dialog').count(), 0, 'no name dialog');
  await page.keyboard.press('1');
  assert.equal(await page.locator('.sticky').count(), 0);
  await shot(page, 'missing-board-01-unknown');
  await page.click('a.back-home');
  await page.locator('.home .new-board').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.deepEqual(browser.pageErrors, []);
});

test('a board the server cannot answer for offers to try again and the way back', async () => {
  const page = await browser.newPage();
  await page.route('**/api/boards/*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"database unavailable"}' }));
  await page.goto(`${server.url}/b/some-board`);
  const missing = page.locator('.missing-board[data-reason="unavailable"]');
  await missing.waitFor();
  assert.match(await missing.textContent(), /cannot be opened right now/);
  assert.match(await missing.textContent(), /database unavailable/);
  assert.equal(await page.locator('.canvas').count(), 0, 'no canvas');
  assert.equal(await page.locator('.missing-board .retry').count(), 1);
  assert.equal(await page.locator('.missing-board a.back-home').getAttribute('href'), '/');
  await shot(page, 'missing-board-02-unavailable');
});
