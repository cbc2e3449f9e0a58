"""Demo data of this app; idempotent (see spojka/core/management/commands/load_demo.py).

Jihlava's released staff (fictional people, marked as such) attended three training events.
The figures show the distance cap at work: 12 hours in person and 26 hours at a distance, of
which only 20 count, so 32 of the 40 committed hours are met and 6 distance hours are over the cap.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from spojka.lib.upsert import upsert

FICTIONAL = "(smyšlená osoba)"

STAFF = [
    # key, title before, first name, last name, function
    ("modra", "Bc.", "Lenka", "Modrá", "sociální pracovnice odboru sociálních věcí"),
    ("zeleny", "Mgr.", "Tomáš", "Zelený", "referent odboru školství, mládeže a sportu"),
    ("seda", "Ing.", "Eva", "Šedá", "koordinátorka projektových záměrů"),
]

EVENTS = [
    {
        "title": "Sousedské soužití v městských bytech",
        "kind": "workshop",
        "delivery": "in_person",
        "starts_on": date(2022, 3, 15),
        "in_person_hours": Decimal(4),
        "distance_hours": Decimal(0),
        "area": "Bydlení",
        "provider_kind": "agency",
        "lecturer": "Mgr. Karel Vzorový (smyšlená osoba)",
        "place": "Magistrát města Jihlavy, zasedací místnost",
        "participants": ["modra", "zeleny"],
    },
    {
        "title": "Prostupné zaměstnávání v praxi",
        "kind": "seminar",
        "delivery": "hybrid",
        "starts_on": date(2022, 5, 12),
        "in_person_hours": Decimal(2),
        "distance_hours": Decimal(4),
        "area": "Zaměstnanost",
        "provider_kind": "other",
        "provider_name": "Úřad práce ČR – krajská pobočka v Jihlavě",
        "lecturer": "Ing. Marie Ukázková (smyšlená osoba)",
        "place": "Úřad práce Jihlava a online",
        "participants": ["zeleny", "seda"],
    },
    {
        "title": "Dluhové poradenství online",
        "kind": "course",
        "delivery": "distance",
        "starts_on": date(2022, 9, 20),
        "ends_on": date(2022, 9, 22),
        "in_person_hours": Decimal(0),
        "distance_hours": Decimal(6),
        "area": "Dluhová problematika",
        "provider_kind": "agency",
        "lecturer": "JUDr. Pavel Příkladný (smyšlená osoba)",
        "place": "online",
        "participants": ["modra", "zeleny", "seda"],
    },
]


def _this_month(today: date) -> dict:
    """A 6-hour seminar a few days ago (example data), so the training card shows something current."""
    day = today - timedelta(days=3)
    return {
        "title": f"Práce s dluhy v sociálně vyloučených lokalitách ({day.month}/{day.year})",
        "kind": "seminar",
        "delivery": "in_person",
        "starts_on": day,
        "in_person_hours": Decimal(6),
        "distance_hours": Decimal(0),
        "area": "Dluhová problematika",
        "provider_kind": "agency",
        "lecturer": "JUDr. Pavel Příkladný (smyšlená osoba)",
        "place": "Magistrát města Jihlavy, zasedací místnost",
        "participants": ["modra", "zeleny", "seda"],
    }


def load(*, context: dict) -> dict:
    from spojka.partnership.demo import demo_gender
    from spojka.partnership.models import Person
    from spojka.training.models import Participation, TrainingEvent

    jihlava = context["jihlava"]
    description = context.get("jihlava_description")
    people = {}
    for key, title, first, last, function in STAFF:
        people[key], _ = upsert(
            Person,
            lookup={"unit": jihlava, "first_name": first, "last_name": last},
            values={
                "title_before": title,
                "function": f"{function} {FICTIONAL}",
                "grammatical_gender": demo_gender(last),
            },
        )
    events = []
    for spec in [*EVENTS, _this_month(timezone.localdate())]:
        area = description.thematic_areas.filter(name=spec["area"]).first() if description else None
        event, _ = upsert(
            TrainingEvent,
            lookup={"unit": jihlava, "title": spec["title"]},
            values={
                "kind": spec["kind"],
                "delivery": spec["delivery"],
                "starts_on": spec["starts_on"],
                "ends_on": spec.get("ends_on"),
                "in_person_hours": spec["in_person_hours"],
                "distance_hours": spec["distance_hours"],
                "thematic_area": area,
                "thematic_area_text": "" if area else spec["area"],
                "provider_kind": spec["provider_kind"],
                "provider_name": spec.get("provider_name", ""),
                "lecturer": spec["lecturer"],
                "place": spec["place"],
            },
        )
        events.append(event)
        for key in spec["participants"]:
            upsert(
                Participation,
                lookup={"event": event, "person": people[key]},
                values={
                    "unit": jihlava,
                    "in_person_hours": spec["in_person_hours"],
                    "distance_hours": spec["distance_hours"],
                },
            )
    return {"training_events": events, "training_staff": list(people.values())}
