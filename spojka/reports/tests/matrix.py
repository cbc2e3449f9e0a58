"""This app's URLs in the URL × role matrix (see spojka/testing/matrix_kinds.py).

The reports read what the documents and plans apps' ``build`` put into the world.
"""

from __future__ import annotations

from spojka.testing.matrix_kinds import UNIT_READ, UNIT_WRITE, Entry, description_kwargs, unit_kwargs


def description_fmt(fmt: str):
    return lambda w: {**description_kwargs(w), "fmt": fmt}


def report_fmt(fmt: str):
    return lambda w: {"unit": w.unit.slug, "year": 2022, "fmt": fmt}


def plan_fmt(fmt: str):
    return lambda w: {"unit": w.unit.slug, "pk": w.plan.pk, "fmt": fmt}


ENTRIES = {
    "reports:outputs": Entry(UNIT_READ, unit_kwargs),
    "reports:generate_description": Entry(UNIT_READ, description_fmt("docx")),
    "reports:generate_report": Entry(UNIT_READ, report_fmt("docx")),
    "reports:save_generated": Entry(
        UNIT_WRITE,
        unit_kwargs,
        method="POST",
        data=lambda w: {"kind": "annual_report", "fmt": "docx", "year": 2022},
    ),
    "reports:plan_report": Entry(UNIT_READ, plan_fmt("docx")),
    "reports:plan_report_save": Entry(UNIT_WRITE, plan_fmt("docx"), method="POST"),
}
