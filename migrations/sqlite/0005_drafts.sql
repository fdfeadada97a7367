-- Silent writing (private mode). `silent_writing` (0 or 1): new stickies go to each author's
-- draft until the facilitator reveals all. A draft is stored like a board (its document in
-- board_snapshots / board_updates) in a `boards` row whose `draft_of` names the board it
-- belongs to; it has no keys of its own and goes with its board.
ALTER TABLE boards ADD COLUMN silent_writing BIGINT NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN draft_of TEXT REFERENCES boards (id) ON DELETE CASCADE;
CREATE INDEX boards_drafts ON boards (draft_of);
