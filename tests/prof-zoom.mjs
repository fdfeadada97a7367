// Temporary: profiles opening a big board (CPU profile from navigation until settled).
import { createBoard, joinAs, launch, startServer } from './js/harness.mjs';
import { seedStickies } from './js/seed.mjs';
import fs from 'node:fs';
const N = Number(process.env.N ?? 10000);
const KINDS = ['domain_event', 'command', 'aggregate', 'policy', 'read_model', 'actor'];
const server = await startServer();
const browser = await launch({ width: 1920, height: 1080 });
try {
  const board = await createBoard(server, `Prof`);
  const cols = Math.ceil(Math.sqrt(N * 1.5));
  const stickies = Array.from({ length: N }, (_, i) => ({ id: `b${i}`, kind: KINDS[i % 6], text: `Sticky ${i} 주문됨`, x: (i % cols) * 160, y: Math.floor(i / cols) * 160 }));
  const links = stickies.slice(1).filter((_, i) => i % 2 === 0).map((s, i) => ({ id: `l${i}`, from: stickies[i * 2].id, to: s.id }));
  for (let k = 0; k < 4; k++) await seedStickies(server, board, stickies.slice(k * N / 4, (k + 1) * N / 4), links.slice(k * links.length / 4, (k + 1) * links.length / 4));
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
  });
  await joinAs(page, `${server.url}/b/${board}`, 'Bench', { timeout: 180000 });
  await page.waitForTimeout(4000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.mouse.move(960, 540);
  const end = Date.now() + 2000;
  while (Date.now() < end) await page.mouse.wheel(12, 8);
  console.log('pan done', await page.evaluate(() => performance.now()));
  await page.click('.zoom-controls button:has-text("1:1")');
  console.log('click done', await page.evaluate(() => performance.now()));
  await page.waitForTimeout(Number(process.env.WAIT ?? 9000));
  const { profile } = await cdp.send('Profiler.stop');
  fs.writeFileSync('/tmp/prof/open.cpuprofile', JSON.stringify(profile));
  console.log('elapsed', Date.now() - t0, 'ms; long tasks', JSON.stringify(await page.evaluate(() => window.__tasks)));
} finally { await browser.close(); await server.stop(); }
