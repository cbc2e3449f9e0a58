"""Demo data of the document library: a few Jihlava documents and one resolution.

Idempotent (see spojka/core/management/commands/load_demo.py): documents are found by title and
get their first version only once. The files are tiny placeholder PDFs; the resolution number is
made up for the demo and says so.
"""

from __future__ import annotations

from datetime import date

from spojka.documents.models import Document, DocumentSettings, DocumentType, Resolution
from spojka.documents.services import version_add
from spojka.lib.upsert import upsert


def placeholder_pdf(title: str) -> bytes:
    """A valid one-page PDF showing ``title`` (ASCII only: the base-14 fonts have no Czech glyphs)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


DEMO_DOCUMENTS = [
    # title, type, date, visible to partners, file name
    ("Memorandum o spolupráci", DocumentType.OTHER, date(2021, 11, 2), True, "memorandum-jihlava.pdf"),
    (
        "Statut a jednací řád lokálního partnerství Jihlava",
        DocumentType.STATUTE,
        date(2021, 9, 2),
        True,
        "statut-lp-jihlava.pdf",
    ),
    # The PSZ 2022–2027 was finished after the LP's comments of 2022 (see the meetings): "Podzim
    # 2021" is met late, honestly. The SPSZ evaluation is an analysis, linked to its rule by hand.
    (
        "Plán sociálního začleňování Jihlava 2022–2027",
        DocumentType.PSZ,
        date(2022, 11, 24),
        True,
        "psz-jihlava.pdf",
    ),
    ("Vyhodnocení SPSZ 2019–2022", DocumentType.ANALYSIS, date(2022, 10, 20), True, "vyhodnoceni-spsz.pdf"),
    (
        "Prezenční listina – jednání LP 2. 9. 2021",
        DocumentType.ATTENDANCE,
        date(2021, 9, 2),
        False,
        "prezencni-listina-2021-09-02.pdf",
    ),
]


def load(*, context: dict) -> dict:
    jihlava = context["jihlava"]
    upsert(
        DocumentSettings,
        lookup={"unit": jihlava},
        values={
            "signature_place": "V Jihlavě",
            "agency_signature_place": "V Praze",
            "certificate_issuer": "Agentura pro sociální začleňování",
            "certificate_signatory": "Mgr. Petra Ukázková (smyšlená osoba)",
            "certificate_signatory_role": "konzultantka ASZ",
        },
    )
    description = context.get("jihlava_description")
    documents = {}
    by_key = {}
    for title, doc_type, issued_on, visible, filename in DEMO_DOCUMENTS:
        document, _ = upsert(
            Document,
            lookup={"unit": jihlava, "title": title},
            values={
                "doc_type": doc_type,
                "issued_on": issued_on,
                "description": description,
                "visible_to_partners": visible,
            },
        )
        if not document.versions.exists():
            version_add(
                document=document,
                content=placeholder_pdf(title),
                filename=filename,
                content_type="application/pdf",
                user=None,
                note="ukázkový soubor",
            )
        documents[doc_type] = document
        by_key[filename.removesuffix(".pdf")] = document
    upsert(
        Resolution,
        lookup={"unit": jihlava, "number": "0000/21-RM (smyšlené číslo)"},
        values={
            "organ": "council",
            "adopted_on": date(2021, 10, 21),
            "subject": "Rada města schvaluje popis spolupráce s Agenturou pro sociální začleňování "
            "(ukázková data).",
            "document": None,
        },
    )
    return {
        "jihlava_documents": documents,
        "jihlava_documents_by_key": {"spsz_evaluation": by_key["vyhodnoceni-spsz"]},
    }
