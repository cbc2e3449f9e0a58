"""The client's address as the trusted reverse proxies saw it (for login throttling)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address the outermost of ``TRUSTED_PROXY_COUNT`` proxies received the request from.

    Each proxy appends the address it was connected from to X-Forwarded-For, so only the last
    ``TRUSTED_PROXY_COUNT`` entries are trustworthy; anything left of them the client may have
    written itself. With no proxy configured, the connection's own address counts.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
