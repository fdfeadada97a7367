-- Boards, their compacted document snapshots, and the log of updates since the snapshot.
CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE board_snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
    upto_seq BIGINT NOT NULL,
    data BYTEA NOT NULL
);

CREATE TABLE board_updates (
    board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (board_id, seq)
);
