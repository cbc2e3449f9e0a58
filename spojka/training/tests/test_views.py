"""Recording training events and participants, their documents and the public verification."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.urls import reverse
from pypdf import PdfReader

from spojka.documents.tests.helpers import normalise
from spojka.training.models import Participation, TrainingEvent, TrainingMaterial
from spojka.training.tests.helpers import attend, make_event, make_person

pytestmark = pytest.mark.django_db

TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def error_of(response, field: str) -> str:
    """The Czech error shown next to a field (core/_field.html renders it as #id_<field>_error)."""
    html = response.content.decode()
    marker = f'id="id_{field}_error">'
    assert marker in html, f"no error next to {field}"
    return html.split(marker, 1)[1].split("</p>", 1)[0]


def participants_of(event) -> set[tuple]:
    return {(p.person_id, p.in_person_hours, p.distance_hours) for p in event.participations.all()}


def event_url(world, event, name: str = "event_detail", **extra) -> str:
    return reverse(f"training:{name}", kwargs={"unit": world.unit.slug, "pk": event.pk, **extra})


EVENT_DATA = {
    "title": "Prostupné zaměstnávání",
    "kind": "seminar",
    "delivery": "hybrid",
    "starts_on": "2022-05-12",
    "ends_on": "",
    "in_person_hours": "2",
    "distance_hours": "4",
    "provider_kind": "agency",
    "provider_name": "",
    "lecturer": "Mgr. Lektorka",
    "place": "Jihlava",
    "note": "",
    "thematic_area_text": "",
}


class TestEvents:
    def test_editor_records_a_hybrid_event_in_the_unit(self, world, login):
        client = login(world.users["editor"])
        data = {**EVENT_DATA, "thematic_area": world.area.pk}
        response = client.post(reverse("training:event_create", kwargs={"unit": world.unit.slug}), data)
        event = TrainingEvent.objects.get()
        assert response.status_code == 302
        assert response["Location"] == event_url(world, event)
        assert (event.unit, event.hours, event.thematic_area) == (world.unit, D(6), world.area)

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"delivery": "in_person"}, "distance_hours", "Prezenční akce nemá distanční hodiny."),
            ({"delivery": "distance"}, "in_person_hours", "Distanční akce nemá prezenční hodiny."),
            ({"distance_hours": "0"}, "distance_hours", "Hybridní akce má prezenční i distanční část"),
            ({"in_person_hours": "-2"}, "in_person_hours", "Počet hodin nemůže být záporný."),
            ({"ends_on": "2022-05-11"}, "ends_on", "Akce nemůže skončit dříve, než začne."),
            ({"provider_kind": "other"}, "provider_name", "Uveďte název pořadatele."),
        ],
    )
    def test_bad_event_input_gets_a_czech_error_next_to_the_field_and_saves_nothing(
        self, world, login, changes, field, message
    ):
        client = login(world.users["editor"])
        response = client.post(
            reverse("training:event_create", kwargs={"unit": world.unit.slug}), {**EVENT_DATA, **changes}
        )
        assert response.status_code == 200
        assert message in error_of(response, field)
        assert not TrainingEvent.objects.exists()

    def test_another_units_thematic_area_cannot_be_chosen(self, world, login):
        other_description = world.other_unit.descriptions.create(unit=world.other_unit)
        foreign = other_description.thematic_areas.create(unit=world.other_unit, name="Cizí oblast")
        client = login(world.users["editor"])
        response = client.post(
            reverse("training:event_create", kwargs={"unit": world.unit.slug}),
            {**EVENT_DATA, "thematic_area": foreign.pk},
        )
        assert "thematic_area" in response.context["form"].errors
        assert not TrainingEvent.objects.exists()

    def test_an_event_cannot_be_shortened_below_the_hours_already_credited(self, world, staff, login):
        event = make_event(world.unit, in_person="6")
        attend(event, staff[0])
        client = login(world.users["editor"])
        data = {**EVENT_DATA, "delivery": "in_person", "in_person_hours": "4", "distance_hours": "0"}
        response = client.post(event_url(world, event, "event_edit"), data)
        assert "víc prezenčních hodin" in error_of(response, "in_person_hours")
        event.refresh_from_db()
        assert event.in_person_hours == D(6)

    def test_deleting_an_event_removes_its_participants(self, world, staff, login):
        event = make_event(world.unit)
        attend(event, staff[0])
        response = login(world.users["editor"]).post(event_url(world, event, "event_delete"))
        assert response.status_code == 302
        assert not Participation.objects.exists()


