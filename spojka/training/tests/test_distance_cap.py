"""Issue 15, item 8: the indicator says how the rest may be earned, and the participant form warns
before distance hours go over the cap (Jihlava: 40 h, at most 20 h at distance)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse

from spojka.training.indicator import CommitmentMode, TrainingCommitment, evaluate_training
from spojka.training.models import Participation
from spojka.training.tests.helpers import attend, make_event
from spojka.training.tests.test_indicator import JIHLAVA_40_20, PER_PERSON_40_20, credit

pytestmark = pytest.mark.django_db


def remainder(response) -> str:
    html = response.content.decode()
    return " ".join(html.split('id="indicator-remainder">', 1)[1].split("</p>", 1)[0].split())


class TestRemainder:
    def test_with_the_cap_used_up_all_the_rest_must_be_in_person(self):
        result = evaluate_training(commitment=JIHLAVA_40_20, credits=[credit(1, "12", "26")])
        assert (result.remaining, result.remaining_in_person, result.distance_room) == (D(8), D(8), D(0))
        assert result.remainder_kind == "in_person"

    def test_with_some_room_left_only_the_part_beyond_it_must_be_in_person(self):
        result = evaluate_training(commitment=JIHLAVA_40_20, credits=[credit(1, "4", "16")])
        assert (result.remaining, result.remaining_in_person, result.distance_room) == (D(20), D(16), D(4))
        assert result.remainder_kind == "partly"

    def test_with_enough_room_the_rest_may_be_earned_either_way(self):
        result = evaluate_training(commitment=JIHLAVA_40_20, credits=[credit(1, "30", "0")])
        assert (result.remaining, result.remaining_in_person, result.remainder_kind) == (D(10), D(0), "any")
        uncapped = TrainingCommitment(total_hours=D(40))
        assert evaluate_training(commitment=uncapped, credits=[]).distance_room is None

    def test_per_person_each_persons_room_is_their_own(self):
        # Person 1 used up the cap (needs 20 in person); person 2 has 40 to go, 20 of it at distance.
        credits = [credit(1, "0", "25"), credit(2, "0", "0")]
        result = evaluate_training(commitment=PER_PERSON_40_20, credits=credits)
        assert result.mode == CommitmentMode.PER_PERSON
        assert (result.remaining, result.remaining_in_person, result.distance_room) == (D(60), D(40), D(20))

    def test_the_list_page_explains_the_remainder_in_words(self, world, staff, login):
        attend(make_event(world.unit, "Prezenční", in_person="12"), staff[0])
        attend(make_event(world.unit, "Distanční", distance="26"), staff[1])
        response = login(world.users["partner"]).get(
            reverse("training:event_list", kwargs={"unit": world.unit.slug})
        )
        assert remainder(response) == "Zbývá 8 h, všechny prezenčně: distanční strop 20 h je vyčerpán."

    def test_the_list_page_says_how_much_may_still_be_at_distance(self, world, staff, login):
        attend(make_event(world.unit, "Distanční", distance="16"), staff[0])
        response = login(world.users["editor"]).get(
            reverse("training:event_list", kwargs={"unit": world.unit.slug})
        )
        assert remainder(response) == (
            "Zbývá 24 h, z toho nejméně 20 h prezenčně: distančně se započítá už jen 4 h (strop 20 h)."
        )


class TestParticipantWarning:
    def add(self, client, world, event, person, **extra):
        url = reverse("training:participant_add", kwargs={"unit": world.unit.slug, "pk": event.pk})
        return client.post(url, {"person": person.pk, "in_person_hours": "", "distance_hours": "", **extra})

    def test_distance_hours_over_the_cap_need_a_confirmation(self, world, staff, login):
        attend(make_event(world.unit, "Webinář I", distance="18"), staff[0])
        event = make_event(world.unit, "Webinář II", distance="6")
        client = login(world.users["editor"])
        response = self.add(client, world, event, staff[1])
        assert response.status_code == 200
        html = response.content.decode()
        assert 'id="id_accept_over_cap_error"' in html
        assert "Distanční strop 20 h je vyčerpán: 4 h distančně se do závazku nezapočítá." in html
        assert 'type="checkbox" name="accept_over_cap"' in html
        assert not event.participations.exists()
        response = self.add(client, world, event, staff[1], accept_over_cap="on")
        assert response.status_code == 302
        assert event.participations.get().distance_hours == D(6)

    def test_no_warning_while_the_hours_fit_under_the_cap(self, world, staff, login):
        event = make_event(world.unit, "Webinář", distance="20")
        response = self.add(login(world.users["editor"]), world, event, staff[0])
        assert response.status_code == 302 and Participation.objects.count() == 1

    def test_editing_a_participant_does_not_count_their_own_hours_twice(self, world, staff, login):
        event = make_event(world.unit, "Webinář", distance="20")
        participation = attend(event, staff[0])
        url = reverse(
            "training:participant_edit",
            kwargs={"unit": world.unit.slug, "pk": event.pk, "participant": participation.pk},
        )
        response = login(world.users["editor"]).post(
            url, {"person": staff[0].pk, "in_person_hours": "0", "distance_hours": "20"}
        )
        assert response.status_code == 302

    def test_per_person_mode_warns_only_for_the_person_over_their_own_cap(self, world, staff, login):
        world.description.training_mode = "per_person"
        world.description.save()
        attend(make_event(world.unit, "Webinář I", distance="18"), staff[0])
        event = make_event(world.unit, "Webinář II", distance="6")
        client = login(world.users["editor"])
        assert self.add(client, world, event, staff[1]).status_code == 302
        response = self.add(client, world, event, staff[0])
        assert "Tato osoba má distanční strop 20 h vyčerpán: 4 h distančně" in response.content.decode()


def test_revoking_a_certificate_asks_first_and_restoring_acts_at_once(world, staff, login):
    event = make_event(world.unit, "Kurz")
    participation = attend(event, staff[0])
    url = reverse(
        "training:certificate_revoke",
        kwargs={"unit": world.unit.slug, "pk": event.pk, "participant": participation.pk},
    )
    client = login(world.users["editor"])
    page = client.get(url).content.decode()
    assert "Zneplatnit osvědčení Bc. Lenka Modrá z akce „Kurz“?" in page
    participation.refresh_from_db()
    assert not participation.certificate_revoked
    client.post(url)
    participation.refresh_from_db()
    assert participation.certificate_revoked
    client.post(url)
    participation.refresh_from_db()
    assert not participation.certificate_revoked
