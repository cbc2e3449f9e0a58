"""Links and labels for pages that list many rows, without a ``reverse`` or a choices lookup per row.

``{% url %}`` and ``get_FOO_display`` cost tens of microseconds each; a list of every unit calls
them hundreds of times per page. These filters give the same text from parts looked up once
(``spojka.lib.urls.url_maker``, the region labels per language).
"""

from __future__ import annotations

from django import template

from spojka.cooperation.models import Region
from spojka.lib.urls import url_maker

register = template.Library()


@register.filter
def unit_link(slug: str, url_name: str) -> str:
    """``{{ unit.slug|unit_link:"meetings:task_list" }}`` = ``{% url "meetings:task_list" unit=unit.slug %}``."""
    return url_maker(url_name, "unit")(slug)


@register.filter
def pk_link(pk: int, url_name: str) -> str:
    """``{{ user.pk|pk_link:"access:user_detail" }}`` = ``{% url "access:user_detail" pk=user.pk %}``."""
    return url_maker(url_name, "pk")(pk)


@register.filter
def region_label(code: str) -> str:
    """``{{ unit.region|region_label }}`` = ``{{ unit.get_region_display }}``."""
    return Region.label_of(code)
