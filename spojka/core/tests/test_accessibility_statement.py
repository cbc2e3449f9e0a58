"""The accessibility statement is honest and dated (issue 15, item 9) and linked from every page."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_statement_says_partial_compliance_lists_exceptions_and_is_dated(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("core:accessibility"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "částečně v souladu" in html
    assert "plném souladu" not in html and "Aplikace je v souladu" not in html
    exceptions = html[html.index("Nepřístupný obsah") : html.index("Opraveno")]
    assert exceptions.count("<li>") >= 3 and "naskenované" in exceptions
    # What was fixed is no longer listed as an exception but among the fixes.
    fixed = html[html.index("Opraveno") : html.index("Co je ověřováno")]
    assert "souhrn chyb" in fixed and "souhrn chyb" not in exceptions
    assert "29. listopadu 2026" in html


def test_every_page_links_the_statement_from_the_footer(world, login):
    html = (
        login(world.users["partner"])
        .get(reverse("core:search", kwargs={"unit": world.unit.slug}))
        .content.decode()
    )
    footer = html[html.index('<footer class="app-footer">') :]
    assert reverse("core:accessibility") in footer and "Prohlášení o přístupnosti" in footer
