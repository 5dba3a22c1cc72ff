"""The emergency number in templates, read without creating the setting's row on a reader's GET."""

from django import template

from cidp_site.core.models import EmergencySettings

register = template.Library()


@register.simple_tag(takes_context=True)
def emergency_number(context) -> str:
    return EmergencySettings.number_for(context.get("request"))
