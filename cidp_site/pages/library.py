"""What pages share: the bibliography they cite and the warning lists they include by name.

Both are written once in content/ (``sources.yaml`` and ``warnings/<id>.md``) and referred to by
id, so a correction reaches every page and handout at once.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from .blocks import CALLOUT_LEVELS

LIST_FEATURES = ["bold", "italic", "ul", "link"]


class Source(models.Model):
    """One entry of content/sources.yaml. Written by sync_content only: git is its one home."""

    source_id = models.SlugField(max_length=100, unique=True)
    authors = models.CharField(max_length=500, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    publication = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    accessed = models.DateField(null=True, blank=True)
    doi = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["source_id"]

    def __str__(self) -> str:
        return f"{self.source_id}: {self.title}"

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self) -> str:
        """The one address a reader follows: the DOI resolver when there is a DOI."""
        return self.doi_url or self.url


class WarningList(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A "when to get help" list, included by name in pages (``:::include <id>``).

    A snippet with drafts and the Clinical review workflow, so a nurse's edit goes live only
    when a reviewer approves it, exactly as for pages.
    """

    list_id = models.SlugField(
        "id",
        max_length=100,
        unique=True,
        help_text="Permanent name pages use to include this list (the file content/warnings/<id>.md).",
    )
    level = models.CharField(max_length=20, choices=CALLOUT_LEVELS, help_text="How urgent.")
    title = models.CharField(max_length=200, help_text="e.g. 'After IVIG: get help now'.")
    text = RichTextField(
        features=LIST_FEATURES,
        help_text="An optional lead-in line, then a list of signs. Cite a source for each list. "
        "Never type the emergency number: the site adds it.",
    )

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="warning_list",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="warning_list",
        for_concrete_model=False,
    )

    panels = [FieldPanel("list_id"), FieldPanel("level"), FieldPanel("title"), FieldPanel("text")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("list_id")]

    class Meta:
        ordering = ["list_id"]
        verbose_name = "warning list"

    def __str__(self) -> str:
        return f"{self.title} ({self.list_id})"
