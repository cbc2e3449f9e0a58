"""Write the variant documents: DOCX with python-docx, PDF printed from each by LibreOffice.

    python -m spojka.importer.tests.build_variants

The files are committed (fixtures/variants/), so the tests never need LibreOffice; run this again
after changing `variants.py` and commit what it writes.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from spojka.importer.tests.variants import LAYOUTS, VARIANTS, build_docx, build_resolution

OUT = Path(__file__).parent / "fixtures" / "variants"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    documents = {
        f"{slug}_{layout}": build_docx(variant, layout)
        for slug, variant in VARIANTS.items()
        for layout in LAYOUTS
    }
    documents["usneseni"] = build_resolution()
    for stem, data in documents.items():
        (OUT / f"{stem}.docx").write_bytes(data)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(OUT),
                *[str(OUT / f"{stem}.docx") for stem in documents],
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    for stem in documents:
        print(OUT / f"{stem}.pdf")


if __name__ == "__main__":
    main()
