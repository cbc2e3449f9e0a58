"""Accessible forms on every page (issue 15, item 9; zákon 99/2019 Sb., WCAG 3.3.1 and 3.3.2).

Every page of the URL × role matrix is visited as a persona that may write there, and every form on
it is read:
- each control that must be filled (``required``) has a label with the visible mark, and the page
  explains the mark;
- each POST form, sent with one of its required text fields emptied, comes back with the one error
  summary: a link to that field, the page title starting with "Chyba:", and no second alert.
The keyboard side (focus lands on the summary) is a browser test in ``test_browser_forms.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from spojka.core.tests.test_fuzz import FILE_HINTS, SKIP_ACTIONS, _login, _other_unit_rows, _writer
from spojka.core.tests.test_matrix import _entries, _modules

# Controls whose emptied value is a plain text a form re-renders with an error (a select or a date
# might be refused the same way, but a text field is the common case that every form has).
TEXT_KINDS = {"text", "email", "url", "number", "date", "datetime-local", "time", "textarea", "search"}


@dataclass
class Control:
    name: str
    id: str
    kind: str
    required: bool
    value: str = ""
    checked: bool = False


@dataclass
class PageForm:
    method: str
    action: str
    controls: list[Control] = field(default_factory=list)
    marked_labels: set[str] = field(default_factory=set)  # the ids whose <label> carries the mark


class _Parser(HTMLParser):
    """Forms with their controls (required or not), the labels that carry the required mark, and
    whether the form has the note that explains the mark."""

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._label_for: str | None = None
        self._select: Control | None = None
        self._textarea: Control | None = None
        self._options_seen = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "form":
            action = urlsplit(a.get("action") or self.page_path).path or self.page_path
            self._form = PageForm((a.get("method") or "get").upper(), action)
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag == "label":
            self._label_for = a.get("for")
        elif tag == "span" and "app-required" in classes and self._label_for:
            self._form.marked_labels.add(self._label_for)
        elif tag in ("input", "select", "textarea", "button") and a.get("name"):
            kind = (a.get("type") or "text").lower() if tag == "input" else tag
            if tag == "button":
                kind = (a.get("type") or "submit").lower()
            control = Control(
                a["name"], a.get("id", ""), kind, "required" in a, a.get("value", ""), "checked" in a
            )
            self._form.controls.append(control)
            self._select = control if tag == "select" else None
            self._options_seen = False
            self._textarea = control if tag == "textarea" else None
        elif tag == "option" and self._select is not None:
            # The browser sends the selected option, or the first one when none is selected.
            if "selected" in a or not self._options_seen:
                self._select.value = a.get("value", "")
            self._options_seen = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "label":
            self._label_for = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _pages(world, client):
    """(persona, path, html) of every HTML page of the matrix, as a persona that may write there."""
    for name, entry in sorted(_entries().items()):
        persona = _writer(entry)
        if persona is None or entry.method != "GET" or name in SKIP_ACTIONS or name.startswith("admin:"):
            continue
        if any(hint in name for hint in FILE_HINTS):
            continue
        url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
        _login(client, world, persona)
        response = client.get(url)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            yield persona, url, response.content.decode()


def _forms(html: str, path: str) -> list[PageForm]:
    parser = _Parser(path)
    parser.feed(html)
    return [f for f in parser.forms if not f.action.startswith("/admin/")]


@pytest.fixture
def everything(world):
    for module in _modules():
        if hasattr(module, "build"):
            module.build(world)
    _other_unit_rows(world)
    return world


@pytest.mark.django_db
def test_every_required_control_is_marked_and_the_mark_explained(everything, client):
    required = 0
    problems: list[str] = []
    for persona, url, html in _pages(everything, client):
        for form in _forms(html, url):
            controls = [c for c in form.controls if c.required and c.kind not in ("hidden", "submit")]
            for control in controls:
                required += 1
                if control.id not in form.marked_labels:
                    problems.append(f"{url} ({persona}): {control.name} has no visible required mark")
            if controls and "app-required-note" not in html:
                problems.append(f"{url} ({persona}): the page does not explain the required mark")
    print(f"required controls checked: {required}")
    assert required >= 100, f"only {required} required controls found: the crawl missed the forms"
    assert not problems, "\n".join(sorted(set(problems)))


def _payload(form: PageForm, emptied: Control) -> dict:
    data: dict[str, list[str]] = {}
    # The browser sends the button that was pressed: the first one, as Enter in a field does.
    button = next((c for c in form.controls if c.kind == "submit"), None)
    if button is not None:
        data[button.name] = [button.value]
    for control in form.controls:
        if control.kind in ("submit", "file") or (
            control.kind in ("checkbox", "radio") and not control.checked
        ):
            continue
        value = "" if control is emptied else control.value
        data.setdefault(control.name, []).append(value)
    return data


@pytest.mark.django_db
def test_an_invalid_submit_of_any_form_brings_the_one_error_summary(everything, client):
    checked = 0
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for persona, url, html in _pages(everything, client):
        for form in _forms(html, url):
            emptied = next((c for c in form.controls if c.required and c.kind in TEXT_KINDS and c.id), None)
            if form.method != "POST" or emptied is None or (form.action, emptied.name) in seen:
                continue
            seen.add((form.action, emptied.name))
            _login(client, everything, persona)
            response = client.post(form.action, _payload(form, emptied))
            checked += 1
            where = f"POST {form.action} without {emptied.name} ({persona})"
            if response.status_code not in (200, 422):
                problems.append(f"{where}: HTTP {response.status_code}, not the form again")
                continue
            page = response.content.decode()
            title = re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()
            if not title.startswith("Chyba:"):
                problems.append(f"{where}: title {title!r} does not start with 'Chyba:'")
            if page.count("data-error-summary") != 1:
                problems.append(f"{where}: {page.count('data-error-summary')} error summaries")
            elif f'href="#{emptied.id}"' not in page:
                problems.append(f"{where}: the summary does not link to #{emptied.id}")
            alerts = page.count('role="alert"')
            if alerts != 1:
                problems.append(f"{where}: {alerts} alerts")
    print(f"invalid submits checked: {checked}")
    assert checked >= 30, f"only {checked} forms were submitted: the crawl missed the forms"
    assert not problems, "\n".join(sorted(problems))


@pytest.mark.django_db
def test_a_wrong_password_gives_one_specific_error(world, client):
    response = client.post(reverse("accounts:login"), {"username": "editor", "password": "spatne"})

    page = response.content.decode()
    assert page.count('role="alert"') == 1
    assert "vyznačená pole" not in page and "Opravte prosím" not in page
    assert re.search(r"<title>Chyba: Přihlášení", page)
