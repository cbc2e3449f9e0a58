"""Time the generation of every official document for the Jihlava demo.

    python -m bench.documents [--repeat N]

Sets Django up by itself on a temporary SQLite database (nothing of the developer's data is
touched), migrates, loads the demo and prints one line per document and format. The target is
the annual report in DOCX and PDF together under 2 s. The first PDF of a process also pays for
loading WeasyPrint and the fonts; it is shown separately as "první PDF (zahřátí)".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_SECONDS = 2.0


def _setup_django(workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("SPOJKA_TESTING", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spojka.settings")
    import logging

    import django

    django.setup()
    # WeasyPrint reports every layout step at INFO; the table is what matters here.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _time(action: Callable[[], object], repeat: int) -> tuple[float, int]:
    durations, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        durations.append(time.perf_counter() - start)
        size = len(getattr(result, "content", b""))
    return statistics.median(durations), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="počet opakování (medián)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="spojka-bench-") as tmp:
        _setup_django(Path(tmp))
        from django.utils import translation

        from spojka.cooperation.models import TerritorialUnit
        from spojka.reports import generators

        translation.activate("cs")
        unit = TerritorialUnit.objects.get(slug="jihlava")
        description = unit.descriptions.select_related("memorandum", "unit").order_by("-version").first()
        year = description.valid_from.year + 1 if description.valid_from else 2022

        warm_up, _ = _time(lambda: generators.generate_description(description, "pdf"), 1)
        rows = [("první PDF (zahřátí)", warm_up, 0)]
        for label, action in (
            ("popis spolupráce DOCX", lambda: generators.generate_description(description, "docx")),
            ("popis spolupráce PDF", lambda: generators.generate_description(description, "pdf")),
            (f"zpráva o plnění {year} DOCX", lambda: generators.generate_report(description, year, "docx")),
            (f"zpráva o plnění {year} PDF", lambda: generators.generate_report(description, year, "pdf")),
        ):
            seconds, size = _time(action, args.repeat)
            rows.append((label, seconds, size))
        report_total = sum(s for label, s, _ in rows if label.startswith("zpráva"))

        print(f"{'dokument':<32} {'čas [s]':>9} {'velikost [kB]':>14}")
        print("-" * 57)
        for label, seconds, size in rows:
            print(f"{label:<32} {seconds:>9.3f} {size / 1024:>14.1f}")
        print("-" * 57)
        verdict = "OK" if report_total < TARGET_SECONDS else "POMALÉ"
        print(
            f"{'zpráva DOCX + PDF celkem':<32} {report_total:>9.3f}   cíl < {TARGET_SECONDS:.0f} s: {verdict}"
        )
        return 0 if report_total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
