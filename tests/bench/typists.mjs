// Remote typists for the board bench: stock y-websocket clients (yjs, as any JavaScript client
// would join), each typing into its own sticky at a steady pace, so the bench can measure the
// local page while many people type at once.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { keyOf } from '../js/keys.mjs';

/** Starts one typist per sticky id, each typing `perSecond` characters a second; returns an async stop function. */
export async function startTypists(server, board, ids, perSecond = 5) {
  const clients = await Promise.all(ids.map(async (id) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, board, doc, { WebSocketPolyfill: WebSocket, params: { key: keyOf(board) ?? '' } });
    await new Promise((resolve) => (provider.synced ? resolve() : provider.once('sync', (s) => s && resolve())));
    // Once synced, a typist takes no more of the others' updates (sync message 2): fifty
    // clients in one bench process would apply every update fifty times, a whole core on a
    // small machine, taken from the page being measured, where real participants type on
    // machines of their own. Each typist types only into its own sticky, so its document
    // stays right for what it sends; the page still gets every update.
    const sync = provider.messageHandlers[0];
    provider.messageHandlers[0] = (encoder, decoder, ...rest) => {
      if (decoder.arr[decoder.pos] !== 2) sync(encoder, decoder, ...rest);
    };
    provider.awareness.setLocalStateField('user', { name: `Typist ${id}`, color: '#4c6ef5' });
    return { doc, provider, id };
  }));
  let typed = 0;
  const timers = clients.map((c, i) => setTimeout(() => {
    c.timer = setInterval(() => {
      const text = c.doc.getMap('stickies').get(c.id)?.get('text');
      if (!text) return;
      // Types a word, then clears it, so the sticky keeps its size over a long run.
      if (text.length > 40) text.delete(20, text.length - 20); else text.insert(text.length, 'abcdefghij'[typed % 10]);
      typed++;
    }, 1000 / perSecond);
  }, (i * 1000) / perSecond / clients.length));
  const texts = () => clients.map((c) => c.doc.getMap('stickies').get(c.id)?.get('text')?.toString());
  // Stops typing; the texts as each typist left them (its own sticky's, in `ids` order).
  const stop = async () => {
    timers.forEach(clearTimeout);
    clients.forEach((c) => clearInterval(c.timer));
    const left = texts();
    // Let the last keys reach the server before the clients leave.
    await new Promise((r) => setTimeout(r, 300));
    for (const c of clients) { c.provider.destroy(); c.doc.destroy(); }
    return { typed, texts: left };
  };
  return stop;
}
