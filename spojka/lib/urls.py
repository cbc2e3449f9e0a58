"""Absolute links: every link that leaves the app is built here, from the one setting ``SITE_URL``.

E-mails, calendar files and feeds, certificates and the feed address shown on the page all travel
to people and programs outside the request that made them (a calendar app, a printed certificate,
a cron job's e-mail), so they use the site's public address, not whatever host a request came in
on. ``make run`` sets ``SITE_URL`` to the address it serves on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


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


def _mark(n: int) -> str:
    # Digits only, so that it matches any path converter (int, slug, str); long enough that no
    # URL pattern's own text contains it.
    return f"909090{n}090909"


@lru_cache(maxsize=512)
def _url_parts(name: str, params: tuple[str, ...], fixed: tuple, prefix: str, urlconf) -> tuple[str, ...]:
    url = reverse(name, kwargs={**dict(fixed), **{p: _mark(n) for n, p in enumerate(params)}})
    parts = [url]
    for n in range(len(params)):
        before, mark, after = parts.pop().partition(_mark(n))
        if not mark or _mark(n) in after:
            raise ValueError(f"{name}: {params[n]!r} must appear once in its URL")
        parts += [before, after]
    return tuple(parts)


def url_maker(name: str, *params: str, **fixed) -> Callable[..., str]:
    """``reverse(name, kwargs=...)`` for many rows with one ``reverse``: a function of ``params``.

    ``url_maker("compliance:rule_detail", "unit", "pk")(slug, 12)`` equals
    ``reverse("compliance:rule_detail", kwargs={"unit": slug, "pk": 12})``. A page that links every
    row reversed once per row, which was a visible part of its time. Only for slug and integer
    parameters: their values are URL-safe, so they are put in place without quoting. The parts are
    kept per URL conf and script prefix, which is all a ``reverse`` depends on besides its arguments.
    """
    parts = _url_parts(name, params, tuple(sorted(fixed.items())), get_script_prefix(), get_urlconf())
    if len(params) == 1:
        before, after = parts
        return lambda value: f"{before}{value}{after}"

    def make(*values) -> str:
        out = [parts[0]]
        for value, part in zip(values, parts[1:], strict=True):
            out += [str(value), part]
        return "".join(out)

    return make
