// Shared helpers of the JavaScript tests: start the real `stormwall` binary on a free port,
// launch Debian's Chromium through playwright-core, keep screenshots.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { seedStickies } from './seed.mjs';
import { keyOf, remember, withKey } from './keys.mjs';

export { keyOf, remember, withKey } from './keys.mjs';

const BIN = process.env.STORMWALL_BIN ?? path.resolve('../target/debug/stormwall');
const WEB_DIR = process.env.STORMWALL_WEB_DIR ?? path.resolve('../web/dist');
export const SHOTS = process.env.STORMWALL_SCREENSHOTS ?? path.resolve('out');
export const POSTGRES_URL = process.env.STORMWALL_TEST_POSTGRES_URL || null;

/** A free loopback TCP port. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A fresh SQLite database URL in a new temporary folder. */
export function sqliteUrl() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stormwall-e2e-'));
  return `sqlite://${dir}/stormwall.db`;
}

/** Databases every storage test runs against: SQLite always, PostgreSQL when provided. */
export function databases() {
  const dbs = [{ name: 'sqlite', url: sqliteUrl() }];
  if (POSTGRES_URL) dbs.push({ name: 'postgres', url: POSTGRES_URL });
  else if (process.env.STORMWALL_REQUIRE_POSTGRES) throw new Error('STORMWALL_TEST_POSTGRES_URL is required');
  return dbs;
}

/** Starts the server binary and resolves once it listens. */
export async function startServer({ databaseUrl, port, extraArgs = [] } = {}) {
  port ??= await freePort();
  databaseUrl ??= sqliteUrl();
  const args = ['--bind', `127.0.0.1:${port}`, '--database-url', databaseUrl, '--web-dir', WEB_DIR, ...extraArgs];
  const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20000);
    proc.stdout.on('data', (d) => {
      if (String(d).includes('Stormwall is running')) { clearTimeout(timer); resolve(); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${log}`)); });
  });
  proc.removeAllListeners('exit');
  const url = `http://127.0.0.1:${port}`;
  return {
    url, port, databaseUrl, proc,
    log: () => log,
    /** Graceful stop (SIGTERM) and wait. */
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.once('exit', r));
      proc.kill(signal);
      await done;
    },
  };
}

/** Creates a board through the REST API; remembers its links (see keys.mjs) and returns its id. */
export async function createBoard(server, name) {
  const res = await fetch(`${server.url}/api/boards`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status}`);
  return remember(await res.json());
}

/** A board's page for `role` (the facilitator's by default): `/b/{id}?key={key}`. */
export function boardUrl(server, board, role = 'facilitator') {
  return withKey(`${server.url}/b/${board}`, role);
}

/** Fetches a board's REST path with the facilitator's key (e.g. `/api/boards/{id}/export`). */
export function api(server, path, init = {}, role = 'facilitator') {
  const id = path.match(/^\/api\/boards\/([^/?]+)/)?.[1];
  const key = id && keyOf(id, role);
  const headers = { ...(init.headers ?? {}), ...(key ? { authorization: `Bearer ${key}` } : {}) };
  return fetch(`${server.url}${path}`, { ...init, headers });
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A fresh Chromium profile; close it with `await browser.close()`. `prefs` are this browser's
 * remembered board preferences before its first page (localStorage key → value, e.g.
 * `{ 'stormwall.inspector': 'on' }` for a browser that keeps the inspector open).
 */
export async function launch({ width = 1280, height = 800, prefs = {} } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stormwall-chromium-'));
  const browser = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS, viewport: { width, height },
  });
  if (Object.keys(prefs).length) {
    await browser.addInitScript((p) => {
      // Pages without storage of their own (about:blank) are skipped.
      try {
        for (const [k, v] of Object.entries(p)) if (localStorage.getItem(k) === null) localStorage.setItem(k, v);
      } catch { /* no storage here */ }
    }, prefs);
  }
  const errors = [];
  browser.on('page', (p) => p.on('pageerror', (e) => errors.push(e.message)));
  const close = browser.close.bind(browser);
  browser.close = async () => { await close(); fs.rmSync(dir, { recursive: true, force: true }); };
  browser.pageErrors = errors;
  return browser;
}

/** Saves a screenshot under the (git-ignored) output folder. */
export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Polls `fn` until it returns a truthy value or `ms` pass. */
export async function eventually(fn, ms = 5000, what = 'condition') {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try { last = await fn(); if (last) return last; } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${last})`);
}