class TestParticipants:
    @pytest.fixture
    def event(self, world):
        return make_event(world.unit, "Workshop", in_person="4")

    def post(self, client, world, event, **data):
        return client.post(event_url(world, event, "participant_add"), data)

    def test_empty_hours_credit_the_whole_event(self, world, staff, event, login):
        client = login(world.users["editor"])
        response = self.post(client, world, event, person=staff[0].pk, in_person_hours="", distance_hours="")
        assert response.status_code == 302
        participation = Participation.objects.get()
        assert (participation.unit, participation.in_person_hours, participation.distance_hours) == (
            world.unit,
            D(4),
            D(0),
        )

    def test_the_form_offers_the_whole_event_as_the_default(self, world, staff, login):
        event = make_event(world.unit, in_person="2", distance="4.5")
        form = login(world.users["editor"]).get(event_url(world, event, "participant_add")).context["form"]
        assert (form["in_person_hours"].value(), form["distance_hours"].value()) == (D(2), D("4.5"))

    def test_partial_attendance_is_credited_as_entered(self, world, staff, event, login):
        client = login(world.users["editor"])
        self.post(client, world, event, person=staff[0].pk, in_person_hours="2,5", distance_hours="0")
        assert Participation.objects.get().in_person_hours == D("2.5")

    @pytest.mark.parametrize(
        ("in_person", "distance", "field", "message"),
        [
            ("0", "0", "in_person_hours", "alespoň část akce"),
            ("-1", "0", "in_person_hours", "Počet hodin nemůže být záporný."),
            ("4", "2", "distance_hours", "Akce je prezenční, distanční hodiny nelze započítat."),
            ("5", "0", "in_person_hours", "Prezenční část akce trvala jen 4 h; víc hodin nelze započítat."),
        ],
    )
    def test_bad_hours_get_a_czech_error_next_to_the_field_and_save_nothing(
        self, world, staff, event, login, in_person, distance, field, message
    ):
        client = login(world.users["editor"])
        response = self.post(
            client, world, event, person=staff[0].pk, in_person_hours=in_person, distance_hours=distance
        )
        assert response.status_code == 200
        assert message in error_of(response, field)
        assert not Participation.objects.exists()

    def test_distance_hours_beyond_a_hybrid_events_distance_part_are_refused(self, world, staff, login):
        event = make_event(world.unit, in_person="2", distance="4")
        client = login(world.users["editor"])
        response = self.post(
            client, world, event, person=staff[0].pk, in_person_hours="2", distance_hours="5"
        )
        assert "Distanční část akce trvala jen 4 h; víc hodin nelze započítat." in error_of(
            response, "distance_hours"
        )
        assert not Participation.objects.exists()

    def test_the_same_person_cannot_be_on_one_event_twice(self, world, staff, event, login):
        attend(event, staff[0])
        client = login(world.users["editor"])
        response = self.post(client, world, event, person=staff[0].pk, in_person_hours="", distance_hours="")
        assert "Tato osoba už je mezi účastníky akce." in error_of(response, "person")
        assert Participation.objects.count() == 1

    def test_a_person_of_another_unit_cannot_be_added(self, world, event, login):
        stranger = make_person(world.other_unit, "Cizí", "Osoba")
        client = login(world.users["editor"])
        response = self.post(client, world, event, person=stranger.pk, in_person_hours="", distance_hours="")
        assert error_of(response, "person")
        assert not Participation.objects.exists()

    def test_several_people_can_be_added_for_the_whole_event_at_once(self, world, staff, event, login):
        client = login(world.users["editor"])
        url = event_url(world, event, "participant_bulk_add")
        response = client.post(url, {"people": [staff[0].pk, staff[2].pk]})
        assert response.status_code == 302
        assert participants_of(event) == {(staff[0].pk, D(4), D(0)), (staff[2].pk, D(4), D(0))}

    def test_adding_several_needs_a_choice_and_never_adds_someone_twice(self, world, staff, event, login):
        attend(event, staff[0])
        client = login(world.users["editor"])
        url = event_url(world, event, "participant_bulk_add")
        assert "Vyberte alespoň jednu osobu." in error_of(client.post(url, {}), "people")
        response = client.post(url, {"people": [staff[0].pk, staff[1].pk]})
        assert error_of(response, "people")
        assert Participation.objects.count() == 1
        stranger = make_person(world.other_unit, "Cizí", "Osoba")
        assert error_of(client.post(url, {"people": [stranger.pk]}), "people")
        assert Participation.objects.count() == 1

    def test_hours_of_a_participant_can_be_corrected(self, world, staff, event, login):
        participation = attend(event, staff[0])
        client = login(world.users["editor"])
        url = event_url(world, event, "participant_edit", participant=participation.pk)
        response = client.post(url, {"person": staff[0].pk, "in_person_hours": "3", "distance_hours": "0"})
        assert response.status_code == 302
        participation.refresh_from_db()
        assert participation.in_person_hours == D(3)

    def test_participant_can_be_removed(self, world, staff, event, login):
        participation = attend(event, staff[0])
        client = login(world.users["editor"])
        client.post(event_url(world, event, "participant_delete", participant=participation.pk))
        assert not Participation.objects.exists()


