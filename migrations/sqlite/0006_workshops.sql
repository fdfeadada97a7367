-- Workshop state of a board, held by the server outside the board's document: the phase, the
-- countdown, "follow me" and the open dot-voting round with its ballots, as JSON
-- (stormwall_model::workshop::Workshop). One row per board that ever had a workshop control
-- used; `updated_at` is milliseconds since the Unix epoch.
CREATE TABLE board_workshops (
    board_id TEXT PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
