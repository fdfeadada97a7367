// Offline that survives the tab: edits made while the server is unreachable are kept in the
// browser (IndexedDB), so closing the tab loses nothing — the next visit sends them. Leaving
// with unsaved edits asks first. Each board keeps its own copy; a copy the board cannot read
// is discarded with a notice and the board opens as the server has it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, boardUrl, createBoard, eventually, joinAs, launch, shot, startServer, stickies, sqliteUrl } from './harness.mjs';

let server; let browser; const db = sqliteUrl();
before(async () => { server = await startServer({ databaseUrl: db }); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** The copy this browser keeps of `board`, as `{format, state: [bytes]}`, or null. */
function copyOf(page, board) {
  return page.evaluate((id) => new Promise((resolve, reject) => {
    const open = indexedDB.open('stormwall', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('unsaved-boards');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const dbh = open.result;
      const get = dbh.transaction('unsaved-boards').objectStore('unsaved-boards').get(id);
      get.onsuccess = () => { dbh.close(); const r = get.result; resolve(r ? { format: r.format, state: Array.from(r.state ?? []) } : null); };
      get.onerror = () => reject(get.error);
    };
  }), board);
}

/** Stores `record` as the browser's copy of `board` (as a damaged or older build might). */
function putCopy(page, board, record) {
  return page.evaluate(([id, rec]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('stormwall', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('unsaved-boards');
    open.onsuccess = () => {
      const dbh = open.result;
      const t = dbh.transaction('unsaved-boards', 'readwrite');
      t.objectStore('unsaved-boards').put({ format: rec.format, state: new Uint8Array(rec.state), saved_at: Date.now() }, id);
      t.oncomplete = () => { dbh.close(); resolve(); };
      t.onerror = () => reject(t.error);
    };
  }), [board, record]);
}

async function exported(board) {
  const res = await api(server, `/api/boards/${board}/export`);
  assert.equal(res.status, 200);
  return (await res.json()).board;
}

test('edits made offline survive closing the tab and reach the server on the next visit', async () => {
  const board = await createBoard(server, 'Offline workshop');
  const other = await createBoard(server, 'Another board');
  const page = await browser.newPage();
  await joinAs(page, `${server.url}/b/${board}`, 'Alice');

  // The server goes away; Alice keeps working.
  await server.stop();
  await eventually(async () => (await page.textContent('#connection')).startsWith('offline'), 5000, 'offline badge');
  await page.click('.palette-item[data-kind="domain_event"]');
  await page.keyboard.type('Written offline 오프라인');
  await page.click('.canvas', { position: { x: 900, y: 650 } });
  const [made] = await stickies(page);
  assert.equal(made.text, 'Written offline 오프라인');
  await eventually(async () => (await copyOf(page, board))?.format === 1, 3000, 'the copy in IndexedDB');
  await shot(page, 'offline-copy-01-offline-edit');

  // Closing the tab asks first; Alice leaves anyway.
  let asked = null;
  page.on('dialog', (d) => { asked = d.type(); d.accept(); });
  const closed = new Promise((r) => page.once('close', r));
  await page.close({ runBeforeUnload: true });
  await closed;
  assert.equal(asked, 'beforeunload', 'leaving with unsaved edits asks');

  // The server comes back. Another board opened in the same browser shows nothing of it.
  server = await startServer({ databaseUrl: db, port: server.port });
  const elsewhere = await browser.newPage();
  await joinAs(elsewhere, boardUrl(server, other), 'Alice');
  assert.deepEqual(await stickies(elsewhere), [], 'no sticky leaks into another board');
  assert.deepEqual((await exported(other)).stickies, []);
  assert.ok(await copyOf(elsewhere, board), 'the offline board keeps its copy until it is opened');
  assert.equal(await copyOf(elsewhere, other), null);
  assert.deepEqual((await exported(board)).stickies, [], 'the server has not seen the edit yet');

  // Reopening the board sends the edit; the copy goes once the server has it.
  const again = await browser.newPage();
  await joinAs(again, boardUrl(server, board), 'Alice');
  const stored = await eventually(async () => {
    const b = await exported(board);
    return b.stickies.length === 1 && b;
  }, 5000, 'the offline edit on the server');
  assert.equal(stored.stickies[0].text, 'Written offline 오프라인');
  assert.equal(stored.authorship[stored.stickies[0].id].created_by, 'Alice');
  await eventually(async () => (await copyOf(again, board)) === null, 3000, 'the copy is dropped once saved');
  await shot(again, 'offline-copy-02-after-reopen');
  assert.deepEqual(browser.pageErrors, []);
  await again.close();
  await elsewhere.close();
});

test('a copy the board cannot read is discarded with a notice, never a broken board', async () => {
  const damaged = await createBoard(server, 'Damaged copy');
  const older = await createBoard(server, 'Older copy');
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await putCopy(page, damaged, { format: 1, state: [255, 255, 255, 255, 9, 1, 2, 3] });
  await putCopy(page, older, { format: 99, state: [0, 0] });

  for (const [board, name] of [[damaged, 'damaged'], [older, 'older']]) {
    await joinAs(page, boardUrl(server, board), 'Alice');
    const notice = page.locator('.notice-text');
    await notice.waitFor({ timeout: 5000 });
    assert.match(await notice.textContent(), /could not be read and was discarded/);
    await shot(page, `offline-copy-03-${name}-discarded`);
    assert.equal(await copyOf(page, board), null, `${name}: the copy is gone`);
    // The board works as usual.
    await page.click('.palette-item[data-kind="command"]');
    await page.keyboard.type('Still works');
    await eventually(async () => (await exported(board)).stickies.length === 1, 5000, `${name}: an edit after the notice is saved`);
  }
  assert.deepEqual(browser.pageErrors, []);
  await page.close();
});
