-- defuse schema, version 6: service levels that follow the method (issue 13). A kind may have no
-- clock at all — trolls [T3], spam [T4] and remarks that ask nothing are ignored or moderated,
-- not answered against a deadline [ST1] — so a case's first-response and resolution deadlines
-- may be NULL (no clock). A first-response clock may start after the case opened (a case with
-- no clock, then a complaint from the same customer): first_response_since (NULL: opened_at).
-- An urgent case [A7] (high risk or strong emotion) keeps the tighter first response.
--
-- SQLite cannot drop a NOT NULL constraint, so the table is rebuilt (the documented way: new
-- table, copy, drop, rename; the migration runs with foreign keys off and checks them before it
-- commits). Existing cases keep the deadlines they were given.

CREATE TABLE cases_v6 (
    id                  INTEGER PRIMARY KEY,
    brand_id            INTEGER NOT NULL REFERENCES brands(id),
    source              TEXT NOT NULL,
    conversation        TEXT NOT NULL,
    customer            TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'new',
    kind                TEXT NOT NULL,
    sentiment           TEXT NOT NULL,
    lang                TEXT NOT NULL,
    risk                INTEGER NOT NULL,
    risk_factors        TEXT NOT NULL,
    opened_at           INTEGER NOT NULL,
    first_response_due  INTEGER,          -- NULL: no first-response clock
    resolution_due      INTEGER,          -- NULL: no resolution clock
    responded_at        INTEGER,
    last_customer_at    INTEGER NOT NULL,
    first_mention_id    INTEGER NOT NULL,
    mention_count       INTEGER NOT NULL DEFAULT 0,
    updated_at          INTEGER NOT NULL,
    assigned_to         TEXT,
    status_reason       TEXT,
    last_brand_at       INTEGER,
    next_response_since INTEGER,
    next_response_due   INTEGER,
    paused_at           INTEGER,
    resolved_at         INTEGER,
    resolution_posted_at INTEGER,
    follow_up_due       INTEGER,
    follow_up_reminded_at INTEGER,
    followed_up_at      INTEGER,
    follow_up_outcome   TEXT,
    next_alert_at       INTEGER,
    next_response_warn  INTEGER,
    resolution_since    INTEGER,
    resolution_warn     INTEGER,
    first_response_since INTEGER,         -- NULL: the clock started at opened_at
    urgent              INTEGER NOT NULL DEFAULT 0, -- A7: high risk or strong emotion
    UNIQUE (brand_id, source, conversation, customer)
);

INSERT INTO cases_v6 (id, brand_id, source, conversation, customer, status, kind, sentiment,
    lang, risk, risk_factors, opened_at, first_response_due, resolution_due, responded_at,
    last_customer_at, first_mention_id, mention_count, updated_at, assigned_to, status_reason,
    last_brand_at, next_response_since, next_response_due, paused_at, resolved_at,
    resolution_posted_at, follow_up_due, follow_up_reminded_at, followed_up_at,
    follow_up_outcome, next_alert_at, next_response_warn, resolution_since, resolution_warn)
SELECT id, brand_id, source, conversation, customer, status, kind, sentiment,
    lang, risk, risk_factors, opened_at, first_response_due, resolution_due, responded_at,
    last_customer_at, first_mention_id, mention_count, updated_at, assigned_to, status_reason,
    last_brand_at, next_response_since, next_response_due, paused_at, resolved_at,
    resolution_posted_at, follow_up_due, follow_up_reminded_at, followed_up_at,
    follow_up_outcome, next_alert_at, next_response_warn, resolution_since, resolution_warn
FROM cases;

DROP TABLE cases;
ALTER TABLE cases_v6 RENAME TO cases;

CREATE INDEX cases_queue ON cases (status, first_response_due, risk);
CREATE INDEX cases_brand_kind ON cases (brand_id, kind, opened_at);
CREATE INDEX cases_next_alert ON cases (next_alert_at) WHERE next_alert_at IS NOT NULL;
