"""URLs for ``python -m bench.pages`` only: the site's URLs plus a bare page to compare against.

The bare page renders the base layout for an anonymous visitor and touches no database, so it
measures what Django, the middleware and the layout cost by themselves.
"""

from __future__ import annotations

from django.urls import path

from bench.pages import bare_view
from spojka.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/bare/", bare_view, name="bench_bare"), *site_urlpatterns]
