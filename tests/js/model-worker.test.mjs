// The analysis, imports and exports run in the model worker, a module of their own: a crowded
// board's panel lists a readable sample of each rule's findings with exact counts (what the page
// reads stays small however big the board), and a worker that cannot load or breaks leaves the
// board working, says so in the panel and in the board's banner (for an export or import), and
// is replaced by the next change or the next try.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import * as Y from 'yjs';
import { api, closeAll, createBoard, eventually, joinAs, launch, shot, startServer } from './harness.mjs';
import { editBoard, seedStickies } from './seed.mjs';

let server; let alice;
before(async () => { server = await startServer(); alice = await launch(); });
after(() => closeAll({ server, alice }));

const PER_KIND = 50;

test('a crowded board lists a sample of each rule and counts the rest', async () => {
  const board = await createBoard(server, 'Crowded analysis');
  // 120 policies, none triggered and none leading anywhere: 120 findings of two rules each.
  const policies = Array.from({ length: 120 }, (_, i) => ({ id: `p${i}`, kind: 'policy', text: `Whenever ${i}`, x: (i % 12) * 170, y: Math.floor(i / 12) * 170 }));
  await seedStickies(server, board, policies);
  const full = await (await api(server, `/api/boards/${board}/analysis`)).json();
  const byRule = {};
  for (const f of [...full.lint, ...full.contexts.findings, ...full.context_map.findings]) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const crowded = Object.entries(byRule).filter(([, n]) => n > PER_KIND);
  assert.ok(crowded.length >= 2, `rules with more than ${PER_KIND} findings: ${JSON.stringify(byRule)}`);

  const a = await alice.newPage();
  await joinAs(a, `${server.url}/b/${board}`, 'Alice');
  await a.click('.analysis-toggle');
  const panel = a.locator('.panel.analysis');
  await panel.locator('.findings .finding').first().waitFor();
  const s = full.summary;
  assert.match(await panel.locator('.summary').textContent(), new RegExp(`^${s.errors} errors? · ${s.warnings} warnings? · ${s.infos} notes?$`), 'the summary counts every finding');
  for (const [rule, n] of Object.entries(byRule)) {
    assert.equal(await panel.locator(`.findings .finding[data-rule="${rule}"]`).count(), Math.min(n, PER_KIND), rule);
  }
  // One line per crowded rule counts the rest, in the panel's language (Korean first).
  const rows = panel.locator('.findings .more');
  assert.equal(await rows.count(), crowded.length);
  const left = crowded.map(([, n]) => n - PER_KIND).sort();
  const counted = async (re) => (await rows.allTextContents()).map((t) => Number(t.match(re)?.[1])).sort();
  assert.deepEqual(await counted(/^\+ (\d+)건 더: [\uac00-\ud7a3]/), left, 'counted in Korean');
  await a.click('.panel-head .lang:has-text("English")');
  await eventually(async () => JSON.stringify(await counted(/^\+ (\d+) more: [a-z]/)) === JSON.stringify(left), 2000, 'counted in English');
  const words = await rows.allTextContents();
  assert.equal(new Set(words).size, words.length, 'each rule named in its own words');
  await panel.locator('.findings .more').first().scrollIntoViewIfNeeded();
  await shot(a, 'model-worker-01-crowded-board-sample');
  await a.close();
});

test('the analysis follows every change, here and from others, and is sent only what changed', async () => {
  const board = await createBoard(server, 'Followed analysis');
  const stickies = Array.from({ length: 400 }, (_, i) => ({ id: `s${i}`, kind: i % 2 ? 'policy' : 'command', text: `Step ${i} 단계`, x: (i % 20) * 170, y: Math.floor(i / 20) * 170 }));
  await seedStickies(server, board, stickies);
  const a = await alice.newPage();
  // Every feed the page posts to its analysis worker, by size.
  await a.addInitScript(() => {
    window.__fed = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (m, ...rest) {
      if (m instanceof Uint8Array && new TextDecoder().decode(m.subarray(0, 8)) === 'analyse\n') window.__fed.push(m.byteLength);
      return post.call(this, m, ...rest);
    };
  });
  await joinAs(a, `${server.url}/b/${board}`, 'Alice');
  // The panel opens as this browser last left it.
  if (!(await a.locator('.analysis-toggle.on').count())) await a.click('.analysis-toggle');
  const summary = a.locator('.panel.analysis .summary');
  const counted = (s) => `${s.errors} error${s.errors === 1 ? '' : 's'} · ${s.warnings} warning${s.warnings === 1 ? '' : 's'} · ${s.infos} note${s.infos === 1 ? '' : 's'}`;
  let last = '';
  // The panel agrees with the server's own analysis of the stored board, and says something new.
  const agrees = async (what) => {
    let want = '';
    await eventually(async () => {
      want = counted((await (await api(server, `/api/boards/${board}/analysis`)).json()).summary);
      return (await summary.textContent()) === want;
    }, 10000, `the panel agrees with the server ${what}`);
    assert.notEqual(want, last, `${what} changed the findings`);
    last = want;
  };
  await agrees('on opening');
  const fed = async () => a.evaluate(() => window.__fed.slice());
  const opening = await fed();
  const whole = opening.reduce((x, y) => x + y, 0);
  assert.ok(whole > 20000, `the board went to the worker once: ${opening}`);

  // Here: a new command, alone.
  await a.click('.palette-item[data-kind="command"]');
  await a.keyboard.type('주문한다');
  await a.keyboard.press('Escape');
  await agrees('after a sticky was added here');
  // From others: one sticky goes, one changes kind, links come.
  await editBoard(server, board, (doc) => {
    const all = doc.getMap('stickies');
    all.delete('s0');
    all.get('s1').set('kind', 'domain_event');
    for (const i of [2, 4, 6]) {
      const l = new Y.Map();
      l.set('from', `s${i}`); l.set('to', `s${i + 1}`); l.set('circuit_breaker', false);
      doc.getMap('links').set(`l${i}`, l);
    }
  });
  await agrees('after others deleted, changed and linked stickies');
  // From others again: deletions alone, which move no state vector.
  await editBoard(server, board, (doc) => { for (const i of [10, 12, 14, 16]) doc.getMap('stickies').delete(`s${i}`); });
  await agrees('after others only deleted stickies');

  const later = (await fed()).slice(opening.length);
  assert.ok(later.length >= 3, `one feed per change at least: ${later}`);
  for (const n of later) assert.ok(n < whole / 20, `${n} bytes sent after a change; the board was ${whole}`);
  await shot(a, 'model-worker-04-followed-analysis');
  await a.close();
});

