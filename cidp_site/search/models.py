"""Search data: a denormalised entry per page and per question, synonyms, and what readers miss.

Nothing here records who a reader is: the zero-result log is a count per query and day.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cidp_site.core.models import DailyCount, forget_old_reader_text

from .text import words


class SearchEntry(models.Model):
    """One row per live page and per question. FTS5 (SQLite) or a tsvector (PostgreSQL) indexes it;
    those are created by migration 0002 for the database in use."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    anchor = models.CharField(max_length=80, blank=True)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=255)
    snippet = models.TextField(blank=True)
    context = models.CharField(max_length=255, blank=True, help_text="Page title, for questions.")
    title_text = models.TextField()
    snippet_text = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    # Other ways readers ask for it, one a line, as written: nearness of meaning compares a reader's
    # words with each (search.meaning). Their words are indexed with the short answer already.
    # Nullable so that SQLite adds the column in place: rebuilding the table would drop the
    # full-text triggers of migration 0002.
    phrasings = models.TextField(blank=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        db_table = "site_search_searchentry"
        constraints = [models.UniqueConstraint(fields=["page", "anchor"], name="site_search_entry_unique")]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.title} ({self.page_id}#{self.anchor})" if self.anchor else self.title


class SynonymGroup(models.Model):
    terms = models.TextField(
        help_text=(
            "Words or phrases that mean the same thing, separated by commas. "
            "Example: IVIG, intravenous immunoglobulin, immune globulin. "
            "A search for any one of them also finds the others."
        )
    )
    note = models.CharField(max_length=200, blank=True, help_text="Optional: why these belong together.")
    glossary_anchor = models.SlugField(
        max_length=80,
        blank=True,
        help_text=(
            "Filled for a glossary term's group: the term's anchor on the glossary page. Its first "
            "terms are the term's own name; the rest are the other words people use for it."
        ),
    )

    panels = [FieldPanel("terms"), FieldPanel("note"), FieldPanel("glossary_anchor")]

    class Meta:
        db_table = "site_search_synonymgroup"
        ordering = ["terms"]
        verbose_name = "search synonym group"

    def __str__(self):
        text = ", ".join(self.term_list())
        return text if len(text) <= 80 else text[:77] + "…"

    def term_list(self) -> list[str]:
        return [" ".join(t.split()) for t in self.terms.replace("\n", ",").split(",") if t.strip()]

    def phrases(self) -> list[tuple[str, ...]]:
        """Each term as a tuple of folded words; empty ones (only punctuation) dropped."""
        return [tuple(w) for w in (words(t) for t in self.term_list()) if w]


class ZeroResultQuery(DailyCount):
    """A search that found nothing, or only answers close in meaning (no page uses its words): the
    query text and how often it was made that day."""

    query = models.CharField(max_length=200)

    class Meta:
        db_table = "site_search_zeroresultquery"
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="site_search_zero_unique")]
        verbose_name = "search with no results"
        verbose_name_plural = "searches with no results"

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, query: str, day=None) -> None:
        cls.count_one(day, query=query[:200])
        forget_old_reader_text(cls)
