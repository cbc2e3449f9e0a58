"""Paging of long lists with Django's own ``Paginator``; the template include is ``core/_pager.html``."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, object_list, *, per_page: int = 50, param: str = "strana") -> Page:
    """The page of ``object_list`` named by the ``strana`` query parameter.

    A missing, malformed or out-of-range number gives the nearest valid page instead of an error.
    """
    return Paginator(object_list, per_page).get_page(request.GET.get(param))
