from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from spojka.cooperation.models import TerritorialUnit
from spojka.meetings.models import Meeting, MeetingState
from spojka.testing.mail import deliver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Jednání LP a pracovní skupiny – příprava zprávy"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _ensure_partnership(unit: TerritorialUnit) -> None:
    """The partnership demo provides groups and members; make sure there is at least one of each."""
    from spojka.partnership.models import LocalPartnership, Organisation, PartnershipMember, Person

    if unit.working_groups.exists() and unit.partnership_members.exists():
        return
    lp, _created = LocalPartnership.objects.get_or_create(
        unit=unit, defaults={"established_by": "Rada města"}
    )
    group = lp.groups.create(unit=unit, name="Sociální začleňování")
    org = Organisation.objects.create(unit=unit, name="Oblastní charita Jihlava")
    for n, body in enumerate((None, group)):
        person = Person.objects.create(
            unit=unit,
            first_name="Zkouška",
            last_name=f"Členová {n} (smyšlená osoba)",
            email=f"c{n}@example.org",
        )
        PartnershipMember.objects.create(
            unit=unit,
            organisation=org,
            representative=person,
            working_group=body,
            valid_from=date(2021, 1, 1),
        )


def _download(page, link_name: str) -> bytes:
    with page.page.expect_download() as info:
        page.page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def test_jihlava_editor_runs_a_meeting_of_the_lp_and_a_group_from_invitation_to_minutes(
    browser_page, tmp_path, settings
):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    jihlava = TerritorialUnit.objects.get(slug="jihlava")
    _ensure_partnership(jihlava)
    group = jihlava.working_groups.order_by("pk").first()
    page, p = browser_page, browser_page.page
    page.login("jihlava", "demo")

    # The list of meetings, then a new meeting of the LP together with one working group, yesterday.
    page.goto("/u/jihlava/jednani/")
    p.get_by_role("link", name="Nové jednání").click()
    page.check()
    yesterday = timezone.localdate() - timedelta(days=1)
    p.get_by_label("Název").fill(TITLE)
    p.get_by_label("Druh").select_option("lp_plenary")
    p.get_by_label("Jednání pléna LP").check()
    p.get_by_label(group.name, exact=True).check()
    # First a meeting that would end before it starts: the error is next to the field.
    p.get_by_label("Začátek").fill(f"{yesterday:%Y-%m-%d}T14:00")
    p.get_by_label("Konec").fill(f"{yesterday:%Y-%m-%d}T13:00")
    p.get_by_label("Místo").fill("Magistrát, zasedací místnost č. 101")
    p.get_by_role("button", name="Uložit").click()
    page.check()
    assert "Jednání musí skončit až po svém začátku." in p.locator("#id_ends_at_error").inner_text()
    p.get_by_label("Konec").fill(f"{yesterday:%Y-%m-%d}T16:00")
    p.get_by_role("button", name="Uložit").click()
    page.check()
    meeting = jihlava.meetings.get(title=TITLE)
    assert list(meeting.working_groups.all()) == [group] and meeting.includes_lp
    invited = list(
        meeting.invitations.select_related("person").order_by("person__last_name", "person__first_name")
    )
    assert invited, "the bodies' members are invited by default"
    assert invited[0].person.full_name in p.locator("main").inner_text()

    # Edit (the invited people are editable) and the programme.
    p.get_by_role("link", name="Upravit a pozvat").click()
    page.check()
    p.get_by_role("button", name="Uložit").click()
    page.check()
    p.get_by_role("link", name="Program").click()
    page.check()
    p.get_by_label("Název bodu").fill("Zpráva o plnění popisu spolupráce")
    p.get_by_label("Popis", exact=True).fill("Návrh zprávy pro zastupitelstvo.")
    p.get_by_role("button", name="Přidat bod").click()
    p.wait_for_function("() => document.getElementById('agenda-status').textContent.includes('přidán')")
    page.check()
    p.get_by_role("link", name="Zpět na jednání").click()
    page.check()

    # Invitations by e-mail, with the calendar attachment.
    p.get_by_role("button", name="Rozeslat pozvánky e-mailem").click()
    page.check()
    if any(i.person.email for i in invited):
        assert "čeká na odeslání" in p.locator("main").inner_text()  # queued, not sent by the request
        assert deliver() and mail.outbox[-1].attachments[0][0] == "pozvanka.ics"

    # The attendance sheet to print before the meeting.
    sheet = PdfReader(io.BytesIO(_download(page, "prezenční listina (PDF)")))
    sheet_text = " ".join(pg.extract_text() for pg in sheet.pages)
    assert "Prezenční listina" in sheet_text and "Statutární město Jihlava" in sheet_text
    sheet_docx = Document(io.BytesIO(_download(page, "prezenční listina (DOCX)")))
    assert [c.text for c in sheet_docx.tables[-1].rows[1].cells[:2]] == ["1", invited[0].person.full_name]

    # After the meeting: held, attendance with a guest, the signed scan.
    p.get_by_role("link", name="Označit jako proběhlé").click()
    page.check()
    p.get_by_role("button", name="Ano, proběhlo").click()
    page.check()
    p.get_by_role("link", name="Zaznamenat účast").click()
    page.check()
    for select in p.locator("select").all():
        select.select_option("present")
    p.get_by_label("Hosté").fill("Jana Hostující (smyšlená osoba) | Úřad práce")
    p.get_by_role("button", name="Uložit").click()
    page.check()
    assert "usnášeníschopné" in p.locator("main").inner_text()
    p.get_by_role("link", name="nahrát sken").click()
    page.check()
    scan = tmp_path / "listina.png"
    scan.write_bytes(PNG)
    p.get_by_label("Podepsaná prezenční listina (PDF, PNG nebo JPEG)").set_input_files(str(scan))
    p.get_by_role("button", name="Uložit").click()
    page.check()

    # Closing without minutes is refused with the reason.
    p.get_by_role("link", name="Uzavřít jednání").click()
    page.check()
    p.get_by_role("button", name="Ano, uzavřít").click()
    page.check()
    assert "Jednání nelze uzavřít, chybí: záznam z jednání." in p.locator("#souhrn-chyb").inner_text()
    p.get_by_role("link", name="Ne, zpět na jednání").click()
    page.check()

    # Minutes, a decision by vote and a task.
    p.get_by_role("link", name="Napsat záznam").click()
    page.check()
    p.get_by_label("1. Zpráva o plnění popisu spolupráce").fill("Zpráva se předloží zastupitelstvu v březnu.")
    p.get_by_role("button", name="Uložit").click()
    page.check()
    p.get_by_role("link", name="Přidat rozhodnutí").click()
    page.check()
    p.get_by_label("Znění rozhodnutí").fill("LP doporučuje zprávu zastupitelstvu.")
    p.get_by_label("Způsob přijetí").select_option("vote")
    p.locator("#id_votes_for").fill("9")
    p.locator("#id_votes_against").fill("0")
    p.locator("#id_votes_abstained").fill("1")
    p.get_by_role("button", name="Uložit").click()
    page.check()
    p.get_by_role("link", name="Přidat úkol").click()
    page.check()
    p.get_by_label("Úkol").fill("Předložit zprávu radě města")
    p.get_by_label("Odpovídá").select_option(str(invited[0].person_id))
    p.get_by_label("Termín").fill(f"{timezone.localdate() + timedelta(days=30):%Y-%m-%d}")
    p.get_by_role("button", name="Uložit").click()
    page.check()

    # Close (after the confirmation page), then download the minutes.
    p.get_by_role("link", name="Uzavřít jednání").click()
    page.check()
    p.get_by_role("button", name="Ano, uzavřít").click()
    page.check()
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CLOSED
    minutes = PdfReader(io.BytesIO(_download(page, "záznam z jednání (PDF)")))
    minutes_text = " ".join(" ".join(pg.extract_text() for pg in minutes.pages).split())  # lines wrap
    for fact in (
        "Zpráva se předloží zastupitelstvu v březnu.",
        "9 pro, 0 proti, 1 se zdrželo",
        "Předložit zprávu",
    ):
        assert fact in minutes_text, fact
    minutes_docx = Document(io.BytesIO(_download(page, "záznam z jednání (DOCX)")))
    assert "LP doporučuje zprávu zastupitelstvu." in "\n".join(par.text for par in minutes_docx.paragraphs)

    # The tasks of the unit, filtered, and one marked done.
    page.goto("/u/jihlava/ukoly/?state=open")
    p.get_by_role("button", name="Označit jako splněný: Předložit zprávu radě města").click()
    page.check()
    assert meeting.tasks.get().state == "done"

    # The calendar feed: created on the list page; its address works without login.
    page.goto("/u/jihlava/jednani/")
    p.get_by_role("button", name="Vytvořit adresu kalendáře").click()
    page.check()
    feed_path = p.locator("code").inner_text().split("://", 1)[1].split("/", 1)[1]
    assert Meeting.objects.filter(unit=jihlava).count() > 1
    response = p.request.get(f"{page.base_url}/{feed_path}")
    assert response.status == 200 and TITLE in response.text()
