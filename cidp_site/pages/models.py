"""Page types: a home page, topic sections, and FAQ pages made of ordered questions."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.blocks import PageChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, QuestionBlock
from .library import Source, WarningList  # noqa: F401 - models of this app
from .link_prefetch import fetch, page_ids_in, prefetched, prefetched_links
from .readability_panel import ReadabilityPanel
from .references import citations_for

CONTENT_ID_HELP = (
    "Permanent identity of this page, shared with its markdown file in content/. Never change it."
)


def drafts_note():
    """The editor saves a draft by itself a moment after typing stops; nurses should know that."""
    return HelpPanel(
        heading="Drafts save themselves",
        content=(
            "<p><strong>Your changes save themselves as a draft</strong> a moment after you stop typing. "
            "Patients see nothing until you send the page for clinical review and a reviewer approves it. "
            "The <em>Guide for nurses</em> in the menu explains each step.</p>"
        ),
    )


class ContentPage(Page):
    """Fields every page imported from ``content/`` carries."""

    content_id = models.SlugField(
        max_length=100, unique=True, null=True, blank=True, help_text=CONTENT_ID_HELP
    )
    summary = models.TextField(
        blank=True,
        help_text="One to three plain sentences (reading grade 6) shown at the top and in search.",
    )
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES, help_text="Optional short introduction.")
    also_asked = models.TextField(
        blank=True,
        verbose_name="Other ways readers ask for this page",
        help_text=(
            "One per line: the words a patient might type when this whole page is the answer, "
            "e.g. 'coping with cidp day to day'. Readers never see these; search uses them."
        ),
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("intro"),
    ]

    content_panels = (
        [drafts_note()]
        + Page.content_panels
        + [FieldPanel("summary"), FieldPanel("intro"), FieldPanel("also_asked")]
    )
    # Home and section pages list their live children in the template under this name.
    children_context_name = ""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.children_context_name:
            context[self.children_context_name] = self.get_children().live().public().specific()
        return context

    def route(self, request, path_components):
        """Find a descendant by its URL path in one query instead of one query per level."""
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            target = Page.objects.filter(url_path=url_path, path__startswith=self.path).specific().first()
            if target is not None:
                return target.route(request, [])
        return super().route(request, path_components)

    def linked_page_ids(self) -> set[int]:
        return page_ids_in(self.intro)

    def serve(self, request, *args, **kwargs):
        with prefetched_links(fetch(self.linked_page_ids())):
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # a TemplateResponse renders later, after the links are gone
            return response


class HomePage(ContentPage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.SectionPage", "pages.FAQPage"]
    max_count = 1
    children_context_name = "sections"


class SectionPage(ContentPage):
    parent_page_types = ["pages.HomePage", "pages.SectionPage"]
    subpage_types = ["pages.SectionPage", "pages.FAQPage"]
    children_context_name = "children"


class FAQPage(ContentPage):
    questions = StreamField(
        [("question", QuestionBlock())],
        blank=True,
        help_text="The questions, in the order a reader would ask them.",
    )
    related = StreamField(
        [("page", PageChooserBlock(page_type=["pages.FAQPage", "pages.SectionPage"]))],
        blank=True,
        help_text="Other pages a reader of this one will want next.",
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When a clinical reviewer last approved this page. Set by the Clinical review workflow.",
    )
    review_due = models.DateField(
        null=True, blank=True, help_text="When the page must next be reviewed (usually 12 months)."
    )
    reviewed_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="The clinical reviewer who approved this page. Set by the Clinical review workflow; "
        "empty means no clinician has checked it, and the page says so.",
    )

    parent_page_types = ["pages.HomePage", "pages.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "FAQ page"  # not "faq page" in the nurses' "Add a page" list
        verbose_name_plural = "FAQ pages"

    search_fields = ContentPage.search_fields + [
        index.SearchField("questions"),
    ]

    content_panels = (
        [drafts_note()]
        + Page.content_panels
        + [
            ReadabilityPanel(),
            FieldPanel("summary"),
            FieldPanel("intro"),
            FieldPanel("questions"),
            FieldPanel("also_asked"),
            FieldPanel("related"),
            # Only a reviewer's approval sets these (cidp_site/workflow/review.py): shown, never typed into.
            MultiFieldPanel(
                [
                    FieldPanel("reviewed_on", read_only=True),
                    FieldPanel("review_due", read_only=True),
                    FieldPanel("reviewed_by", read_only=True),
                ],
                heading="Clinical review",
                help_text="Set when a clinical reviewer approves the page. Nobody types these in.",
            ),
        ]
    )

    def related_ids(self) -> list[int]:
        return [int(item["value"]) for item in self.related.raw_data if str(item.get("value", "")).isdigit()]

    def linked_page_ids(self) -> set[int]:
        return (
            super().linked_page_ids() | page_ids_in(list(self.questions.raw_data)) | set(self.related_ids())
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = prefetched() or fetch(self.related_ids())
        related = (pages.get(pk) for pk in self.related_ids())
        context["related_pages"] = [p for p in related if p is not None and p.live]
        context["citations"], context["references"] = citations_for(self)
        return context

    def warning_lists(self) -> list:
        """Each "when to get help" list on the page, in order: inline callouts and shared lists
        (a shared list included twice is shown once). Handouts print them all in full."""
        found, seen = [], set()
        for block in self.questions:
            for child in block.value["answer"] or []:
                if child.block_type == "callout":
                    found.append(child)
                elif child.block_type == "include" and child.value is not None and child.value.pk not in seen:
                    seen.add(child.value.pk)
                    found.append(child)
        return found

    @property
    def is_reviewed(self) -> bool:
        """Only a reviewer's approval sets both; without them the page must not claim a review."""
        return bool(self.reviewed_on and self.reviewed_by.strip())

    @property
    def review_overdue(self) -> bool:
        return bool(self.is_reviewed and self.review_due and self.review_due < timezone.localdate())
