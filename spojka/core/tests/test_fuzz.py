"""Hostile values posted to every form reachable in the URL × role matrix (issue 13, item 14).

Every page of the matrix is visited as a persona that may write there; every form on it (POST, and
GET filters) is collected with its fields, and so is every POST-only URL of the matrix (with its matrix data as the
fields). Then Hypothesis posts hostile values per field type — empty, huge, NUL, emoji, negative,
out-of-range dates and foreign ids (rows of another unit) — and the test fails on any 500. Each
submission runs in a savepoint that is rolled back, so the world stays the same for the next.

The number of examples is bounded (``FUZZ_EXAMPLES``, default 10 per form) so that it runs in
``make test``; ``FUZZ_EXAMPLES=100`` searches harder.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, given, seed
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from spojka.core.tests.test_matrix import _entries, _modules
from spojka.testing.matrix_kinds import AGENCY_ADMIN_ONLY, AUTHENTICATED, PUBLIC, UNIT_READ, UNIT_WRITE

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
# Forms whose submission ends the session or leaves the app: fuzzing them says nothing about a 500.
SKIP_ACTIONS = {"accounts:logout", "set_language"}
# Pages that answer with a generated file, not HTML with forms: slow to render, nothing to collect.
FILE_HINTS = ("download", "document", "sheet", "feed", "export", "calendar", "pdf", "docx", "xlsx")


@dataclass
class Field:
    name: str
    kind: (
        str  # text, textarea, number, date, datetime-local, time, email, url, select, checkbox, file, hidden…
    )
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str  # the path it sends to
    persona: str
    fields: dict[str, Field] = field(default_factory=dict)


class _FormParser(HTMLParser):
    """The forms of a page (method, action) with their fields (inputs, selects with their options, textareas)."""

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: list[tuple[str, str, dict[str, Field]]] = []
        self._form: dict[str, Field] | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            method = (a.get("method") or "get").upper()
            action = urlsplit(a.get("action") or self.page_path).path or self.page_path
            self._form = {}
            self.forms.append((method, action, self._form))
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                if name not in self._form:
                    self._form[name] = Field(name, "submit", a.get("value") or "")
                return
            if kind in ("checkbox", "radio") and name in self._form:
                self._form[name].options.append(a.get("value") or "on")
                return
            self._form[name] = Field(name, kind, a.get("value") or "", options=[a.get("value") or "on"])
        elif tag == "textarea" and name:
            self._form[name] = Field(name, "textarea")
        elif tag == "select" and name:
            self._select = Field(name, "select", multiple="multiple" in a)
            self._form[name] = self._select
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _writer(entry) -> str | None:
    """The persona that may use the URL: a writer for unit pages, the agency for its own."""
    if entry.kind == PUBLIC:
        return "anonymous"
    if entry.kind == AGENCY_ADMIN_ONLY:
        return "agency_admin"
    if entry.kind in (UNIT_WRITE, UNIT_READ, AUTHENTICATED):
        for persona in ("editor", "consultant", "agency_admin"):
            if entry.expected(persona) & {200, 302, 422}:
                return persona
    return None


def _login(client, world, persona):
    client.logout()
    if persona != "anonymous":
        client.force_login(world.users[persona])


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def collect_forms(world, client) -> dict[tuple[str, str, str], Form]:
    forms: dict[tuple[str, str, str], Form] = {}
    for name, entry in sorted(_entries().items()):
        persona = _writer(entry)
        if persona is None or name in SKIP_ACTIONS or name.startswith("admin:"):
            continue
        url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
        if entry.method == "POST":
            form = forms.setdefault(("POST", url, persona), Form("POST", url, persona))
            for key, value in (entry.data(world) if entry.data else {}).items():
                form.fields.setdefault(key, Field(key, "text", str(value)))
            continue
        if any(hint in name for hint in FILE_HINTS):
            continue
        _login(client, world, persona)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _FormParser(url)
        parser.feed(response.content.decode())
        for method, action, fields in parser.forms:
            if _url_name(action) in SKIP_ACTIONS or action.startswith("/admin/"):
                continue
            form = forms.setdefault((method, action, persona), Form(method, action, persona))
            for key, f in fields.items():
                form.fields.setdefault(key, f)
    return forms


# --- hostile values -------------------------------------------------------------------------------

HUGE = "Ř" * 100_000
EMOJI = "👩‍👩‍👧‍👦🏳️‍🌈" * 50
TEXT = st.sampled_from(
    ["", " ", "\x00", "a\x00b", HUGE, EMOJI, "-1", "<script>alert(1)</script>", "=1+1", "🙂"]
)
NUMBERS = st.sampled_from(
    [
        "",
        "-1",
        "-99999999999999999999",
        "99999999999999999999",
        "1e309",
        "NaN",
        "Infinity",
        "0,5",
        "1.5",
        "\x00",
        "🙂",
    ]
)
DATES = st.sampled_from(
    [
        "",
        "0001-01-01",
        "9999-12-31",
        "10000-01-01",
        "1899-12-31",
        "2101-01-01",
        "2023-02-30",
        "-1",
        "31. 12. 1",
        "\x00",
    ]
)
DATETIMES = st.sampled_from(
    ["", "0001-01-01T00:00", "9999-12-31T23:59", "2023-02-30T10:00", "2023-01-01T25:00", "-1", "\x00", "🙂"]
)
TIMES = st.sampled_from(["", "25:00", "-1", "99:99", "\x00", "🙂"])
IDS = st.sampled_from(["", "-1", "0", "99999999999999999999", "9223372036854775808", "abc", "\x00", "1.5"])


def value_strategy(f: Field, foreign_ids: list[str]):
    """Hostile values for one field, chosen by its type; the field's own value is one of them."""
    own = [f.value] if f.value else []
    if f.kind == "submit":
        return st.sampled_from([f.value, ""])
    if f.kind in ("number", "range"):
        base = NUMBERS
    elif f.kind == "date":
        base = DATES
    elif f.kind in ("datetime-local", "datetime"):
        base = DATETIMES
    elif f.kind == "time":
        base = TIMES
    elif f.kind in ("select", "checkbox", "radio"):
        choices = [o for o in f.options if o] or [""]
        base = st.one_of(
            st.sampled_from(choices),
            st.sampled_from(foreign_ids or ["1"]),
            IDS,
        )
        if f.multiple or f.kind == "checkbox":
            return st.lists(base, max_size=4)
        return base
    elif f.kind == "file":
        return st.sampled_from(
            [
                SimpleUploadedFile("prazdny.pdf", b"", content_type="application/pdf"),
                SimpleUploadedFile("zapis.pdf", b"%PDF-1.4\n\x00\xff nic", content_type="application/pdf"),
                SimpleUploadedFile(
                    "a\x00b.docx", b"PK\x03\x04" + b"\x00" * 64, content_type="application/zip"
                ),
                SimpleUploadedFile("😀.xlsx", "🙂".encode() * 10, content_type="text/plain"),
                "",
            ]
        )
    else:
        base = st.one_of(TEXT, st.text(max_size=50))
    return st.one_of(base, st.sampled_from(own)) if own else base


