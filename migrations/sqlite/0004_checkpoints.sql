-- Checkpoints: a board's whole Yjs state (v1 update) at a moment, kept for history, restore
-- and trash. `reason` is named, activity, daily, before-import, before-restore or
-- before-bulk-delete; `summary` is JSON counts of stickies/links/frames added, changed and
-- removed since the previous checkpoint; `bytes` is the size of `data`. Automatic ones are
-- thinned by the retention policy; named ones stay until a facilitator deletes them.
CREATE TABLE board_checkpoints (
    board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    name TEXT,
    reason TEXT NOT NULL,
    created_by TEXT,
    summary TEXT NOT NULL,
    data BLOB NOT NULL,
    bytes BIGINT NOT NULL,
    PRIMARY KEY (board_id, id)
);

CREATE INDEX board_checkpoints_by_time ON board_checkpoints (board_id, created_at);
