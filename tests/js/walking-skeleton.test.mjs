// The walking skeleton in a real browser: list and create boards, add a domain event and type
// its text, see it live on a second page and edit it back, restart the server, reload: the
// board is as it was. Runs on SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { databases, eventually, launch, shot, startServer, stickies, stickyText } from './harness.mjs';

for (const db of databases()) {
  describe(`walking skeleton on ${db.name}`, () => {
    let server; let browser;
    before(async () => {
      server = await startServer({ databaseUrl: db.url });
      browser = await launch();
    });
    after(async () => { await browser?.close(); await server?.stop(); });

    test('create a board, edit live on two pages, survive a restart', async () => {
      const a = await browser.newPage();
      await a.goto(`${server.url}/`);
      await a.waitForSelector('.home');
      await shot(a, `${db.name}-01-board-list`);

      const name = `Food delivery ${db.name} ${Date.now()}`;
      await a.fill('#new-board-name', name);
      await a.click('#create-board');
      await a.waitForURL(/\/b\/[0-9a-f]{32}$/);
      const boardUrl = a.url();
      await eventually(async () => (await a.textContent('.board-name')) === name, 5000, 'board name in the top bar');
      await eventually(async () => (await a.textContent('#connection')) === 'saved', 5000, 'page A connected');
      assert.ok(await a.isVisible('.empty-board'), 'an empty board explains how to start');
      await shot(a, `${db.name}-02-empty-board`);

      await a.click('.palette-item[data-kind="domain_event"]');
      const sticky = a.locator('.sticky[data-kind="domain_event"]');
      await sticky.waitFor();
      const bg = await sticky.evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(bg, 'rgb(255, 169, 77)', 'a domain event is orange');
      // While someone types, the badge says "saving…" without flickering back to "saved"
      // between keys, and "saved" once the edits are stored.
      await eventually(async () => (await a.textContent('#connection')) === 'saved', 5000, 'the new sticky saved');
      await a.locator('.sticky[data-kind="domain_event"] .sticky-text').click();
      await a.evaluate(() => {
        window.__badge = [document.querySelector('#connection').textContent];
        const el = document.querySelector('#connection');
        new MutationObserver(() => window.__badge.push(el.textContent)).observe(el, { subtree: true, childList: true, characterData: true });
      });
      await a.keyboard.type('Order placed', { delay: 60 });
      await eventually(async () => (await a.textContent('#connection')) === 'saved', 5000, 'saved after typing');
      const seen = await a.evaluate(() => window.__badge);
      assert.deepEqual(seen.filter((t, i) => t !== seen[i - 1]), ['saved', 'saving…', 'saved'], `the badge while typing: ${seen}`);
      const id = await sticky.getAttribute('data-id');
      assert.equal(await stickyText(a, id), 'Order placed');

      const b = await browser.newPage();
      await b.goto(boardUrl);
      await eventually(async () => (await stickyText(b, id)) === 'Order placed', 5000, 'page B shows the sticky');

      // A live edit on A reaches B within a second.
      await a.locator(`.sticky[data-id="${id}"] .sticky-text`).press('End');
      await a.keyboard.type(' 주문됨');
      const t0 = Date.now();
      await eventually(async () => (await stickyText(b, id)) === 'Order placed 주문됨', 1000, 'B sees A\'s edit within a second');
      console.log(`# edit A -> B visible after ${Date.now() - t0} ms`);
      await shot(b, `${db.name}-03-second-page-sees-edit`);

      // An edit on B reaches A.
      await b.locator(`.sticky[data-id="${id}"] .sticky-text`).click();
      await b.keyboard.press('End');
      await b.keyboard.type('!');
      await eventually(async () => (await stickyText(a, id)) === 'Order placed 주문됨!', 1000, 'A sees B\'s edit within a second');
      await eventually(async () => (await a.textContent('#connection')) === 'saved', 5000, 'A saved');
      await eventually(async () => (await b.textContent('#connection')) === 'saved', 5000, 'B saved');
      await shot(a, `${db.name}-04-first-page-sees-edit`);

      // Restart the server on the same database and port; reload: the board is as it was.
      await server.stop();
      await eventually(async () => (await a.textContent('#connection')).startsWith('offline'), 5000, 'A shows offline');
      await shot(a, `${db.name}-05-offline`);
      server = await startServer({ databaseUrl: db.url, port: server.port });
      await a.reload();
      await eventually(async () => (await stickyText(a, id)) === 'Order placed 주문됨!', 5000, 'the board after restart');
      const all = await stickies(a);
      assert.deepEqual(all, [{ id, kind: 'domain_event', text: 'Order placed 주문됨!' }]);
      // B reconnected by itself.
      await eventually(async () => (await b.textContent('#connection')) === 'saved', 15000, 'B reconnected');
      await shot(a, `${db.name}-06-after-restart`);
      assert.deepEqual(browser.pageErrors, []);
    });
  });
}

describe('unknown boards', () => {
  test('an unknown board id shows a clear error, never an empty board', async () => {
    const server = await startServer();
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/b/0000000000000000000000000000dead`);
      const missing = page.locator('.missing-board[data-reason="unknown"]');
      await missing.waitFor({ timeout: 5000 });
      assert.match(await missing.textContent(), /does not exist/);
      assert.equal(await page.locator('.canvas').count(), 0, 'no canvas to type into');
      await shot(page, 'unknown-board');
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