def _foreign_ids(world) -> list[str]:
    """Primary keys of rows that belong to the other unit: ids a writer of this unit must not reach."""
    ids = set()
    for model in apps.get_models():
        unit_field = next(
            (f for f in model._meta.concrete_fields if f.name == "unit" and f.is_relation), None
        )
        if unit_field is not None:
            ids.update(model._base_manager.filter(unit=world.other_unit).values_list("pk", flat=True)[:20])
    ids.add(world.other_unit.pk)
    ids.add(world.users["outsider"].pk)
    return sorted(str(i) for i in ids)


def _other_unit_rows(world) -> None:
    """A few rows of the other unit, so that foreign ids are real ids of real rows."""
    from spojka.cooperation.models import CooperationDescription
    from spojka.meetings.models import Meeting
    from spojka.partnership.models import Organisation, Person

    description = CooperationDescription.objects.create(
        unit=world.other_unit, valid_from="2022-01-01", valid_to="2024-12-31"
    )
    description.thematic_areas.create(unit=world.other_unit, name="Zaměstnanost", focus="Cizí oblast.")
    Meeting.objects.create(
        unit=world.other_unit,
        title="Cizí jednání",
        starts_at="2022-05-01T10:00+02:00",
        ends_at="2022-05-01T11:00+02:00",
    )
    organisation = Organisation.objects.create(unit=world.other_unit, name="Cizí organizace")
    Person.objects.create(
        unit=world.other_unit, first_name="Cizí", last_name="Osoba", organisation=organisation
    )


@pytest.mark.django_db
def test_no_form_answers_hostile_input_with_a_500(world, client):
    for module in _modules():
        if hasattr(module, "build"):
            module.build(world)
    _other_unit_rows(world)
    foreign = _foreign_ids(world)
    started = time.monotonic()
    forms = collect_forms(world, client)
    submissions = 0
    failures: list[str] = []

    def fuzz(method: str, action: str, strategies: dict) -> None:

        @seed(20261129)
        @hsettings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            print_blob=False,
            # No shrinking: a failing example is reported as found, and the run time stays bounded.
            phases=[Phase.explicit, Phase.generate],
        )
        @given(data=st.fixed_dictionaries({}, optional=strategies) if strategies else st.just({}))
        def submit(data):
            nonlocal submissions
            submissions += 1
            for v in data.values():
                if isinstance(v, SimpleUploadedFile):
                    v.seek(0)
            try:
                with transaction.atomic():
                    if method == "POST":
                        response = client.post(action, data)
                    else:
                        response = client.get(
                            action, {k: v for k, v in data.items() if not hasattr(v, "read")}
                        )
                    transaction.set_rollback(True)
            except Exception as exc:  # the test client re-raises what became a 500
                raise AssertionError(f"{type(exc).__name__}: {exc}") from exc
            assert response.status_code < 500, f"HTTP {response.status_code}"

        submit()

    for (method, action, persona), form in sorted(forms.items()):
        _login(client, world, persona)
        try:
            fuzz(method, action, {name: value_strategy(f, foreign) for name, f in form.fields.items()})
        except Exception as exc:  # noqa: BLE001 - collect every form's failure, report them together
            failures.append(f"{method} {action} as {persona}: {str(exc)[:600]}")

    posted = sum(1 for key in forms if key[0] == "POST")
    print(
        f"fuzz: {len(forms)} forms ({posted} POST), {submissions} submissions, {len(failures)} × 500, "
        f"{time.monotonic() - started:.0f} s"
    )
    assert len(forms) >= 80, f"only {len(forms)} forms were found to fuzz"
    assert not failures, "\n".join(failures)
