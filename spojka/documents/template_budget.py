"""A Jinja sandbox with a budget, for Word templates that units upload.

The sandbox already keeps a template away from Python internals, but not from the processor: nested
``{% for i in range(100000) %}`` loops, ``"x" * 10**9`` or ``"x"|center(10**9)`` would hold a worker
for minutes or exhaust its memory. So every ``for`` loop of a parsed template is rewritten to draw
its items through a counter, sizes in arithmetic and in calls are capped, and the whole render has
a deadline. Exceeding any of them raises :class:`TemplateTooExpensive`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from functools import wraps

from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

# Generous for the real documents (a plan with hundreds of actions and indicators), far below what
# holds a worker: 100 000 empty loop steps take a tenth of a second.
MAX_LOOP_STEPS = 100_000
MAX_SECONDS = 5.0
# The largest number a template may pass to a call or a filter, and the longest sequence or
# string that arithmetic may make.
MAX_SIZE = 100_000
_BUDGET_FILTER = "spojka_budget"


class TemplateTooExpensive(SecurityError):
    """The template needs more loop steps, memory or time than a document may take."""


class BudgetedSandbox(SandboxedEnvironment):
    """One render's environment: create a new one for every render (it carries the budget)."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.filters = {name: _capped(f) for name, f in self.filters.items()}
        self.filters[_BUDGET_FILTER] = self._budgeted
        self.tests = {name: _capped(t) for name, t in self.tests.items()}
        self.globals = {name: _capped(g) if callable(g) else g for name, g in self.globals.items()}

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_LOOP_STEPS or (self.steps % 1000 == 0 and time.monotonic() > self.deadline):
            raise TemplateTooExpensive("loop budget")

    def _budgeted(self, iterable: Iterable) -> Iterator:
        for item in iterable:
            self.tick()
            yield item

    def _parse(self, source, name, filename):
        template = super()._parse(source, name, filename)
        for loop in template.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _BUDGET_FILTER, [], [], None, None, lineno=loop.lineno)
        return template

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        __self.tick()
        _check_sizes(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        self.tick()
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise TemplateTooExpensive("power")
        if operator == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(a, str | list | tuple) and isinstance(b, int) and len(a) * b > MAX_SIZE:
                    raise TemplateTooExpensive("repeat")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str | list | tuple) and len(result) > 10 * MAX_SIZE:
            raise TemplateTooExpensive("size")
        return result


def _check_sizes(args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise TemplateTooExpensive("size")


def _capped(function: Callable) -> Callable:
    @wraps(function)
    def capped(*args, **kwargs):
        _check_sizes(args, kwargs)
        return function(*args, **kwargs)

    return capped