// Each way a worker can break: its loader throws, or its WebAssembly cannot be fetched (the
// real loader, pointed at a module the server does not have: Chromium does not let a test
// intercept what a worker fetches itself).
const LOADER = '**/model_worker_loader.js';
const breakages = [
  ['its loader throws', (r) => r.fulfill({ contentType: 'text/javascript', body: 'throw new Error("worker broken on purpose");' })],
  ['its WebAssembly is missing', async (r) => {
    const real = await (await r.fetch()).text();
    assert.ok(real.includes('model_worker_bg.wasm'), real);
    await r.fulfill({ contentType: 'text/javascript', body: real.replace('model_worker_bg.wasm', 'no_such_module_bg.wasm') });
  }],
];

for (const [how, breakIt] of breakages) {
  test(`a model worker that breaks (${how}) leaves the board working, says so, and is replaced`, async () => {
    const board = await createBoard(server, `Broken analysis: ${how}`);
    await seedStickies(server, board, [{ id: 'cmd', kind: 'command', text: 'Pay', x: 300, y: 300 }]);
    // A profile of its own: nothing of an earlier worker is cached.
    const browser = await launch();
    const b = await browser.newPage();
    const errors = [];
    b.on('pageerror', (e) => errors.push(String(e)));
    await b.route(LOADER, breakIt);
    await joinAs(b, `${server.url}/b/${board}`, 'Bob');
    await b.click('.analysis-toggle');
    const panel = b.locator('.panel.analysis');
    const trouble = panel.locator('.trouble[role="alert"]');
    await trouble.waitFor({ timeout: 10000 });
    assert.match(await trouble.textContent(), /the analysis (could not load|failed)/);
    assert.match(await panel.locator('.summary').textContent(), /Analysing/, 'no verdict is made up');
    assert.equal(await b.locator('.analysis-toggle .count').textContent(), '…', 'the badge counts nothing it does not know');
    await shot(b, `model-worker-02-broken-${how.includes('WebAssembly') ? 'wasm' : 'loader'}`);

    // An export or an import needs the worker too: each says why it could not be done, and the
    // board is left as it was.
    const banner = b.locator('.import-error');
    await b.click('.menu-toggle');
    await b.click('#export-cml');
    await banner.waitFor({ timeout: 10000 });
    assert.match(await banner.textContent(), /Cannot export the CML: the background worker that does this failed \(\S.*\); try again, or reload the page/);
    await b.click('.import-error .dismiss');
    const file = { name: 'board.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"stormwall-board","version":1,"board":{}}') };
    await b.setInputFiles('.board-menu .file-picker', file);
    await banner.waitFor({ timeout: 10000 });
    assert.match(await banner.textContent(), /board\.json cannot be imported: the background worker that does this failed \(\S.*\); try again/);
    assert.equal((await b.textContent('.menu-toggle')).trim(), 'Export / Import', 'the menu is free again after a failed import');
    await shot(b, `model-worker-03-broken-export-${how.includes('WebAssembly') ? 'wasm' : 'loader'}`);
    await b.click('.import-error .dismiss');
    assert.equal(await b.locator('.sticky').count(), 1, 'nothing imported');

    // The board keeps working: a sticky written now reaches the server.
    await b.unroute(LOADER);
    const ta = b.locator('.sticky[data-id="cmd"] .sticky-text');
    await ta.click();
    await ta.fill('Pay now');
    await eventually(async () => {
      const doc = await (await api(server, `/api/boards/${board}/export`)).json();
      return doc.board.stickies.some((x) => x.id === 'cmd' && x.text === 'Pay now');
    }, 5000, 'the edit saved');
    // That change starts a fresh worker (after a short pause): the report comes, the notice goes.
    await eventually(async () => (await trouble.count()) === 0, 15000, 'the notice cleared');
    await eventually(async () => /\d+ errors? · \d+ warnings? · \d+ notes?/.test(await panel.locator('.summary').textContent()), 5000, 'a report');
    assert.ok(await panel.locator('.coverage .req').count() >= 8, 'coverage listed');
    // Exports work again with the worker back: a fresh one does each.
    await b.click('.menu-toggle');
    const [dl] = await Promise.all([b.waitForEvent('download'), b.click('#export-json')]);
    const env = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
    assert.deepEqual(env.board.stickies.map((x) => x.text), ['Pay now']);
    assert.deepEqual(errors, [], 'no error reached the page');
    await browser.close();
  });
}
