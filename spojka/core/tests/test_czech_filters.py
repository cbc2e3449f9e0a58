"""The template filters that put spojka/lib/czech.py's rules into pages and PDF templates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template, TemplateSyntaxError

NB = "\u00a0"


def render(source: str, **context) -> str:
    return Template("{% load spojka %}" + source).render(Context(context))


def test_counts_take_the_right_plural_form():
    assert render('{{ n|count:"hodina" }}', n=4) == f"4{NB}hodiny"
    assert render('{{ n|count:"osoba" }}', n=Decimal("120.00")) == f"120{NB}osob"
    assert render('{{ n|count:"kus,kusy,kusů" }}', n=1) == f"1{NB}kus"
    assert render('{{ n }} {{ n|plural:"jednání" }}', n=3) == "3 jednání"


def test_percent_and_integer():
    assert render("{{ p|percent }}", p=0) == f"0{NB}%"
    assert render("{{ n|integer }}", n=Decimal("120.00")) == "120"


def test_lists_sort_in_czech_order():
    class P:
        def __init__(self, name):
            self.last_name = name

    people = [P("Žák"), P("Chalupa"), P("Hruška"), P("Čermák")]
    out = render(
        '{% for p in people|czech_sorted:"last_name" %}{{ p.last_name }} {% endfor %}', people=people
    )
    assert out == "Čermák Hruška Chalupa Žák "


def test_an_unknown_noun_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        render('{{ n|count:"kus" }}', n=1)