class TestDocuments:
    def test_certificate_is_a_pdf_with_the_name_hours_and_verification_code(self, world, staff, login):
        event = make_event(world.unit, "Sousedské soužití", in_person="4")
        participation = attend(event, staff[0], in_person="3")
        response = login(world.users["editor"]).get(
            event_url(world, event, "certificate", participant=participation.pk)
        )
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        text = pdf_text(response.getvalue())
        assert "Osvědčení" in text
        assert "Bc. Lenka Modrá" in text
        assert "Sousedské soužití" in text
        assert "Rozsah účasti: 3 hodiny" in normalise(text)
        assert participation.certificate_code in text.replace("\n", "")
        # No gender recorded: a wording that needs none, never "se zúčastnil(a)".
        assert "Potvrzujeme účast na vzdělávací aktivitě" in normalise(text)
        assert "(a)" not in text

    @pytest.mark.parametrize(
        ("gender", "verb"), [("feminine", "se zúčastnila"), ("masculine", "se zúčastnil vzdělávací")]
    )
    def test_certificate_verb_follows_the_recorded_gender(self, world, staff, login, gender, verb):
        event = make_event(world.unit, "Sousedské soužití", in_person="4")
        staff[0].grammatical_gender = gender
        staff[0].save()
        participation = attend(event, staff[0], in_person="4")
        response = login(world.users["editor"]).get(
            event_url(world, event, "certificate", participant=participation.pk)
        )
        text = normalise(pdf_text(response.getvalue()))
        assert verb in text
        assert "Rozsah účasti: 4 hodiny" in text

    def test_attendance_sheet_lists_the_participants(self, world, staff, login):
        event = make_event(world.unit, "Sousedské soužití")
        attend(event, staff[0])
        attend(event, staff[1])
        response = login(world.users["editor"]).get(event_url(world, event, "attendance_sheet", fmt="pdf"))
        text = pdf_text(response.getvalue())
        assert "Prezenční listina" in text
        assert "Bc. Lenka Modrá" in text and "Tomáš Zelený" in text
        assert "Eva Šedá" not in text

    def test_certificate_codes_are_unique_and_unguessable(self, world, staff):
        event = make_event(world.unit)
        codes = {attend(event, person).certificate_code for person in staff}
        assert len(codes) == 3
        assert all(len(code) >= 20 for code in codes)


class TestPublicVerification:
    def test_anyone_can_verify_a_certificate_and_sees_only_name_event_and_date(self, world, staff, client):
        event = make_event(
            world.unit,
            "Sousedské soužití",
            in_person="4",
            starts_on=date(2022, 3, 15),
            lecturer="Mgr. Tajný Lektor",
            place="Zasedací místnost 42",
        )
        participation = attend(event, staff[0], in_person="3")
        attend(event, staff[1])
        response = client.get(reverse("training:verify", kwargs={"code": participation.certificate_code}))
        assert response.status_code == 200
        html = response.content.decode()
        main = html.split('id="obsah"', 1)[1]
        assert "Osvědčení je platné." in main
        assert "Bc. Lenka Modrá" in main
        assert "Sousedské soužití" in main
        assert "15. 3. 2022" in main
        for secret in (
            "lenka.modra@example.org",
            "+420 567 000 111",
            "Magistrát města Jihlavy",
            "sociální pracovnice",
            "Tomáš Zelený",  # another participant
            "tomas.zeleny@example.org",
            "Mgr. Tajný Lektor",
            "Zasedací místnost 42",
            world.unit.name,
            "Jihlava",
            ">3<",
            "hodin",
        ):
            assert secret not in html, secret
        assert response["X-Robots-Tag"] == "noindex, nofollow"

    def test_a_revoked_certificate_is_reported_as_not_valid(self, world, staff, client, login):
        event = make_event(world.unit)
        participation = attend(event, staff[0])
        editor = login(world.users["editor"])
        editor.post(event_url(world, event, "certificate_revoke", participant=participation.pk))
        editor.logout()
        response = client.get(reverse("training:verify", kwargs={"code": participation.certificate_code}))
        assert "Osvědčení není platné." in response.content.decode()

    def test_an_unknown_code_is_404(self, world, staff, client):
        attend(make_event(world.unit), staff[0])
        assert client.get(reverse("training:verify", kwargs={"code": "neexistuje-1234"})).status_code == 404


