"""Absolute links: every link that leaves the app is built here, from the one setting ``SITE_URL``.

E-mails, calendar files and feeds, certificates and the feed address shown on the page all travel
to people and programs outside the request that made them (a calendar app, a printed certificate,
a cron job's e-mail), so they use the site's public address, not whatever host a request came in
on. ``make run`` sets ``SITE_URL`` to the address it serves on.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse`` or ``get_absolute_url``) as an absolute link on the public site."""
    if not path.startswith("/"):
        raise ValueError(f"expected a path starting with '/', got {path!r}")
    return settings.SITE_URL + path


class YearConverter:
    """``<year:year>`` in a URL: a year Spojka can mean (1990–2100); any other number is a 404."""

    regex = "199[0-9]|20[0-9][0-9]|2100"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


_UNIT_MARK = "0-unit-0"  # a slug no real unit has; it only marks where the unit's slug goes


def unit_url_maker(name: str, **kwargs) -> Callable[[str], str]:
    """``reverse(name, kwargs={"unit": slug, **kwargs})`` for many units with one ``reverse``.

    A list of every unit links each row; reversing per row was a visible part of such a page.
    A slug is URL-safe ([-a-zA-Z0-9_]), so putting it in place of the mark needs no quoting.
    """
    before, mark, after = reverse(name, kwargs={"unit": _UNIT_MARK, **kwargs}).partition(_UNIT_MARK)
    if not mark or _UNIT_MARK in after:
        raise ValueError(f"{name}: the unit's slug must appear once in its URL")
    return lambda slug: f"{before}{slug}{after}"
