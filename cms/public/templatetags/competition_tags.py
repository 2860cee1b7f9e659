"""Template helpers for competition content on public pages."""

from django import template

from registry.competitions.selectors import innovation_awards as select_awards

register = template.Library()


@register.simple_tag
def innovation_awards(innovation_id):
    """{% innovation_awards innovation.pk as awards %} — wins and published finalist places."""
    return select_awards(innovation_id)
