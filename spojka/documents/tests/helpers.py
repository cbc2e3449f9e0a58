"""Small helpers of the documents tests: files to upload and text extracted from documents."""

from __future__ import annotations

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from spojka.documents.demo import placeholder_pdf

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000"
    "0000050001a5f645400000000049454e44ae426082"
)


def pdf_upload(name: str = "zapis.pdf", title: str = "Zkusebni dokument") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, placeholder_pdf(title), content_type="application/pdf")


def normalise(text: str) -> str:
    """Plain spaces for non-breaking ones, words hyphenated at a line end joined, whitespace collapsed."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"[\u2010\u00ad-]\s*\n\s*(?=[a-záčďéěíňóřšťúůýž])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    """Every paragraph of a DOCX, including those inside tables, in document order."""
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)
