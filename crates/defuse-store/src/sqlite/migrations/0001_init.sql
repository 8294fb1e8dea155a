-- defuse schema, version 1. Instants are UTC milliseconds since the epoch (INTEGER).

CREATE TABLE brands (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);

-- One customer's conversation with one brand in one thread.
CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY,
    brand_id            INTEGER NOT NULL REFERENCES brands(id),
    source              TEXT NOT NULL,
    conversation        TEXT NOT NULL,   -- the thread's root id on the platform
    customer            TEXT NOT NULL,   -- the author's id, else handle, else the mention id
    status              TEXT NOT NULL DEFAULT 'new',
    kind                TEXT NOT NULL,
    sentiment           TEXT NOT NULL,
    lang                TEXT NOT NULL,
    risk                INTEGER NOT NULL,
    risk_factors        TEXT NOT NULL,   -- JSON array of {name, points, why}
    opened_at           INTEGER NOT NULL, -- the first customer message's post time
    first_response_due  INTEGER NOT NULL,
    resolution_due      INTEGER NOT NULL,
    responded_at        INTEGER,          -- the brand's first public answer in the thread
    last_customer_at    INTEGER NOT NULL,
    first_mention_id    INTEGER NOT NULL,
    mention_count       INTEGER NOT NULL DEFAULT 0,
    updated_at          INTEGER NOT NULL,
    UNIQUE (brand_id, source, conversation, customer)
);
CREATE INDEX cases_queue ON cases (status, first_response_due, risk);

CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    source         TEXT NOT NULL,
    source_id      TEXT NOT NULL,
    brand_id       INTEGER REFERENCES brands(id),  -- NULL: matches no brand (kept apart)
    case_id        INTEGER REFERENCES cases(id),
    from_brand     INTEGER NOT NULL DEFAULT 0,     -- written by the brand's own account
    text           TEXT NOT NULL,
    created_at     INTEGER,                        -- the platform's post time
    imported_at    INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    author_id      TEXT,
    author_handle  TEXT,
    followers      INTEGER,
    parent_id      TEXT,
    conversation   TEXT NOT NULL,
    private        INTEGER NOT NULL DEFAULT 0,
    venue          TEXT,
    interactions   INTEGER NOT NULL DEFAULT 0,
    lang           TEXT NOT NULL,
    sentiment      TEXT NOT NULL,
    kind           TEXT NOT NULL,
    risk           INTEGER NOT NULL,
    raw            TEXT NOT NULL,   -- the canonical mention as JSON
    analysis       TEXT NOT NULL,   -- the text analysis as JSON
    risk_factors   TEXT NOT NULL,
    matched_by     TEXT,            -- how the brand was found: name, alias, hashtag, domain, handle, thread, given
    UNIQUE (source, source_id)
);
CREATE INDEX mentions_case ON mentions (case_id);
CREATE INDEX mentions_brand ON mentions (brand_id);

-- Earlier texts of a mention whose text changed on the platform: nothing is overwritten unseen.
CREATE TABLE mention_versions (
    id           INTEGER PRIMARY KEY,
    mention_id   INTEGER NOT NULL REFERENCES mentions(id),
    text         TEXT NOT NULL,
    raw          TEXT NOT NULL,
    replaced_at  INTEGER NOT NULL
);

-- API bearer tokens: only the SHA-256 of each token is stored.
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
