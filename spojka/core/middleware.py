"""Response headers and session rules that hold for every page of the site.

Django 5.2 has no Content-Security-Policy of its own (6.0 will). Every asset is served by the app
itself and no template has an inline script or style, so one fixed policy fits every page;
a single small middleware keeps it next to the other headers instead of adding a package for it.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # The design system's stylesheets embed their icons as data: SVG images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Spojka uses none of the browser's powerful features; deny them to anything a page might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)
LAST_SEEN = "spojka_last_seen"
# The idle clock is written to the session at most this often, so that an ordinary page view
# does not cost a session write.
_LAST_SEEN_RESOLUTION = 60


class SecurityHeadersMiddleware:
    """CSP and Permissions-Policy everywhere; nothing a signed-in user sees is kept in a cache."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Pages and downloads of a signed-in user hold tenant data: never store them
            # (a shared computer's cache, a proxy).
            patch_cache_control(response, no_store=True, private=True)
        return response


class IdleTimeoutMiddleware:
    """Signs out a user who did nothing for ``SESSION_IDLE_TIMEOUT`` seconds."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _("Byli jste odhlášeni po %(minutes)s minutách nečinnosti. Přihlaste se prosím znovu.")
                    % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60},
                )
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= _LAST_SEEN_RESOLUTION or LAST_SEEN not in request.session:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


@receiver(user_logged_in)
def start_idle_clock(sender, request, user, **kwargs) -> None:
    # Set at login, so that the first page after it does not have to write the session.
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())
