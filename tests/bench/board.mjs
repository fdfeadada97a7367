// Board quality bars, measured in headless Chromium (a benchmark, not a test): a big board's
// first picture after the document is synced (every sticky in view drawn, as an element or
// painted from afar), pan frame rate, typing latency alone and while fifty others type, and how fast the History panel's replay
// scrubs through the workshop's checkpoints (boards up to 2,000 stickies).
// Prints one JSON line per measurement. Run by `cargo xtask bench` (2,000 and 10,000
// stickies), or by hand:
//   STORMWALL_BIN=../target/debug/stormwall STORMWALL_BENCH_STICKIES=10000 node bench/board.mjs
import { api, createBoard, joinAs, launch, startServer } from '../js/harness.mjs';
import { seedStickies } from '../js/seed.mjs';
import { startTypists } from './typists.mjs';

const N = Number(process.env.STORMWALL_BENCH_STICKIES ?? 2000);
const KINDS = ['domain_event', 'command', 'aggregate', 'policy', 'read_model', 'actor'];

const emit = (scenario, fields) => console.log(JSON.stringify({ scenario, ...fields }));
const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.round((s.length - 1) * p))]; };

/** Records, for each keydown, the time to the next painted frame (in `window.__typing`). */
const listenToTyping = (page) => page.evaluate(() => {
  window.__typing = [];
  document.addEventListener('keydown', () => {
    const t0 = performance.now();
    requestAnimationFrame(() => setTimeout(() => window.__typing.push(performance.now() - t0), 0));
  }, true);
});