/** The text of a sticky as shown on a page, or null. */
export async function stickyText(page, id) {
  return page.evaluate((sid) => {
    // The sticky being edited shows a text area, the others their text.
    const el = document.querySelector(`.sticky[data-id="${sid}"] .sticky-text`);
    return el ? (el.tagName === 'TEXTAREA' ? el.value : el.textContent) : null;
  }, id);
}

/** Ids and texts of every sticky shown on a page. */
export async function stickies(page) {
  return page.$$eval('.sticky', (els) => els.map((e) => ({ id: e.dataset.id, kind: e.dataset.kind, text: ((t) => (t.tagName === 'TEXTAREA' ? t.value : t.textContent))(e.querySelector('.sticky-text')) })));
}

/**
 * Opens a board page and answers the name dialog (shown once per browser profile). A board
 * page URL without a key is opened with the facilitator's link of a board the tests created.
 */
export async function joinAs(page, url, name, { timeout = 5000 } = {}) {
  await page.goto(withKey(url));
  await page.waitForSelector('.board-page');
  const dialog = page.locator('.name-dialog');
  if (await dialog.isVisible()) {
    await page.fill('#my-name', name);
    await page.click('#join-board');
    await dialog.waitFor({ state: 'detached' });
  }
  await eventually(async () => (await page.textContent('#connection')) === 'saved', timeout, `${name} connected`);
}

/**
 * The `role` share link the browser of `page` holds for the board it shows (a board created in
 * that browser keeps all three), as another browser opens it.
 */
export async function linkOf(page, role = 'participant') {
  return page.evaluate((r) => {
    const id = location.pathname.split('/').pop();
    const board = JSON.parse(localStorage.getItem('stormwall.boards') ?? '[]').find((x) => x.id === id);
    return board?.links?.[r] ? location.origin + board.links[r] : null;
  }, role);
}

/** Screen centre of an element. */
export async function centreOf(locator) {
  const b = await locator.boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * Seeds a new board (see seed.mjs) and opens it for Alice and Bob, one page each in their own
 * browser profile; waits until Alice's page shows the first seeded sticky.
 */
export async function aliceAndBobOn(server, browsers, name, stickies, links = []) {
  const board = await createBoard(server, name);
  await seedStickies(server, board, stickies, links);
  const pages = await openForAliceAndBob(server, browsers, board);
  if (stickies.length > 0) await pages.a.locator(`.sticky[data-id="${stickies[0].id}"]`).waitFor();
  return pages;
}

/** Opens an existing board for Alice and Bob, one page each in their own browser profile. */
export async function openForAliceAndBob(server, { alice, bob }, board) {
  const url = `${server.url}/b/${board}`;
  const a = await alice.newPage(); await joinAs(a, url, 'Alice');
  const b = await bob.newPage(); await joinAs(b, url, 'Bob');
  return { a, b, board, url };
}

/**
 * Creates a board holding `board` (the `board` part of an export: stickies, links, frames,
 * relations, requirements) through the import API; returns its id.
 */
export async function importBoard(server, board) {
  const res = await fetch(`${server.url}/api/boards/import`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ format: 'stormwall-board', version: 1, board }),
  });
  if (res.status !== 201) throw new Error(`import board: ${res.status} ${await res.text()}`);
  return remember(await res.json());
}

/** A sticky's position on a page, `[left, top]` in board units. */
export function stickyPos(page, id) {
  return page.locator(`.sticky[data-id="${id}"]`).evaluate((e) => [parseFloat(e.style.left), parseFloat(e.style.top)]);
}

/** A fresh server and two browser profiles, Alice's and Bob's, for collaboration tests. */
export async function serverAndTwoBrowsers(options = {}) {
  const server = await startServer();
  return { server, alice: await launch(options), bob: await launch(options) };
}

/** A fresh server and `n` browser profiles (a facilitator and participants). */
export async function serverAndBrowsers(n, options = {}) {
  const server = await startServer();
  const browsers = [];
  for (let i = 0; i < n; i += 1) browsers.push(await launch(options));
  return { server, browsers };
}

/** Closes whatever `serverAndBrowsers` opened. */
export async function closeBrowsers({ server, browsers = [] }) {
  for (const b of browsers) await b.close();
  await server?.stop();
}

/** Preferences of a browser that keeps the sticky inspector open (it opens on demand). */
export const INSPECTOR_OPEN = { prefs: { 'stormwall.inspector': 'on' } };

/** Closes whatever `serverAndTwoBrowsers` opened. */
export async function closeAll({ server, alice, bob }) {
  await alice?.close();
  await bob?.close();
  await server?.stop();
}
