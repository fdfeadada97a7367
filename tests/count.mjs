import { createBoard, startServer, api } from './js/harness.mjs';
import { seedStickies } from './js/seed.mjs';
const N = 10000; const KINDS = ['domain_event', 'command', 'aggregate', 'policy', 'read_model', 'actor'];
const server = await startServer();
try {
  const board = await createBoard(server, 'c');
  const cols = Math.ceil(Math.sqrt(N * 1.5));
  const stickies = Array.from({ length: N }, (_, i) => ({ id: `b${i}`, kind: KINDS[i % 6], text: `Sticky ${i} 주문됨`, x: (i % cols) * 160, y: Math.floor(i / cols) * 160 }));
  const links = stickies.slice(1).filter((_, i) => i % 2 === 0).map((s, i) => ({ id: `l${i}`, from: stickies[i * 2].id, to: s.id }));
  await seedStickies(server, board, stickies, links);
  const res = await api(server, `/api/boards/${board}/analysis`);
  const text = await res.text();
  const a = JSON.parse(text);
  const by = {};
  for (const f of [...a.lint, ...a.contexts.findings, ...a.context_map.findings]) by[f.rule] = (by[f.rule] ?? 0) + 1;
  for (const [k, v] of Object.entries(a)) console.log(k, JSON.stringify(v).length, Array.isArray(v) ? v.length : Object.entries(v).map(([kk, vv]) => `${kk}:${Array.isArray(vv) ? vv.length : "-"}:${JSON.stringify(vv).length}`).join(" "));
} finally { await server.stop(); }
