"""One small interface over each database's own full-text engine.

A query reaches a backend as groups of alternative phrases, each phrase a tuple of folded words
made only of letters and digits (see text.py). A row matches if it matches any phrase; rows that
match more groups, and in the title, rank higher. Backends return SearchEntry ids, best first.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

Phrase = tuple[str, ...]
Groups = list[list[Phrase]]


class SQLiteBackend:
    """FTS5 with bm25 column weights (title 10, short answer 4, body 1) stored as the table's rank.

    bm25 scores every matching row and first counts every phrase's matches over the whole index, so
    for a word on most of 10,000 pages it costs hundreds of milliseconds. When more than CANDIDATES
    rows match, candidates are therefore taken unscored: title matches first, then other matches,
    and query.rerank() orders them. For this site (a few hundred rows) bm25 always applies.
    """

    CANDIDATES = 500

    @staticmethod
    def _match(groups: Groups) -> str:
        # Every word is double-quoted, so NEAR, OR, AND, NOT typed by a reader are plain words.
        return " OR ".join(
            "(" + " OR ".join('"' + " ".join(phrase) + '"' for phrase in group) + ")" for group in groups
        )

    @staticmethod
    def _rows(sql: str, params: list) -> list:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def search(self, groups: Groups, limit: int, offset: int = 0) -> list[int]:
        match = self._match(groups)
        select = "SELECT rowid FROM site_search_fts WHERE site_search_fts MATCH %s"
        if self.count(groups, self.CANDIDATES + 1) <= self.CANDIDATES:
            return self._rows(f"{select} ORDER BY rank LIMIT %s OFFSET %s", [match, limit, offset])
        wanted = limit + offset
        ids = self._rows(f"{select} LIMIT %s", [f"title_text : ({match})", wanted])
        seen = set(ids)
        ids += [i for i in self._rows(f"{select} LIMIT %s", [match, wanted * 2]) if i not in seen]
        return ids[offset:wanted]

    def count(self, groups: Groups, cap: int) -> int:
        sql = "SELECT count(*) FROM (SELECT 1 FROM site_search_fts WHERE site_search_fts MATCH %s LIMIT %s)"
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._match(groups), cap])
            return cursor.fetchone()[0]

    def suggest(self, words: Phrase, prefix: str, limit: int) -> list[int]:
        terms = [f'"{w}"' for w in words] + ([f'"{prefix}" *'] if prefix else [])
        sql = (
            "SELECT rowid FROM site_search_title_fts WHERE site_search_title_fts MATCH %s "
            "ORDER BY rank LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [" AND ".join(terms), limit])
            return [row[0] for row in cursor.fetchall()]


class PostgresBackend:
    """A generated, weighted tsvector with a GIN index; ts_rank over a bounded candidate set.

    ts_rank reads every matching row's vector, which for a word on most of 10,000 pages costs more
    than the latency budget. So candidates are taken in two bounded steps, title matches first, and
    only those are ranked. For this site (a few hundred rows) the bound is never reached.
    """

    CANDIDATES = 200

    @staticmethod
    def _tsquery(groups: Groups) -> str:
        def phrase(p: Phrase) -> str:
            return "(" + " <-> ".join(f"'{w}'" for w in p) + ")"

        return " | ".join("(" + " | ".join(phrase(p) for p in group) + ")" for group in groups)

    RANKED = {
        column: f"""
            WITH q AS (SELECT to_tsquery('english', %s) AS query)
            SELECT e.id, ts_rank(e.search_vector, q.query) FROM site_search_searchentry e, q
            WHERE e.{column} @@ q.query LIMIT %s
        """  # noqa: S608 - the column is one of two fixed names; the query text is a parameter
        for column in ("title_vector", "search_vector")
    }

    def _ranked(self, vector: str, query: str) -> list[tuple[int, float]]:
        sql = self.RANKED[vector]
        with connection.cursor() as cursor:
            cursor.execute(sql, [query, self.CANDIDATES])
            return cursor.fetchall()

    def search(self, groups: Groups, limit: int, offset: int = 0) -> list[int]:
        # Title matches first; the body index is read only when titles alone cannot fill the set,
        # because building the bitmap of a word found in most bodies is the expensive step.
        query = self._tsquery(groups)
        rows = self._ranked("title_vector", query)
        if len(rows) < self.CANDIDATES:
            seen = {pk for pk, _ in rows}
            rows += [row for row in self._ranked("search_vector", query) if row[0] not in seen]
        rows.sort(key=lambda row: (-row[1], row[0]))
        return [pk for pk, _ in rows][offset : offset + limit]

    def suggest(self, words: Phrase, prefix: str, limit: int) -> list[int]:
        terms = [f"'{w}'" for w in words] + ([f"'{prefix}':*"] if prefix else [])
        sql = """
            WITH q AS (SELECT to_tsquery('simple', %s) AS query)
            SELECT e.id FROM site_search_searchentry e, q WHERE e.suggest_vector @@ q.query
            ORDER BY ts_rank(e.suggest_vector, q.query) DESC, length(e.title), e.id LIMIT %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [" & ".join(terms), limit])
            return [row[0] for row in cursor.fetchall()]


def get_backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise ImproperlyConfigured(f"site search supports SQLite and PostgreSQL, not {connection.vendor}")
