// Seeds a board through a stock y-websocket client, exactly as docs/board-schema.md describes
// the document, so browser tests start from a known layout.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { keyOf } from './keys.mjs';

/**
 * Writes `stickies` ([{id, kind, text, x, y, color?}]), `links` ([{id, from, to}]) and `frames`
 * ([{id, name, x, y, w, h, rank?}]) into a board and waits until the server has them.
 */
export async function seedStickies(server, board, stickies, links = [], frames = []) {
  await editBoard(server, board, (doc) => {
    for (const s of stickies) {
      const m = new Y.Map();
      m.set('kind', s.kind);
      m.set('x', s.x); m.set('y', s.y); m.set('w', 120); m.set('h', 120);
      if (s.color) m.set('color', s.color);
      const t = new Y.Text();
      t.insert(0, s.text);
      m.set('text', t);
      doc.getMap('stickies').set(s.id, m);
    }
    for (const l of links) {
      const m = new Y.Map();
      m.set('from', l.from); m.set('to', l.to); m.set('circuit_breaker', false);
      doc.getMap('links').set(l.id, m);
    }
    for (const f of frames) {
      const m = new Y.Map();
      for (const k of ['name', 'x', 'y', 'w', 'h', 'rank']) if (f[k] !== undefined) m.set(k, f[k]);
      doc.getMap('frames').set(f.id, m);
    }
  });
}

/** Joins a board as a stock y-websocket client, makes `edit(doc)` in one transaction once
 * synced, and waits until the server has it. */
export async function editBoard(server, board, edit) {
  const doc = new Y.Doc();
  const params = { key: keyOf(board) ?? '' };
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, board, doc, { WebSocketPolyfill: WebSocket, params });
  await new Promise((resolve) => (provider.synced ? resolve() : provider.once('sync', (s) => s && resolve())));
  doc.transact(() => edit(doc));
  // Let the update reach the server before leaving.
  await new Promise((r) => setTimeout(r, 300));
  provider.destroy();
  provider.awareness.destroy();
  doc.destroy();
}
