"""How long the importer takes to parse a very large cooperation description.

`run(size_mb=10)` builds a text of about `size_mb` megabytes in the standard form from the seed
document (its focus paragraphs, member lists and schedule rows repeated until the text is that
large), parses it and returns the sizes and the time. `make bench` prints it; the parse must stay
well under 5 s for 10 MB: every step of the parser is linear in the text.

    python -m bench.importer [SIZE_MB]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "spojka" / "importer" / "tests" / "fixtures" / "jihlava.txt"
LIMIT_SECONDS = 5.0


def repeated_document(size_mb: int) -> str:
    """The whole seed document, again and again."""
    seed = SEED.read_text(encoding="utf-8")
    return seed * max(1, size_mb * 1024 * 1024 // len(seed.encode()))


def large_text(size_mb: int) -> str:
    """The seed with its repeatable parts repeated: focus paragraphs, members, schedule rows."""
    seed = SEED.read_text(encoding="utf-8")
    target = size_mb * 1024 * 1024
    focus_start = seed.index("V oblasti zaměstnanosti")
    focus_end = seed.index("\n", seed.index("na sousedské vztahy.")) + 1
    rows_start = seed.index("Jednání lokálního \npartnerství")
    rows_end = seed.index("Datum schválení")
    focus, rows = seed[focus_start:focus_end], seed[rows_start:rows_end]
    members = "Občanská poradna Jihlava, F POINT, Bílý kruh bezpečí, "
    repeat = max(1, (target - len(seed.encode())) // len((focus + rows + members).encode()) + 1)
    text = (
        seed[:focus_end]
        + focus * repeat
        + seed[focus_end:rows_start].replace("(Občanská poradna Jihlava, ", "(" + members * repeat)
        + rows * repeat
        + seed[rows_end:]
    )
    return text


def _time(text: str) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of one parse (on a shared, loaded machine the two differ)."""
    from spojka.importer.parser import parse_cooperation_description

    started, cpu = time.perf_counter(), time.process_time()
    parsed = parse_cooperation_description(text)
    return time.perf_counter() - started, time.process_time() - cpu, len(parsed.activities.value or [])


def run(size_mb: int = 10) -> dict:
    """Parse two texts of `size_mb`: the seed repeated whole, and the seed with every section grown."""
    results = {}
    for shape, build in (("repeated", repeated_document), ("grown", large_text)):
        text = build(size_mb)
        seconds, cpu, activities = _time(text)
        results[shape] = {
            "size_mb": round(len(text.encode()) / 1024 / 1024, 1),
            "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "activities": activities,
        }
    slowest = max(result["seconds"] for result in results.values())
    print(
        f"importer: parse of a {results['grown']['size_mb']} MB text took "
        f"{results['repeated']['seconds']} s (document repeated; CPU {results['repeated']['cpu_seconds']} s), "
        f"{results['grown']['seconds']} s (sections grown; CPU {results['grown']['cpu_seconds']} s); "
        f"limit {LIMIT_SECONDS:.0f} s – {'OK' if slowest < LIMIT_SECONDS else 'TOO SLOW'}"
    )
    return {**results, "limit_seconds": LIMIT_SECONDS, "ok": slowest < LIMIT_SECONDS}


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