class TestMaterials:
    @pytest.fixture
    def event(self, world):
        return make_event(world.unit)

    def upload(self, client, world, event, name: str, content: bytes):
        return client.post(
            event_url(world, event, "material_upload"),
            {"title": "Prezentace", "upload": SimpleUploadedFile(name, content)},
        )

    def test_a_pdf_presentation_is_stored_and_can_be_downloaded(self, world, event, login):
        client = login(world.users["editor"])
        assert self.upload(client, world, event, "prezentace lektora.pdf", TINY_PDF).status_code == 302
        material = TrainingMaterial.objects.get()
        assert (material.content_type, material.size, material.unit) == (
            "application/pdf",
            len(TINY_PDF),
            world.unit,
        )
        partner = login(world.users["partner"])
        response = partner.get(event_url(world, event, "material_download", material=material.pk))
        assert b"".join(response.streaming_content) == TINY_PDF

    def test_a_file_that_only_pretends_to_be_a_pdf_is_refused(self, world, event, login):
        client = login(world.users["editor"])
        response = self.upload(client, world, event, "skript.pdf", b"#!/bin/sh\necho ahoj\n")
        assert "Nepodporovaný typ souboru" in error_of(response, "upload")
        assert not TrainingMaterial.objects.exists()

    def test_a_file_over_the_size_limit_is_refused(self, world, event, login):
        client = login(world.users["editor"])
        with override_settings(UPLOAD_MAX_BYTES=20):
            response = self.upload(client, world, event, "velka.pdf", TINY_PDF)
        assert "příliš velký" in error_of(response, "upload")
        assert not TrainingMaterial.objects.exists()


class TestPages:
    def test_list_shows_the_indicator_with_the_distance_over_the_cap(self, world, staff, login):
        attend(make_event(world.unit, "Prezenční", in_person="12"), staff[0])
        attend(make_event(world.unit, "Distanční", distance="26"), staff[0])
        response = login(world.users["partner"]).get(
            reverse("training:event_list", kwargs={"unit": world.unit.slug})
        )
        facts = response.content.decode().split('id="indicator-facts"', 1)[1].split("</dl>", 1)[0]
        assert "Distančně nad limit (nezapočteno)</dt><dd>6 h" in facts
        assert "Započteno celkem</dt><dd>32 h" in facts
        assert "Zbývá</dt><dd>8 h" in facts

    def test_list_in_per_person_mode_shows_each_persons_standing(self, world, staff, login):
        world.description.training_mode = "per_person"
        world.description.save()
        attend(make_event(world.unit, "Dlouhý kurz", in_person="40"), staff[0])
        attend(make_event(world.unit, "Webinář", distance="25"), staff[1])
        response = login(world.users["editor"]).get(
            reverse("training:event_list", kwargs={"unit": world.unit.slug})
        )
        table = response.content.decode().split('id="indicator-people"', 1)[1].split("</table>", 1)[0]
        rows = [" ".join(r.split()) for r in table.split("<tr>")[2:]]
        # Modrá: 40 in person → met. Zelený: 25 distance → 20 counted, 5 over the cap, 20 to go.
        assert any("Bc. Lenka Modrá" in r and ">40<" in r.replace(" ", "") and "ano" in r for r in rows)
        zeleny = next(r for r in rows if "Tomáš Zelený" in r)
        cells = [c.split(">")[-1] for c in zeleny.split("</td>")][:-1]
        assert cells == ["0", "25", "20", "5", "20", "ne"]
        assert "Splnilo osob</dt><dd>1 / 2" in response.content.decode()

    def test_partner_sees_the_event_but_not_the_personal_data_documents(self, world, staff, login):
        event = make_event(world.unit)
        attend(event, staff[0])
        html = login(world.users["partner"]).get(event_url(world, event)).content.decode()
        assert "Bc. Lenka Modrá" in html
        assert "osvedceni.pdf" not in html
        assert "prezencni-listina.pdf" not in html

    @pytest.mark.parametrize("count", [10, 200])
    def test_list_page_query_count_does_not_grow_with_the_data(
        self, world, login, django_assert_num_queries, count
    ):
        people = [make_person(world.unit, f"Jméno{i}", f"Příjmení{i}") for i in range(count)]
        events = TrainingEvent.objects.bulk_create(
            TrainingEvent(
                unit=world.unit, title=f"Akce {i}", starts_on=date(2022, 1, 1), in_person_hours=D(2)
            )
            for i in range(count)
        )
        Participation.objects.bulk_create(
            Participation(
                unit=world.unit, event=e, person=p, in_person_hours=D(2), certificate_code=f"kod-{i}"
            )
            for i, (e, p) in enumerate(zip(events, people, strict=True))
        )
        client = login(world.users["editor"])
        url = reverse("training:event_list", kwargs={"unit": world.unit.slug})
        with django_assert_num_queries(LIST_QUERIES):
            response = client.get(url)
        assert response.content.decode().count('href="/u/jihlava/vzdelavani/') >= count

    @pytest.mark.parametrize("count", [10, 200])
    def test_detail_page_query_count_does_not_grow_with_participants(
        self, world, login, django_assert_num_queries, count
    ):
        event = make_event(world.unit, in_person="2")
        people = [make_person(world.unit, f"Jméno{i}", f"Příjmení{i}") for i in range(count)]
        Participation.objects.bulk_create(
            Participation(
                unit=world.unit, event=event, person=p, in_person_hours=D(2), certificate_code=f"kod-{i}"
            )
            for i, p in enumerate(people)
        )
        client = login(world.users["editor"])
        with django_assert_num_queries(DETAIL_QUERIES):
            response = client.get(event_url(world, event))
        assert response.content.decode().count("osvedceni.pdf") == count


