// Many people typing at once (web/src/sharing/sync.rs): the page takes in every remote update
// as it comes, but draws others' changes at most twenty times a second, so the frames between
// stay free for the page's own typing; what everyone typed still shows, exactly.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { boardUrl, closeBrowsers, createBoard, eventually, joinAs, launch, shot, startServer, stickyText } from './harness.mjs';
import { seedStickies } from './seed.mjs';
import { startTypists } from '../bench/typists.mjs';

let server; let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(() => closeBrowsers({ server, browsers: [browser] }));

test('twenty remote typists: every keystroke arrives, drawn in at most twenty frames a second', async () => {
  const board = await createBoard(server, 'Remote load');
  const stickies = Array.from({ length: 20 }, (_, i) => ({
    id: `t${i}`, kind: 'domain_event', text: `Typist ${i}`, x: (i % 5) * 160, y: Math.floor(i / 5) * 160,
  }));
  await seedStickies(server, board, stickies);
  const page = await browser.newPage();
  await joinAs(page, boardUrl(server, board), 'Alice');
  await page.locator('.sticky[data-id="t19"]').waitFor();

  // Twenty stock clients, ten characters a second each: two hundred updates a second.
  const stop = await startTypists(server, board, stickies.map((s) => s.id), 10);
  await page.waitForTimeout(500);
  const seen = await page.evaluate(() => new Promise((resolve) => {
    let changes = 0; let dirty = false; let frames = 0; let drawn = 0;
    const watch = new MutationObserver((records) => {
      for (const r of records) if (r.type === 'characterData') { changes++; dirty = true; }
    });
    watch.observe(document.querySelector('.world'), { subtree: true, characterData: true });
    const started = performance.now();
    const frame = () => {
      frames++;
      if (dirty) drawn++;
      dirty = false;
      if (performance.now() - started < 2000) requestAnimationFrame(frame);
      else { watch.disconnect(); resolve({ changes, frames, drawn }); }
    };
    requestAnimationFrame(frame);
  }));
  const { texts } = await stop();
  // The page saw the typing, a few stickies at a time...
  assert.ok(seen.changes > 100, `remote typing reached the page (${seen.changes} text changes in 2 s)`);
  // ...and drew it in at most twenty frames a second (timers round up: a little slack).
  assert.ok(seen.drawn <= 48, `others' typing drawn in ${seen.drawn} of ${seen.frames} frames in 2 s`);
  await shot(page, 'remote-load-01-typists');

  // Once they stop, each sticky shows exactly what its typist typed.
  await eventually(async () => {
    const shown = await Promise.all(stickies.map((s) => stickyText(page, s.id)));
    return shown.every((t, i) => t === texts[i]);
  }, 5000, 'every typist\'s text shown as typed');
  await page.close();
});
