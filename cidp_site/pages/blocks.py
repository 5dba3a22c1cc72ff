"""StreamField blocks for FAQ pages.

Answers are rich text (Draftail) so a nurse edits them without markup, and they convert losslessly to
and from the markdown in ``content/`` through the site's one markdown pipeline (``pages.markdown``).
"""

from dataclasses import dataclass

from django.core.validators import RegexValidator
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cidp_site.core.slugs import SLUG_RE

# What page rich text may hold: Draftail enforces it on a nurse's edit, pages.markdown on a file's text.
RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


@dataclass(frozen=True)
class CalloutLevel:
    """One urgency of a "when to get help" box. The one place its words live, so the editor's
    choice, the nurses' guide and the box a reader sees can never disagree."""

    value: str
    label: str  # what a nurse picks, in the editor and the guide
    use_for: str  # the guide's advice on when to pick it
    heading: str  # the box's heading; an emergency box adds the number to call after it
    icon: str  # a text mark beside the heading, so urgency never rests on colour alone


CALLOUTS = (
    CalloutLevel(
        "tell-nurse",
        "Tell your nurse or doctor at your next visit",
        "worth mentioning, not urgent.",
        "Tell your nurse or doctor at your next visit",
        "i",
    ),
    CalloutLevel(
        "call-today",
        "Call your doctor or infusion nurse today",
        "needs advice the same day.",
        # The heading of every same-day list, GBS's and MG's too, where the reader may have no
        # infusion nurse: each list's own words say whom to call.
        "Get medical advice today",
        "!",
    ),
    CalloutLevel(
        "emergency",
        "Call emergency services now",
        "danger signs, such as trouble breathing.",
        "Emergency: call",
        "!!",
    ),
)
CALLOUT_BY_VALUE = {level.value: level for level in CALLOUTS}
CALLOUT_LEVELS = [(level.value, level.label) for level in CALLOUTS]

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
    also_asked = blocks.TextBlock(
        required=False,
        label="Other ways readers ask",
        help_text=(
            "One per line: the words a patient might type to find this answer, e.g. 'ivig at home'. "
            "Readers never see these; search uses them."
        ),
    )

    class Meta:
        icon = "help"
        label = "Question"
        template = "blocks/question.html"
