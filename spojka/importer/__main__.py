"""Read a cooperation description from the command line: `python -m spojka.importer FILE [--json]`.

Useful for checking what the importer makes of a real document before it is uploaded. Every
message is Czech; what a PDF library reports about a damaged file goes to the debug log only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import ImportRejected
from .extract import extract_text, read_file
from .parser import parse_cooperation_description


class _Arguments(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages are English
        self.exit(2, "Použití: python -m spojka.importer SOUBOR [--json]\n")


def main(argv: list[str] | None = None) -> int:
    arguments = _Arguments(description="Načte popis spolupráce (PDF, DOCX nebo text).", add_help=False)
    arguments.add_argument("file", type=Path)
    arguments.add_argument("--json", action="store_true")
    options = arguments.parse_args(argv)
    try:
        text = extract_text(read_file(options.file), options.file.name)
        parsed = parse_cooperation_description(text)
    except ImportRejected as error:
        print(error.message, file=sys.stderr)
        return 1
    data = parsed.to_dict()
    if options.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for name, field in data.items():
        if isinstance(field, dict) and "found" in field:
            shown = json.dumps(field["value"], ensure_ascii=False) if field["found"] else "— nenalezeno —"
            doubt = f"  (? {field['doubt']})" if field.get("doubt") else ""
            print(f"{name}: {shown[:200]}{doubt}")
    for warning in data["warnings"]:
        print(f"! {warning}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
