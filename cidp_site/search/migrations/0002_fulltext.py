"""Full-text index for SearchEntry, per database vendor.

SQLite: an FTS5 table with external content, kept in step by triggers; bm25 column weights are
stored as its default rank, so ``ORDER BY rank LIMIT n`` stays inside FTS5's fast path.
PostgreSQL: stored, generated tsvectors with GIN indexes: the whole entry (weights A/B/C), titles
alone, and unstemmed titles for autocomplete.
Other databases get nothing here, and the site search refuses to run on them (backends.get_backend).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE site_search_fts USING fts5(
        title_text, snippet_text, body_text,
        content='site_search_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    # Titles again without stemming, so autocomplete can match word prefixes ("infusi" -> infusion).
    """CREATE VIRTUAL TABLE site_search_title_fts USING fts5(
        title_text, content='site_search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER site_search_fts_ai AFTER INSERT ON site_search_searchentry BEGIN
        INSERT INTO site_search_fts(rowid, title_text, snippet_text, body_text)
        VALUES (new.id, new.title_text, new.snippet_text, new.body_text);
        INSERT INTO site_search_title_fts(rowid, title_text) VALUES (new.id, new.title_text);
    END""",
    """CREATE TRIGGER site_search_fts_ad AFTER DELETE ON site_search_searchentry BEGIN
        INSERT INTO site_search_fts(site_search_fts, rowid, title_text, snippet_text, body_text)
        VALUES ('delete', old.id, old.title_text, old.snippet_text, old.body_text);
        INSERT INTO site_search_title_fts(site_search_title_fts, rowid, title_text)
        VALUES ('delete', old.id, old.title_text);
    END""",
    """CREATE TRIGGER site_search_fts_au AFTER UPDATE ON site_search_searchentry BEGIN
        INSERT INTO site_search_fts(site_search_fts, rowid, title_text, snippet_text, body_text)
        VALUES ('delete', old.id, old.title_text, old.snippet_text, old.body_text);
        INSERT INTO site_search_fts(rowid, title_text, snippet_text, body_text)
        VALUES (new.id, new.title_text, new.snippet_text, new.body_text);
        INSERT INTO site_search_title_fts(site_search_title_fts, rowid, title_text)
        VALUES ('delete', old.id, old.title_text);
        INSERT INTO site_search_title_fts(rowid, title_text) VALUES (new.id, new.title_text);
    END""",
    "INSERT INTO site_search_fts(site_search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)')",
    "INSERT INTO site_search_fts(site_search_fts) VALUES ('rebuild')",
    "INSERT INTO site_search_title_fts(site_search_title_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS site_search_fts_au",
    "DROP TRIGGER IF EXISTS site_search_fts_ad",
    "DROP TRIGGER IF EXISTS site_search_fts_ai",
    "DROP TABLE IF EXISTS site_search_fts",
    "DROP TABLE IF EXISTS site_search_title_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE site_search_searchentry ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('english'::regconfig, title_text), 'A')
            || setweight(to_tsvector('english'::regconfig, snippet_text), 'B')
            || setweight(to_tsvector('english'::regconfig, body_text), 'C')
        ) STORED""",
    "CREATE INDEX site_search_entry_vector ON site_search_searchentry USING GIN (search_vector)",
    # Title matches are fetched first when a word is on most rows (see PostgresBackend).
    """ALTER TABLE site_search_searchentry ADD COLUMN title_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title_text)) STORED""",
    "CREATE INDEX site_search_entry_title_vector ON site_search_searchentry USING GIN (title_vector)",
    # Unstemmed titles, so autocomplete can match word prefixes ("infusi" -> infusion).
    """ALTER TABLE site_search_searchentry ADD COLUMN suggest_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title_text)) STORED""",
    "CREATE INDEX site_search_entry_suggest_vector ON site_search_searchentry USING GIN (suggest_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS site_search_entry_suggest_vector",
    "ALTER TABLE site_search_searchentry DROP COLUMN IF EXISTS suggest_vector",
    "DROP INDEX IF EXISTS site_search_entry_title_vector",
    "ALTER TABLE site_search_searchentry DROP COLUMN IF EXISTS title_vector",
    "DROP INDEX IF EXISTS site_search_entry_vector",
    "ALTER TABLE site_search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    # Recorded under the app's old label in databases migrated before 0006: see 0006.
    replaces = [("site_search", "0002_fulltext")]
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
