"""Issue 15, item 6: the agenda editor adds, edits, reorders and removes points in place, with htmx
partial updates and without JavaScript alike."""

from __future__ import annotations

import pytest
from django.urls import reverse

from spojka.meetings.models import AgendaItem
from spojka.trash.models import TrashedItem

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(w) -> str:
    return reverse("meetings:agenda_edit", kwargs={"unit": w.unit.slug, "pk": w.meeting.pk})


def titles(meeting) -> list[tuple[int, str]]:
    return list(meeting.agenda_items.order_by("order").values_list("order", "title"))


@pytest.fixture
def editor(mw, login):
    client = login(mw.users["editor"])
    for title in ("Bydlení", "Zaměstnanost"):
        client.post(_url(mw), {"action": "add", "title": title, "summary": ""})
    return client


def test_without_javascript_each_action_saves_and_reloads_the_page(mw, editor):
    assert titles(mw.meeting) == [(1, "Úvod"), (2, "Bydlení"), (3, "Zaměstnanost")]
    last = mw.meeting.agenda_items.get(title="Zaměstnanost")
    response = editor.post(_url(mw), {"action": "up", "item": last.pk})
    assert response.status_code == 302 and response.url == _url(mw)
    assert titles(mw.meeting) == [(1, "Úvod"), (2, "Zaměstnanost"), (3, "Bydlení")]
    page = editor.get(_url(mw)).content.decode()
    assert "Bod „Zaměstnanost“ je o místo výš." in page
    assert "htmx.min.js" in page  # the editor is the page that loads htmx


def test_with_htmx_the_answer_is_the_editor_alone_with_the_focus_kept_on_the_moved_point(mw, editor):
    first = mw.meeting.agenda_items.get(title="Úvod")
    response = editor.post(_url(mw), {"action": "down", "item": first.pk}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="agenda-editor"' in html
    assert '<p id="agenda-status" hx-swap-oob="innerHTML">Bod „Úvod“ je o místo níž.</p>' in html
    assert titles(mw.meeting) == [(1, "Bydlení"), (2, "Úvod"), (3, "Zaměstnanost")]
    item = html.split(f'id="bod-{first.pk}"', 1)[1].split("</li>", 1)[0]
    assert 'value="down"' in item and " autofocus" in item.split('value="down"', 1)[1].split(">", 1)[0]


def test_a_point_moved_to_the_top_keeps_focus_on_its_other_button(mw, editor):
    second = mw.meeting.agenda_items.get(title="Bydlení")
    html = editor.post(_url(mw), {"action": "up", "item": second.pk}, **HTMX).content.decode()
    item = html.split(f'id="bod-{second.pk}"', 1)[1].split("</li>", 1)[0]
    assert 'value="up"' not in item
    assert " autofocus" in item.split('value="down"', 1)[1].split(">", 1)[0]


def test_moving_past_either_end_changes_nothing(mw, editor):
    first = mw.meeting.agenda_items.get(title="Úvod")
    editor.post(_url(mw), {"action": "up", "item": first.pk})
    assert titles(mw.meeting) == [(1, "Úvod"), (2, "Bydlení"), (3, "Zaměstnanost")]


def test_a_point_is_edited_in_place(mw, editor):
    item = mw.meeting.agenda_items.get(title="Bydlení")
    editor.post(
        _url(mw),
        {"action": "save", "item": item.pk, "title": "Bydlení a ubytovny", "summary": "Stav"},
        **HTMX,
    )
    item.refresh_from_db()
    assert (item.title, item.summary) == ("Bydlení a ubytovny", "Stav")
    html = editor.post(_url(mw), {"action": "save", "item": item.pk, "title": " ", "summary": ""}, **HTMX)
    assert "Bod programu musí mít název." in html.content.decode()
    item.refresh_from_db()
    assert item.title == "Bydlení a ubytovny"


def test_adding_without_a_title_shows_the_error_by_the_field(mw, editor):
    html = editor.post(_url(mw), {"action": "add", "title": "", "summary": "x"}, **HTMX).content.decode()
    assert 'id="new-title-error"' in html and 'aria-describedby="new-title-error"' in html
    assert "Bod programu musí mít název." in html
    assert len(titles(mw.meeting)) == 3


def test_removing_asks_first_without_javascript_and_goes_to_the_trash(mw, editor):
    item = mw.meeting.agenda_items.get(title="Bydlení")
    page = editor.post(_url(mw), {"action": "remove", "item": item.pk})
    assert page.status_code == 200
    assert "Odebrat bod „Bydlení“ z programu?" in page.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    response = editor.post(_url(mw), {"action": "remove", "item": item.pk, "confirm": "1"})
    assert response.status_code == 302
    assert titles(mw.meeting) == [(1, "Úvod"), (2, "Zaměstnanost")]
    assert TrashedItem.objects.get().title == "Bydlení"


def test_with_htmx_the_remove_button_confirms_in_a_native_dialog(mw, editor):
    html = editor.get(_url(mw)).content.decode()
    assert 'hx-confirm="Odebrat bod „Bydlení“? Do 30 dnů ho lze obnovit v Koši."' in html
    assert 'hx-vals=\'{"confirm": "1"}\'' in html


def test_another_meetings_point_cannot_be_touched(mw, editor):
    foreign = mw.held_meeting.agenda_items.create(unit=mw.unit, order=1, title="Cizí")
    assert editor.post(_url(mw), {"action": "remove", "item": foreign.pk, "confirm": "1"}).status_code == 404
    assert AgendaItem.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("extra", [0, 20])
def test_the_editor_query_count_does_not_grow_with_points(mw, login, django_assert_num_queries, extra):
    for n in range(extra):
        mw.meeting.agenda_items.create(unit=mw.unit, order=n + 2, title=f"Bod {n}")
    client = login(mw.users["editor"])
    with django_assert_num_queries(AGENDA_PAGE_QUERIES):
        assert client.get(_url(mw)).status_code == 200


# Session, user, unit and role (with the header switcher's units), the meeting, its points.
AGENDA_PAGE_QUERIES = 5
