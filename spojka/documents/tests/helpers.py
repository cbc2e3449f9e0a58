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


def pdf_standards(content: bytes) -> dict:
    """What a reader of accessibility and archiving looks for in a PDF.

    ``tagged``: a structure tree whose root has children and MarkInfo /Marked true; ``lang`` the
    catalogue's /Lang; ``title`` the document title (and /DisplayDocTitle set); ``pdfua`` and
    ``pdfa`` the part (and conformance) the XMP metadata declares, empty when it declares none.
    """
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    tree = root.get("/StructTreeRoot")
    tree = tree.get_object() if tree is not None else None
    mark_info = root.get("/MarkInfo")
    xmp = root["/Metadata"].get_object().get_data().decode() if "/Metadata" in root else ""

    def declared(prefix: str) -> str:
        part = re.search(prefix + r'id:part(?:="|>)(\d)', xmp)
        conformance = re.search(prefix + r'id:conformance(?:="|>)(\w)', xmp)
        return (part.group(1) if part else "") + (conformance.group(1) if conformance else "")

    viewer = root.get("/ViewerPreferences")
    return {
        "tagged": bool(tree is not None and tree.get("/K") and mark_info and mark_info.get("/Marked")),
        "lang": str(root.get("/Lang", "")),
        "title": (reader.metadata.title or "") if reader.metadata else "",
        "display_title": bool(viewer and viewer.get_object().get("/DisplayDocTitle")),
        "pdfua": declared("pdfua"),
        "pdfa": declared("pdfa"),
    }


def docx_fonts(content: bytes) -> set[str]:
    """The font families a DOCX's text uses: the body, headers and footers, and the styles they use."""
    import zipfile

    from docx import Document

    fonts: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                fonts.update(re.findall(r'w:(?:ascii|hAnsi)="([^"]+)"', archive.read(name).decode()))
    document = Document(io.BytesIO(content))
    used = {p.style.name for p in document.paragraphs}
    used |= {p.style.name for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs}
    used |= {p.style.name for s in document.sections for p in s.footer.paragraphs}
    for name in used:
        style = document.styles[name]
        while style is not None and style.font.name is None:
            style = style.base_style
        if style is not None:
            fonts.add(style.font.name)
    return fonts
