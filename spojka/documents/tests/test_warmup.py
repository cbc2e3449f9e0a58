"""The per-worker warm-up renders a real PDF and really takes the cold start away."""

from __future__ import annotations

import runpy
import types
from pathlib import Path

from pypdf import PdfReader

from spojka.documents import warmup
from spojka.documents.render import render_pdf


def test_warm_up_renders_the_shared_base_template(tmp_path):
    seconds = warmup.warm_up()
    assert seconds > 0
    pdf = render_pdf(template_name="documents/warm_up.html", context={}, filename="x.pdf")
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf.content)
    assert "žluťoučký" in PdfReader(path).pages[0].extract_text()


def test_gunicorn_config_warms_each_worker(settings):
    """gunicorn loads ``gunicorn.conf.py`` from the project root; its hook renders the warm-up PDF."""
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    logged = []
    worker = types.SimpleNamespace(log=types.SimpleNamespace(info=lambda *args: logged.append(args)))
    config["post_worker_init"](worker)
    assert logged and logged[0][0].startswith("Dokumenty: WeasyPrint zahřát") and logged[0][1] > 0


def test_warm_up_can_be_turned_off(settings, monkeypatch):
    monkeypatch.setenv("SPOJKA_WARM_DOCUMENTS", "0")
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    logged = []
    config["post_worker_init"](types.SimpleNamespace(log=types.SimpleNamespace(info=logged.append)))
    assert logged == []
