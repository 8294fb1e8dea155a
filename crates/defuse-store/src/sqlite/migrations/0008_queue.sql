-- defuse schema, version 8: the queue served from indexes. `due_at` is the deadline that
-- matters now (the earliest running clock: the first response until the brand answered, then
-- the next response or the resolution), as a generated column, so that each part of the queue's
-- order (`triage::queue_order`: breached riskiest first; then the nearest deadline; no clock;
-- waiting) reads an index in order instead of sorting every open case on every page.
ALTER TABLE cases ADD COLUMN due_at INTEGER GENERATED ALWAYS AS (
    MIN(COALESCE(CASE WHEN responded_at IS NULL THEN first_response_due END, next_response_due,
            resolution_due),
        COALESCE(next_response_due, resolution_due,
            CASE WHEN responded_at IS NULL THEN first_response_due END),
        COALESCE(resolution_due, CASE WHEN responded_at IS NULL THEN first_response_due END,
            next_response_due))
) VIRTUAL;
CREATE INDEX cases_by_risk ON cases (risk DESC, due_at, id);
CREATE INDEX cases_by_due ON cases (due_at, risk DESC, id);
CREATE INDEX cases_waiting ON cases (due_at, risk DESC, id) WHERE paused_at IS NOT NULL;
CREATE INDEX cases_kind_by_risk ON cases (kind, risk DESC, due_at, id);
CREATE INDEX cases_kind_by_due ON cases (kind, due_at, risk DESC, id);
