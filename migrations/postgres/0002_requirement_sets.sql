-- Requirement sets uploaded by teams (the built-in sets live in code). `data` is the set's JSON.
CREATE TABLE requirement_sets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
