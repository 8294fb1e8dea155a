-- People who sign in to the web desk, their sessions, and failed sign-ins (issue 13).

-- A login is unique whatever its case (logins are ASCII, so NOCASE folds them all).
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    login          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role           TEXT NOT NULL,          -- reader | agent | supervisor | admin
    password_hash  TEXT NOT NULL,          -- Argon2id, PHC string
    disabled_at    INTEGER,
    lang           TEXT,                   -- the desk's language for this person
    time_zone      TEXT,                   -- IANA name
    created_at     INTEGER NOT NULL
);

-- A signed-in browser: only the SHA-256 of its cookie's token is stored.
CREATE TABLE sessions (
    id             INTEGER PRIMARY KEY,
    token_sha256   TEXT NOT NULL UNIQUE,
    user_id        INTEGER NOT NULL REFERENCES users(id),
    csrf           TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    last_seen_at   INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    ended_at       INTEGER,                -- signed out, password changed or user disabled
    client         TEXT NOT NULL DEFAULT '' -- the client's address at sign-in
);
CREATE INDEX sessions_user ON sessions (user_id);

-- One row per key of a failed sign-in: "login:<lowercased login>" and "addr:<ip>". The
-- failure that locked its key carries the lock's end, so a lock outlives its failures' window.
CREATE TABLE signin_failures (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL,
    at             INTEGER NOT NULL,
    locked_until   INTEGER
);
CREATE INDEX signin_failures_key_at ON signin_failures (key, at);
