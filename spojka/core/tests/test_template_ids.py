"""Ids printed by templates stay machine-readable.

``USE_THOUSAND_SEPARATOR`` localises every integer a template prints: id 1234 becomes "1 234", which
breaks element ids, form values and htmx targets (PostgreSQL's ids pass 1000 in the test suite).
Ids are printed with ``|unlocalize`` or inside ``{% url %}``.
"""

from __future__ import annotations

import re
from pathlib import Path

BARE_ID = re.compile(r"\{\{\s*[\w.]*(?:\.pk|\.id|(?<!auto)_id)\s*\}\}")


def test_no_template_prints_a_bare_id():
    root = Path(__file__).resolve().parents[2]
    offending = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("templates/**/*.html")
        for match in BARE_ID.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_the_check_sees_a_bare_id():
    assert BARE_ID.search('<li id="bod-{{ item.pk }}">') and BARE_ID.search("{{ p.person_id }}")
    assert not BARE_ID.search("{{ item.pk|unlocalize }}") and not BARE_ID.search("{{ field.auto_id }}")
