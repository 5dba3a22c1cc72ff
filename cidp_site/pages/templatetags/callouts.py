"""The words of a "when to get help" box, from ``pages.blocks.CALLOUTS``, for the templates."""

from django import template

from cidp_site.pages.blocks import CALLOUT_BY_VALUE, CALLOUTS

register = template.Library()


@register.simple_tag
def callout_level(value):
    """An unknown level (a hand-edited revision) reads as the mildest, never as no heading at all."""
    return CALLOUT_BY_VALUE.get(value, CALLOUTS[0])


@register.simple_tag
def callout_levels():
    return CALLOUTS