# Pinned: session + user, unit access with the layout's unit switcher, page data.
LIST_QUERIES = 6
DETAIL_QUERIES = 8  # and the descriptions the event may count toward
DETAIL_QUERIES += 5  # and the rules it counts toward as evidence (spojka.lib.evidence)


class TestHistory:
    def test_event_page_shows_who_changed_participants_including_removed_ones(self, world, staff, login):
        event = make_event(world.unit, "Workshop", in_person="4")
        other_event = make_event(world.unit, "Jiná akce", in_person="4")
        client = login(world.users["editor"])
        client.post(
            event_url(world, event, "participant_add"),
            {"person": staff[0].pk, "in_person_hours": "4", "distance_hours": ""},
        )
        participation = Participation.objects.get()
        client.post(
            event_url(world, event, "participant_edit", participant=participation.pk),
            {"person": staff[0].pk, "in_person_hours": "3", "distance_hours": ""},
        )
        client.post(event_url(world, event, "participant_delete", participant=participation.pk))
        attend(other_event, staff[1])
        history = client.get(event_url(world, event)).context["history"]
        actions = [(row.actor, row.action, row.object_label.split(":")[0]) for row in history]
        assert actions == [
            ("editor", "smazáno", "účast na vzdělávání"),
            ("editor", "změněno", "účast na vzdělávání"),
            ("editor", "vytvořeno", "účast na vzdělávání"),
            ("systém", "vytvořeno", "vzdělávací aktivita"),
        ]
        changed = history[1].changes
        assert [(label, D(old), D(new)) for label, old, new in changed] == [("prezenčních hodin", D(4), D(3))]


def test_material_files_of_a_deleted_event_stay_until_the_trash_is_purged(
    world, login, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from spojka.trash.services import trash_purge

    event = make_event(world.unit)
    client = login(world.users["editor"])
    client.post(
        event_url(world, event, "material_upload"),
        {"title": "Prezentace", "upload": SimpleUploadedFile("p.pdf", TINY_PDF)},
    )
    name = TrainingMaterial.objects.get().file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event_url(world, event, "event_delete"))
    assert not TrainingMaterial.objects.exists()
    assert default_storage.exists(name)  # restorable for 30 days, file and all
    with django_capture_on_commit_callbacks(execute=True):
        assert trash_purge(now=timezone.now() + timedelta(days=31)) == 1
    assert not default_storage.exists(name)


def test_a_revoked_certificate_is_not_issued(world, staff, login):
    event = make_event(world.unit)
    participation = attend(event, staff[0])
    participation.certificate_revoked = True
    participation.save()
    response = login(world.users["editor"]).get(
        event_url(world, event, "certificate", participant=participation.pk)
    )
    assert response.status_code == 302
