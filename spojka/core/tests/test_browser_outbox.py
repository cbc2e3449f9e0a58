"""The outbox in the browser: the agency's outbox pages and a failed invitation, with axe-core at 390 px."""

from __future__ import annotations

import pytest
from django.core.mail import EmailMessage
from django.test import override_settings

from spojka.lib.mail import queue, send_outbox
from spojka.meetings.tests.matrix import build as build_meetings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_390(page) -> None:
    page.page.set_viewport_size({"width": 390, "height": 844})
    wide = page.page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').slice(0, 60))"
    )
    assert page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), wide
    page.page.set_viewport_size({"width": 1280, "height": 900})


def test_outbox_pages_and_a_failed_invitation_with_its_resend_button(browser_page, world):
    build_meetings(world)
    long_address = "-".join(["velmi.dlouha.adresa.prijemce.bez.mezer"] * 3) + "@example.org"
    sent = queue(EmailMessage("Pozvánka: Jednání LP", "Dobrý den,\n" + "x" * 300, to=[long_address]))
    send_outbox()
    with override_settings(
        OUTBOX_MAX_ATTEMPTS=1,
        POST_OFFICE={"BACKENDS": {"default": "spojka.lib.tests.test_mail.BrokenBackend"}},
    ):
        invitation = world.meeting_invitation
        invitation.email = queue(EmailMessage("Pozvánka", "Text", to=["marie@example.org"]))
        invitation.save()
        send_outbox()

    page = browser_page
    page.login("agentura")
    page.goto("/agentura/posta/")
    assert "nepodařilo se odeslat" in page.page.locator("main").inner_text()
    _fits_390(page)
    page.page.get_by_label("Stav").select_option("sent")
    page.page.get_by_role("button", name="Zobrazit").click()
    page.check()
    page.page.get_by_role("link", name="Pozvánka: Jednání LP").click()
    page.check()
    assert "x" * 300 in page.page.locator("main").inner_text()
    _fits_390(page)
    assert sent.pk

    page.goto(f"/u/{world.unit.slug}/jednani/{world.meeting.pk}/")
    # The invitations with their delivery state fit a phone (the change history is not ours to fix).
    page.page.set_viewport_size({"width": 390, "height": 844})
    right = page.page.evaluate(
        "Math.max(...[...document.querySelectorAll('[aria-labelledby=s-ucast] *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert right <= 390
    page.page.set_viewport_size({"width": 1280, "height": 900})
    page.page.get_by_role("button", name="Odeslat znovu").click()
    page.check()
    assert "znovu čeká na odeslání" in page.page.locator("main").inner_text()
