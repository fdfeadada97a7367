-- Share links. Each board has one key per role (facilitator, participant, viewer); only the
-- key's SHA-256 hash (hex) is stored. Boards from before share links have no keys until the
-- operator issues them (`stormwall boards links ID`). `locked` (0 or 1) makes the board
-- read-only for everyone but facilitators.
ALTER TABLE boards ADD COLUMN locked BIGINT NOT NULL DEFAULT 0;

CREATE TABLE board_keys (
    board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    PRIMARY KEY (board_id, role)
);
