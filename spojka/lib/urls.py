"""Absolute links: every link that leaves the app is built here, from the one setting ``SITE_URL``.

E-mails, calendar files and feeds, certificates and the feed address shown on the page all travel
to people and programs outside the request that made them (a calendar app, a printed certificate,
a cron job's e-mail), so they use the site's public address, not whatever host a request came in
on. ``make run`` sets ``SITE_URL`` to the address it serves on.
"""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse`` or ``get_absolute_url``) as an absolute link on the public site."""
    if not path.startswith("/"):
        raise ValueError(f"expected a path starting with '/', got {path!r}")
    return settings.SITE_URL + path
