"""The page shown when django-axes refuses a login (too many wrong passwords)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(request: HttpRequest, original_response, credentials) -> HttpResponse:
    """A Czech explanation with HTTP 429, for the app's login and /admin/login/ alike."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


# Usernames are at most 150 characters (User.username); axes stores what was typed in a column of 255.
USERNAME_MAX = 150


def client_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username axes records and locks on, as the login form would read it: a hostile value
    (100,000 characters, a NUL that PostgreSQL refuses) must be refused as a wrong login, not crash
    the failed-login record with a database error."""
    source = credentials or getattr(request, "POST", {})
    username = source.get("username")
    if username is None:
        return None
    return str(username).replace("\x00", "")[:USERNAME_MAX]
