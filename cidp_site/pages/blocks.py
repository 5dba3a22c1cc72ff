"""StreamField blocks for FAQ pages.

Answers are rich text (Draftail) so a nurse edits them without markup, and they convert losslessly to
and from the markdown in ``content/`` through the site's one markdown pipeline (``pages.markdown``).
"""

from django.core.validators import RegexValidator
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cidp_site.core.slugs import SLUG_RE

# What page rich text may hold: Draftail enforces it on a nurse's edit, pages.markdown on a file's text.
RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]

CALLOUT_LEVELS = [
    ("tell-nurse", "Tell your nurse or doctor at your next visit"),
    ("call-today", "Call your doctor or infusion nurse today"),
    ("emergency", "Call emergency services now"),
]

# The pattern as text, not compiled: the block definitions in the migrations hold this very string.
anchor_validator = RegexValidator(SLUG_RE.pattern, "Use lowercase letters, digits and single hyphens.")


class CalloutBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=CALLOUT_LEVELS,
        help_text="How urgent: each level has its own heading, icon and colour on the page.",
    )
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        help_text="What to watch for and what to do. A short list works best.",
    )

    class Meta:
        icon = "warning"
        label = "When to get help"
        template = "blocks/callout.html"


class FigureBlock(blocks.StructBlock):
    image = blocks.CharBlock(
        help_text="File name of a picture in static/content-images/, for example nerve-myelin.svg.",
    )
    alt = blocks.CharBlock(help_text="What the picture shows, for people who cannot see it.")
    caption = blocks.CharBlock(required=False, help_text="Optional line shown under the picture.")

    class Meta:
        icon = "image"
        label = "Picture"
        template = "blocks/figure.html"


class WarningListBlock(SnippetChooserBlock):
    """A shared warning list, shown in full wherever it is included (``:::include <id>``)."""

    def __init__(self, **kwargs):
        super().__init__("pages.WarningList", **kwargs)

    def deconstruct(self):
        return ("cidp_site.pages.blocks.WarningListBlock", (), {})

    class Meta:
        icon = "warning"
        label = "Shared warning list"
        template = "blocks/warning_list.html"


class AnswerBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        help_text="Paragraphs, lists and subheadings. Keep sentences short. Cite a source as [@id].",
        template="blocks/text.html",
    )
    callout = CalloutBlock()
    include = WarningListBlock(
        help_text="A warning list written once and shown the same on every page and handout."
    )
    figure = FigureBlock()


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        max_length=200,
        help_text="The question as a patient would ask it, e.g. 'Can I have IVIG at home?'",
    )
    anchor = blocks.CharBlock(
        max_length=80,
        validators=[anchor_validator],
        help_text=(
            "Permanent link name for this question (e.g. 'ivig-at-home'). "
            "Clinics link to it: never change it once published."
        ),
    )
    short_answer = blocks.TextBlock(
        help_text="One or two plain sentences that answer the question. Shown first.",
    )
    answer = AnswerBlock(required=False, help_text="The fuller answer, for readers who want the detail.")

    class Meta:
        icon = "help"
        label = "Question"
        template = "blocks/question.html"
