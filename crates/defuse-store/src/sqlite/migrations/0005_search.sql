-- defuse schema, version 5: full-text search over mention text and title for the queue (issue
-- 13). A contentless FTS5 index (the text stays in `mentions` only; the index holds the words)
-- whose rows are the mentions' ids. `unicode61 remove_diacritics 2` folds case and diacritics,
-- so "ЗАКАЗ" finds "заказ", "sedinta" finds "ședința", "tara" finds "țară". The queue's
-- query asks for each word as a prefix ("заказ" finds "заказа", "заказом"). The tokenizer does
-- not fold ё to е, so the index is given the text with ё written е (the query is folded alike,
-- `search::query_words`), as defuse's own tokenizer does.
-- Earlier texts of an edited mention (mention_versions) are not indexed: a mention is found by
-- what it says now.

CREATE VIRTUAL TABLE mention_search USING fts5(
    text,
    title,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO mention_search (rowid, text, title)
    SELECT id, replace(replace(text, 'ё', 'е'), 'Ё', 'Е'),
        replace(replace(json_extract(raw, '$.title'), 'ё', 'е'), 'Ё', 'Е')
    FROM mentions;

-- Kept current on every write, whichever path makes it (ingestion, an edit, a rematch).
CREATE TRIGGER mention_search_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO mention_search (rowid, text, title)
        VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(json_extract(new.raw, '$.title'), 'ё', 'е'), 'Ё', 'Е'));
END;

-- An edit (a changed text or title) replaces the mention's words; a change of counters alone
-- (the raw form holds the metrics too) leaves the index alone.
CREATE TRIGGER mention_search_update AFTER UPDATE OF text, raw ON mentions
WHEN old.text IS NOT new.text
    OR json_extract(old.raw, '$.title') IS NOT json_extract(new.raw, '$.title')
BEGIN
    DELETE FROM mention_search WHERE rowid = old.id;
    INSERT INTO mention_search (rowid, text, title)
        VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(json_extract(new.raw, '$.title'), 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER mention_search_delete AFTER DELETE ON mentions BEGIN
    DELETE FROM mention_search WHERE rowid = old.id;
END;
