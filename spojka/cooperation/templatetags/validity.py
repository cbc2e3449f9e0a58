"""``{{ description|validity_badge }}``: a description's state as of today, never "platné" once ended."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from spojka.cooperation.models import CooperationDescription
from spojka.cooperation.validity import validity_on

register = template.Library()


@register.filter
def validity_badge(description: CooperationDescription) -> SafeString:
    state = validity_on(description, timezone.localdate())
    return format_html('<span class="app-status app-status--{}">{}</span>', state.css, state.label)
