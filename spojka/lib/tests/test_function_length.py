"""No production function is longer than 60 lines (issue 11): a longer one is split into named steps.

Tests, migrations and demo data are left out: a demo builds its world in one readable sweep.
"""

from __future__ import annotations

import ast
from pathlib import Path

import spojka

MAX_LINES = 60
ROOT = Path(spojka.__file__).resolve().parent


def _production_files() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
        and "demo" not in path.stem
        and path.name != "conftest.py"
    ]


def _long_functions(path: Path, root: Path = ROOT.parent) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{path.relative_to(root)}:{node.lineno} {node.name}() has {length} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := node.end_lineno - node.lineno + 1) > MAX_LINES
    ]


def test_the_walk_sees_the_production_code_only():
    files = {str(p.relative_to(ROOT)) for p in _production_files()}
    assert {"plans/xlsx.py", "agency/facts.py", "settings.py"} <= files
    assert not [f for f in files if "tests/" in f or "migrations/" in f or f.endswith("demo.py")]


def test_a_function_of_61_lines_is_found_and_one_of_60_is_not(tmp_path):
    source = tmp_path / "shapes.py"
    body = "    x = 1\n"
    source.write_text(
        "def short():\n" + body * (MAX_LINES - 1) + "\n\nasync def long():\n" + body * MAX_LINES,
        encoding="utf-8",
    )
    assert _long_functions(source, tmp_path) == [f"shapes.py:{MAX_LINES + 3} long() has 61 lines"]


def test_no_production_function_is_longer_than_60_lines():
    found = [message for path in _production_files() for message in _long_functions(path)]
    assert found == []
