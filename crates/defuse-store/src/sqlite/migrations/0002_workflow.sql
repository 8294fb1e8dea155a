-- defuse schema, version 2: the case workflow [RT1–RT3, F1, F2, M1–M4], the audit trail, the job
-- queue and webhook deliveries. Instants are UTC milliseconds since the epoch.

ALTER TABLE cases ADD COLUMN assigned_to TEXT;
ALTER TABLE cases ADD COLUMN status_reason TEXT;          -- why it moved to its status (ignored: why)
ALTER TABLE cases ADD COLUMN last_brand_at INTEGER;       -- the brand's last answer (any visibility)
ALTER TABLE cases ADD COLUMN next_response_since INTEGER; -- RT2: earliest unanswered later message
ALTER TABLE cases ADD COLUMN next_response_due INTEGER;
ALTER TABLE cases ADD COLUMN paused_at INTEGER;           -- waiting for the customer since
ALTER TABLE cases ADD COLUMN resolved_at INTEGER;
ALTER TABLE cases ADD COLUMN resolution_posted_at INTEGER; -- F2
ALTER TABLE cases ADD COLUMN follow_up_due INTEGER;        -- F1
ALTER TABLE cases ADD COLUMN follow_up_reminded_at INTEGER;
ALTER TABLE cases ADD COLUMN followed_up_at INTEGER;
ALTER TABLE cases ADD COLUMN follow_up_outcome TEXT;
ALTER TABLE cases ADD COLUMN next_alert_at INTEGER;        -- when the alert scan must look again
ALTER TABLE cases ADD COLUMN next_response_warn INTEGER;   -- its warning, moved by pauses
ALTER TABLE cases ADD COLUMN resolution_since INTEGER;     -- the resolution clock's start (reopened)
ALTER TABLE cases ADD COLUMN resolution_warn INTEGER;      -- its warning, moved by pauses
CREATE INDEX cases_brand_kind ON cases (brand_id, kind, opened_at);
CREATE INDEX cases_next_alert ON cases (next_alert_at) WHERE next_alert_at IS NOT NULL;
UPDATE cases SET next_alert_at = opened_at;

ALTER TABLE mentions ADD COLUMN moderation TEXT NOT NULL DEFAULT 'visible'; -- hidden, deleted, reported
ALTER TABLE api_tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'agent';

-- Replies recorded on a case (sending them to platforms comes with the connectors).
CREATE TABLE replies (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    author      TEXT NOT NULL,
    visibility  TEXT NOT NULL,     -- public | private
    text        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX replies_case ON replies (case_id);

CREATE TABLE transitions (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    actor        TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX transitions_case ON transitions (case_id);

CREATE TABLE moderation_actions (
    id               INTEGER PRIMARY KEY,
    mention_id       INTEGER NOT NULL REFERENCES mentions(id),
    action           TEXT NOT NULL,
    rule_id          TEXT,
    reason           TEXT NOT NULL,
    actor            TEXT NOT NULL,
    overridden       INTEGER NOT NULL DEFAULT 0,
    override_reason  TEXT,
    at               INTEGER NOT NULL
);
CREATE INDEX moderation_mention ON moderation_actions (mention_id);

-- The append-only audit trail: each record chained to the one before by SHA-256.
CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL,
    action      TEXT NOT NULL,
    case_id     INTEGER,
    mention_id  INTEGER,
    detail      TEXT NOT NULL,
    overridden  INTEGER NOT NULL DEFAULT 0,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_case ON audit (case_id, at) WHERE case_id IS NOT NULL;
CREATE INDEX audit_action ON audit (action);
-- The last record written, kept apart so records removed from the end are noticed.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);

-- Background work: each job has a unique key, so scheduling twice adds nothing, and runs in the
-- same transaction that marks it done, so it never fires twice.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,     -- sla_warning, sla_breach, high_risk, follow_up
    key          TEXT NOT NULL UNIQUE,
    case_id      INTEGER REFERENCES cases(id),
    payload      TEXT NOT NULL,
    run_at       INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending', -- pending, done
    outcome      TEXT,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER
);
CREATE INDEX jobs_due ON jobs (status, run_at);

-- Webhook deliveries (an outbox): retried with backoff until delivered or given up.
CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY,
    job_id           INTEGER NOT NULL REFERENCES jobs(id),
    webhook          TEXT NOT NULL,
    event            TEXT NOT NULL,
    body             TEXT NOT NULL,   -- the event as JSON
    status           TEXT NOT NULL DEFAULT 'pending', -- pending, delivered, failed
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    delivered_at     INTEGER,
    UNIQUE (job_id, webhook)
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
