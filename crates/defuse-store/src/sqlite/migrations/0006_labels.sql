-- An agent's corrections of the analysis: the history (who, when, what), and the values in effect on
-- the mention (its kind and sentiment columns take the correction; the analysis JSON keeps what
-- the model said).
CREATE TABLE labels (
    id          INTEGER PRIMARY KEY,
    mention_id  INTEGER NOT NULL REFERENCES mentions(id),
    kind        TEXT,
    sentiment   TEXT,
    spam        INTEGER,
    actor       TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX labels_mention ON labels (mention_id, id);
