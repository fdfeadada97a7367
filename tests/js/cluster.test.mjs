// A Stormwall cluster in Chromium: two nodes on one PostgreSQL and one Redis behind HAProxy
// running docs/haproxy.cfg. Alice's and Bob's pages land on different nodes and edit
// together; then one node is killed (SIGKILL): both pages reconnect through HAProxy and
// nothing is lost. Needs STORMWALL_TEST_POSTGRES_URL, STORMWALL_TEST_REDIS_SERVER and
// STORMWALL_TEST_HAPROXY (cargo xtask test sets them); skipped otherwise.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createBoard, eventually, freePort, joinAs, launch, POSTGRES_URL, shot, startServer, stickyText } from './harness.mjs';

const REDIS = process.env.STORMWALL_TEST_REDIS_SERVER || null;
const HAPROXY = process.env.STORMWALL_TEST_HAPROXY || null;
const FAST = ['--cluster-compact-ms', '200', '--cluster-lease-ms', '1500', '--cluster-node-ttl-ms', '1200'];
const procs = [];

function started(cmd, args) {
  const p = spawn(cmd, args, { stdio: 'ignore' });
  procs.push(p);
  return p;
}

async function listening(port) {
  await eventually(async () => {
    try { await fetch(`http://127.0.0.1:${port}/`); return true; } catch (e) { return e.cause?.code !== 'ECONNREFUSED'; }
  }, 10000, `port ${port}`);
}

/** docs/haproxy.cfg with its bind port and server lines replaced. */
function haproxyConfig(port, nodes) {
  const text = fs.readFileSync(path.resolve('../docs/haproxy.cfg'), 'utf8');
  let servers = false;
  return text.split('\n').flatMap((line) => {
    const t = line.trimStart();
    if (t.startsWith('bind ')) return [`    bind 127.0.0.1:${port}`];
    if (t.startsWith('server ')) {
      if (servers) return [];
      servers = true;
      return nodes.map((n, i) => `    server node${i + 1} 127.0.0.1:${n.port}`);
    }
    return [line];
  }).join('\n');
}

async function connections(node) {
  const text = await (await fetch(`${node.url}/api/metrics`)).text();
  return Number(text.match(/^stormwall_connections (\d+)/m)?.[1]);
}

after(async () => { for (const p of procs) p.kill('SIGKILL'); });

test('two pages on different nodes behind HAProxy edit together and survive a node dying', { skip: !(POSTGRES_URL && REDIS && HAPROXY) && 'needs PostgreSQL, Redis and HAProxy' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stormwall-cluster-'));
  const redisPort = await freePort();
  started(REDIS, ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '']);
  await new Promise((r) => setTimeout(r, 500));
  const extraArgs = ['--redis-url', `redis://127.0.0.1:${redisPort}/0`, ...FAST];
  const nodes = [await startServer({ databaseUrl: POSTGRES_URL, extraArgs }), await startServer({ databaseUrl: POSTGRES_URL, extraArgs })];
  const lbPort = await freePort();
  fs.writeFileSync(path.join(dir, 'haproxy.cfg'), haproxyConfig(lbPort, nodes));
  started(HAPROXY, ['-f', path.join(dir, 'haproxy.cfg'), '-db']);
  await listening(lbPort);
  const lb = { url: `http://127.0.0.1:${lbPort}` };
  const alice = await launch(); const bob = await launch();
  try {
    const url = `${lb.url}/b/${await createBoard(lb, 'Cluster')}`;
    const a = await alice.newPage(); await joinAs(a, url, 'Alice');
    const b = await bob.newPage(); await joinAs(b, url, 'Bob');
    assert.deepEqual([await connections(nodes[0]), await connections(nodes[1])], [1, 1], 'the pages are on different nodes');

    await a.click('.palette-item[data-kind="domain_event"]');
    await a.keyboard.type('Order placed');
    const first = await a.locator('.sticky.selected').getAttribute('data-id');
    await eventually(async () => (await stickyText(b, first)) === 'Order placed', 5000, 'Bob sees Alice\'s sticky');
    await b.click('.palette-item[data-kind="command"]');
    await b.keyboard.type('Pay order');
    const second = await b.locator('.sticky.selected').getAttribute('data-id');
    await eventually(async () => (await stickyText(a, second)) === 'Pay order', 5000, 'Alice sees Bob\'s sticky');
    for (const p of [a, b]) await eventually(async () => (await p.textContent('#connection')) === 'saved', 5000, 'saved');
    await shot(b, 'cluster-01-two-nodes');

    // A node dies: its page reconnects through HAProxy to the other, nothing is lost.
    // A page may still say "saved" until its socket's close reaches it, so wait for both
    // pages to be connected to the surviving node first.
    nodes[0].proc.kill('SIGKILL');
    await eventually(async () => (await connections(nodes[1])) === 2, 20000, 'both pages on the surviving node');
    for (const p of [a, b]) {
      await eventually(async () => (await p.textContent('#connection')) === 'saved', 20000, 'reconnected and saved');
    }
    await a.keyboard.press('Escape');
    await a.click('.palette-item[data-kind="policy"]');
    await a.keyboard.type('After the crash');
    const third = await a.locator('.sticky.selected').getAttribute('data-id');
    await eventually(async () => (await stickyText(b, third)) === 'After the crash', 5000, 'Bob sees Alice\'s new sticky');
    assert.equal(await stickyText(b, first), 'Order placed');
    assert.equal(await stickyText(a, second), 'Pay order');
    await shot(a, 'cluster-02-after-node-death');
  } finally {
    await alice.close(); await bob.close();
    await nodes[1].stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
