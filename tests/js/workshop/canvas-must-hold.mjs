// The canvas's part of the workshop session (workshop.test.mjs): text that fits, links routed
// border to border with labels and arrowheads, relation pills that cover no text, pictures with
// relations, align / distribute and the group box. Each entry is `{ must, check }`: `must` quotes
// the rule it proves, `check(session)` asserts it on the session's pages ({ a, b, board, server,
// shot }) after the shell's steps have built the board. The session runs every entry in order.
export const canvasMustHold = [];