/** Types `text` at the end of sticky `id` as a person would; the latencies of its keys. */
const typeIn = async (page, id, text) => {
  await page.evaluate(() => { window.__typing = []; });
  await page.locator(`.sticky[data-id="${id}"] .sticky-text`).click();
  await page.keyboard.press('End');
  await page.keyboard.type(text, { delay: 60 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Escape');
  return page.evaluate(() => window.__typing);
};

const server = await startServer();
const browser = await launch({ width: 1920, height: 1080 });
try {
  const board = await createBoard(server, `Bench ${N} stickies`);
  const cols = Math.ceil(Math.sqrt(N * 1.5));
  const stickies = Array.from({ length: N }, (_, i) => ({
    id: `b${i}`, kind: KINDS[i % KINDS.length], text: `Sticky ${i} 주문됨`, x: (i % cols) * 160, y: Math.floor(i / cols) * 160,
  }));
  const links = stickies.slice(1).filter((_, i) => i % 2 === 0).map((s, i) => ({ id: `l${i}`, from: stickies[i * 2].id, to: s.id }));
  // The board grows in four steps, each ending in a named checkpoint (the replay's steps).
  for (let step = 1; step <= 4; step++) {
    const part = stickies.slice(Math.floor(((step - 1) * N) / 4), Math.floor((step * N) / 4));
    const ids = new Set(stickies.slice(0, Math.floor((step * N) / 4)).map((s) => s.id));
    const fresh = new Set(part.map((s) => s.id));
    await seedStickies(server, board, part, links.filter((l) => ids.has(l.to) && (fresh.has(l.from) || fresh.has(l.to))));
    const res = await api(server, `/api/boards/${board}/checkpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `step ${step}` }) });
    if (res.status !== 201) throw new Error(`checkpoint: ${res.status}`);
  }

  // Typing on a board of twelve stickies first, once per run, with the browser to itself:
  // what this machine and browser take for a keystroke whatever the board, beside which the
  // big board's figures read.
  if (N <= 2000) {
    const small = await createBoard(server, 'Bench 12 stickies');
    await seedStickies(server, small, stickies.slice(0, 12).map((s, i) => ({ ...s, x: (i % 4) * 160, y: Math.floor(i / 4) * 160 })));
    const p = await browser.newPage();
    await joinAs(p, `${server.url}/b/${small}`, 'Bench');
    await p.locator('.sticky[data-id="b5"]').waitFor();
    await listenToTyping(p);
    await p.click('.zoom-controls button:has-text("1:1")');
    const floor = await typeIn(p, 'b5', ' typed while benchmarking');
    emit('typing latency on a 12-sticky board (the floor)', { p50_ms: Math.round(pct(floor, 0.5) * 10) / 10, p95_ms: Math.round(pct(floor, 0.95) * 10) / 10, keys: floor.length });
    await p.close();
  }

  const page = await browser.newPage();
  await page.addInitScript(({ n, cols }) => {
    // Records when the badge first leaves "connecting…" (document synced) and when every
    // sticky in view is drawn: an element, or painted on the far view's canvas.
    // Long tasks are kept per phase of the run (loading, panning, typing, ...), so the one to
    // work on can be found.
    window.__bench = { synced: null, rendered: null, longest_task_ms: 0, phase: 'load', phases: {} };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const b = window.__bench;
        b.longest_task_ms = Math.max(b.longest_task_ms, e.duration);
        b.phases[b.phase] = Math.max(b.phases[b.phase] ?? 0, Math.round(e.duration));
      }
    }).observe({ type: 'longtask', buffered: true });
    const inView = () => {
      const main = document.querySelector('main.canvas');
      const pan = document.querySelector('.pan-layer');
      const world = document.querySelector('.world');
      if (!main || !pan || !world) return -1;
      const m = new DOMMatrix(getComputedStyle(pan).transform);
      const z = new DOMMatrix(getComputedStyle(world).transform).a;
      const r = main.getBoundingClientRect();
      const [l, t] = [-m.e / z, -m.f / z];
      const [rt, b] = [l + r.width / z, t + r.height / z];
      let count = 0;
      for (let i = 0; i < n; i++) {
        const x = (i % cols) * 160, y = Math.floor(i / cols) * 160;
        if (x <= rt && x + 120 >= l && y <= b && y + 120 >= t) count++;
      }
      return count;
    };
    const tick = () => {
      const badge = document.querySelector('#connection');
      if (!window.__bench.synced && badge && !badge.textContent.startsWith('connecting')) window.__bench.synced = performance.now();
      if (window.__bench.synced && !window.__bench.rendered) {
        const painted = Number(document.querySelector('.far-layer')?.dataset.painted ?? 0);
        const drawn = document.querySelectorAll('.sticky').length + painted;
        const want = inView();
        if (want > 0 && drawn >= want) window.__bench.rendered = performance.now();
      }
      if (!window.__bench.rendered) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, { n: N, cols });
  await joinAs(page, `${server.url}/b/${board}`, 'Bench', { timeout: 120000 });
  await page.waitForFunction(() => window.__bench.rendered, null, { timeout: 120000 });
  const t = await page.evaluate(() => window.__bench);
  emit(`initial render of ${N} stickies`, { synced_ms: Math.round(t.synced), rendered_ms: Math.round(t.rendered), render_after_sync_ms: Math.round(t.rendered - t.synced), longest_task_ms: Math.round(t.longest_task_ms), target_ms: N > 2000 ? 1500 : 500 });
  await page.evaluate(() => { window.__bench.phase = 'pan'; });

  // Pan: wheel events for two seconds while rAF intervals are recorded in the page.
  await page.mouse.move(960, 540);
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const loop = (now) => { window.__frames.push(now - last); last = now; if (window.__frames.length < 100000) window.__raf = requestAnimationFrame(loop); };
    window.__raf = requestAnimationFrame(loop);
  });
  const end = Date.now() + 2000;
  while (Date.now() < end) await page.mouse.wheel(12, 8);
  const frames = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames.slice(1); });
  const avg = frames.reduce((a, b) => a + b, 0) / frames.length;
  emit('pan (wheel) frame rate', { fps: Math.round(1000 / avg), p95_frame_ms: Math.round(pct(frames, 0.95) * 10) / 10, frames: frames.length, target_fps: 50 });
  await page.evaluate(() => { window.__bench.phase = 'typing'; });

  // Typing: keydown to the next painted frame, for 25 keystrokes in one sticky.
  await listenToTyping(page);
  await page.click('.zoom-controls button:has-text("1:1")');
  const typeInto = (id, text) => typeIn(page, id, text);
  const centre = cols * 3 + 8;
  const typing = await typeInto(`b${centre}`, ' typed while benchmarking');
  emit('typing latency (keydown to next frame)', { p50_ms: Math.round(pct(typing, 0.5) * 10) / 10, p95_ms: Math.round(pct(typing, 0.95) * 10) / 10, keys: typing.length, target_ms: 16 });

  // Fifty people typing at once (stock clients, five characters a second each, into stickies
  // in view): the local page's frame rate while it watches, then its own typing.
  const typistIds = Array.from({ length: 50 }, (_, i) => `b${centre + 1 + (i % 10) + Math.floor(i / 10) * cols}`);
  await page.evaluate(() => { window.__bench.phase = 'typists'; });
  const stopTypists = await startTypists(server, board, typistIds);
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const loop = (now) => { window.__frames.push(now - last); last = now; if (window.__frames.length < 100000) window.__raf = requestAnimationFrame(loop); };
    window.__raf = requestAnimationFrame(loop);
  });
  await page.waitForTimeout(3000);
  const busyFrames = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames.slice(1); });
  const busyTyping = await typeInto(`b${centre}`, ' while fifty others type');
  const { typed } = await stopTypists();
  const busyAvg = busyFrames.reduce((a, b) => a + b, 0) / busyFrames.length;
  emit('50 remote typists', { fps: Math.round(1000 / busyAvg), p95_frame_ms: Math.round(pct(busyFrames, 0.95) * 10) / 10, typing_p50_ms: Math.round(pct(busyTyping, 0.5) * 10) / 10, typing_p95_ms: Math.round(pct(busyTyping, 0.95) * 10) / 10, remote_keys: typed, target_fps: 50, target_typing_ms: 16 });

  // Fit from afar: the whole board in view.
  await page.locator('.sticky-text:focus').evaluate((e) => e.blur()).catch(() => {});
  await page.evaluate(() => { window.__bench.phase = 'fit'; });
  await page.click('.zoom-controls .fit');
  await page.waitForTimeout(500);
  const fit = await page.evaluate(() => ({
    zoom: new DOMMatrix(getComputedStyle(document.querySelector('.world')).transform).a,
    elements: document.querySelectorAll('.sticky').length,
    painted: Number(document.querySelector('.far-layer')?.dataset.painted ?? 0),
  }));
  emit(`fit ${N} stickies`, { zoom: Math.round(fit.zoom * 1000) / 1000, elements: fit.elements, painted: fit.painted });

  // Pan from afar, at the fitted zoom.
  await page.mouse.move(960, 540);
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const loop = (now) => { window.__frames.push(now - last); last = now; if (window.__frames.length < 100000) window.__raf = requestAnimationFrame(loop); };
    window.__raf = requestAnimationFrame(loop);
  });
  const farEnd = Date.now() + 2000;
  while (Date.now() < farEnd) await page.mouse.wheel(12, 8);
  const farFrames = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames.slice(1); });
  const farAvg = farFrames.reduce((a, b) => a + b, 0) / farFrames.length;
  emit('pan (wheel) frame rate, fitted', { fps: Math.round(1000 / farAvg), p95_frame_ms: Math.round(pct(farFrames, 0.95) * 10) / 10, frames: farFrames.length, target_fps: 50 });
  const longest = await page.evaluate(() => window.__bench);
  emit('longest main-thread task so far', { ms: Math.round(longest.longest_task_ms), by_phase: longest.phases, target_ms: 50 });

  if (N <= 2000) {
    // Replay: the slider dragged one step per frame over the checkpoints, back and forth.
    await page.locator('.sticky-text:focus').evaluate((e) => e.blur()).catch(() => {});
    await page.click('#history');
    await page.click('.replay-open');
    await page.locator('.replay-play:not([disabled])').waitFor({ timeout: 120000 });
    const scrub = await page.evaluate(async () => {
      const slider = document.querySelector('.replay-slider');
      const max = Number(slider.max);
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      await frame();
      const times = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        slider.value = String(Math.abs((i % (2 * max)) - max));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        const now = performance.now(); times.push(now - last); last = now;
      }
      return times;
    });
    const scrubAvg = scrub.reduce((a, b) => a + b, 0) / scrub.length;
    emit(`replay scrubbing over ${N} stickies`, { fps: Math.round(1000 / scrubAvg), p95_frame_ms: Math.round(pct(scrub, 0.95) * 10) / 10, frames: scrub.length, target_fps: 30 });
  }
} finally {
  await browser.close();
  await server.stop();
}
