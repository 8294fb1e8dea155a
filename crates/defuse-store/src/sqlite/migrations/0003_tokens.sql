-- Tokens: expiry, revocation, unique names (issue 12, bug 9). Names that were given twice get
-- their row id appended, so the unique index can be built over an existing desk.
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN revoked_at INTEGER;
UPDATE api_tokens SET name = name || '#' || id
    WHERE id NOT IN (SELECT MIN(id) FROM api_tokens GROUP BY name);
CREATE UNIQUE INDEX api_tokens_name ON api_tokens (name);
