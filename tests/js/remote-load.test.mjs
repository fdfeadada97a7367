// Many people typing at once (web/src/sharing/sync.rs): the page takes in every remote update
// as it comes, but draws others' changes at most twenty times a second, so the frames between
// stay free for the page's own typing (twice a second while it types, never in the frame of
// its own keystroke); what everyone typed still shows, exactly.
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

test('typing beside twenty remote typists: others\' changes are drawn a few times a second, never in a keystroke\'s frame', async () => {
  const board = await createBoard(server, 'Typing beside typists');
  const stickies = Array.from({ length: 21 }, (_, i) => ({
    id: `t${i}`, kind: 'domain_event', text: `Typist ${i}`, x: 320 + (i % 7) * 160, y: 80 + Math.floor(i / 7) * 160,
  }));
  await seedStickies(server, board, stickies);
  const page = await browser.newPage();
  await joinAs(page, boardUrl(server, board), 'Alice');
  await page.locator('.sticky[data-id="t20"]').waitFor();
  const stop = await startTypists(server, board, stickies.slice(1).map((s) => s.id), 10);
  await page.waitForTimeout(500);

  // Which frame draws each change, counted by a frame loop: a change made in frame n's
  // callbacks is drawn by frame n, one made in a task between frames (a keystroke's input) by
  // frame n + 1. (Frames are counted, not timed: between frames the animation clock may
  // already read the coming frame's time.)
  await page.evaluate(() => {
    const seen = { frames: 0, keys: [], remote: [] };
    window.__seen = seen;
    let inFrame = false;
    const loop = () => {
      seen.frames++; inFrame = true;
      // Ahead of any timer, once the frame is drawn.
      scheduler.postTask(() => { inFrame = false; }, { priority: 'user-blocking' });
      if (!seen.stop) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    // A keystroke's text comes with its input event (its keydown may come a frame earlier).
    document.addEventListener('input', () => seen.keys.push(seen.frames + 1), true);
    const own = document.querySelector('.sticky[data-id="t0"]');
    new MutationObserver((records) => {
      if (records.some((r) => r.type === 'characterData' && !own.contains(r.target))) {
        seen.remote.push(inFrame ? seen.frames : seen.frames + 1);
      }
    }).observe(document.querySelector('.world'), { subtree: true, characterData: true });
  });
  await page.locator('.sticky[data-id="t0"] .sticky-text').click();
  await page.keyboard.press('End');
  const started = Date.now();
  await page.keyboard.type(' typed while twenty others type', { delay: 60 });
  const typingMs = Date.now() - started;
  await page.waitForTimeout(100);
  const seen = await page.evaluate(() => { window.__seen.stop = true; return window.__seen; });
  await page.keyboard.press('Escape');
  const { texts } = await stop();

  const keyFrames = new Set(seen.keys);
  // Others' typing drawn from this page's first keystroke on.
  const remoteFrames = new Set(seen.remote.filter((f) => f >= seen.keys[0]));
  assert.ok(keyFrames.size >= 25, `the keystrokes were drawn (${keyFrames.size} frames)`);
  assert.ok(remoteFrames.size >= 2, `others' typing was drawn while this page typed (${remoteFrames.size} frames)`);
  const shared = [...remoteFrames].filter((f) => keyFrames.has(f));
  assert.deepEqual(shared, [], 'no frame draws both a keystroke here and others\' typing');
  // Twice a second while this page types (REMOTE_REDRAW_EDITING_MS), with two drawings of
  // slack for the edges of the typing.
  assert.ok(remoteFrames.size <= Math.ceil(typingMs / 500) + 2, `others' typing drawn in ${remoteFrames.size} frames over ${typingMs} ms of typing`);
  await shot(page, 'remote-load-02-typing-beside-typists');

  await eventually(async () => {
    const shown = await Promise.all(stickies.slice(1).map((s) => stickyText(page, s.id)));
    return shown.every((t, i) => t === texts[i]);
  }, 5000, 'every typist\'s text shown as typed');
  assert.equal(await stickyText(page, 't0'), 'Typist 0 typed while twenty others type');
  await page.close();
});
