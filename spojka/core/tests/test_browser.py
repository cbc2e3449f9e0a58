from __future__ import annotations

import pytest
from auditlog.context import set_actor

from spojka.accounts.models import Role
from spojka.conftest import make_unit, make_user
from spojka.meetings.models import Task
from spojka.partnership.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_history_filters_pages_and_reads_in_words(browser_page):
    unit = make_unit()
    editor = make_user("editor", unit=unit, role=Role.EDITOR)
    with set_actor(editor):
        person = Person.objects.create(unit=unit, first_name="Jan", last_name="Šebesta")
        for i in range(55):
            Task.objects.create(unit=unit, title=f"Úkol {i}", assignee=person)
    page = browser_page
    page.login("editor")
    page.goto(f"/u/{unit.slug}/historie/")
    main = page.page.locator("main")
    assert "Jan Šebesta" in main.inner_text() and "strana 1 z 2" in main.inner_text()
    page.page.get_by_role("link", name="další").click()
    page.check()
    page.page.get_by_label("Co").select_option(label="Osoby")
    page.page.get_by_role("button", name="Filtrovat").click()
    page.check()
    text = main.inner_text()
    assert "Jan Šebesta" in text and "Úkol 3" not in text
