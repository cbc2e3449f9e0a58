"""Per-record page titles (issue 15, item 9): every form of a meeting names the meeting."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "which"),
    [
        ("meeting_edit", "meeting"),
        ("decision_create", "held_meeting"),
        ("minutes_edit", "held_meeting"),
        ("scan_upload", "held_meeting"),
        ("task_create", "held_meeting"),
        ("attendance_edit", "held_meeting"),
        ("agenda_edit", "meeting"),
        ("guest_invite", "meeting"),
    ],
)
def test_meeting_forms_name_the_meeting_in_the_title(mw, login, name, which):
    meeting = getattr(mw, which)
    url = reverse(f"meetings:{name}", kwargs={"unit": mw.unit.slug, "pk": meeting.pk})
    html = login(mw.users["editor"]).get(url).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert meeting.title in title, title
