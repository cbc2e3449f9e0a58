"""Electronic signatures of PDFs in the library (PAdES, with pyHanko).

A signer uploads their certificate as a PKCS#12 file (.p12/.pfx) with its password for one signing:
it is read in memory, used once and never stored or logged. The signed PDF becomes a new version of
the document, kept as submitted.

Validation here checks that each signature is cryptographically sound and that the document was not
changed after it (integrity). It does not check the certificate against the national trust lists
(qualified validation), which is out of scope; the library says so.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class SigningError(Exception):
    """A signing that cannot be done; the message is Czech and shown next to the form field."""

    def __init__(self, message: str, *, field: str = "certificate"):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class SignatureInfo:
    field_name: str
    signer: str
    signed_at: datetime | None
    intact: bool  # the signed bytes are unchanged and the signature verifies cryptographically
    unchanged_after: bool  # nothing but further signatures was added after it


def _signer(pkcs12: bytes, passphrase: str):
    from pyhanko.sign import signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            pkcs12, other_certs=[], passphrase=passphrase.encode() if passphrase else None
        )
    except Exception:  # a wrong password and a damaged file fail alike inside the parser
        signer = None
    if signer is None:
        raise SigningError(_("Certifikát se nepodařilo načíst: zkontrolujte soubor PKCS#12 a heslo."))
    return signer


def sign_pdf(content: bytes, *, pkcs12: bytes, passphrase: str, reason: str, location: str) -> bytes:
    """``content`` with one more PAdES signature (an incremental update: earlier ones stay valid)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = _signer(pkcs12, passphrase)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    except Exception:
        raise SigningError(_("Soubor této verze není čitelné PDF; podepsat lze jen PDF."), field="") from None
    existing = len(signatures(content))
    metadata = signers.PdfSignatureMetadata(
        field_name=f"Podpis{existing + 1}",
        reason=reason or None,
        location=location or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    output = signers.sign_pdf(writer, metadata, signer=signer)
    return output.getvalue()


def signatures(content: bytes) -> list[SignatureInfo]:
    """The signatures embedded in a PDF, each checked for integrity (not against trust lists)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:
        return []
    found = []
    for signature in embedded:
        try:
            status = validate_pdf_signature(
                signature, ValidationContext(trust_roots=[], allow_fetching=False)
            )
            intact = bool(status.intact and status.valid)
            unchanged = status.modification_level is not None and status.modification_level.value <= 2
            signed_at = status.signer_reported_dt
        except Exception as error:  # a malformed signature is shown as not valid, never a crash
            logger.info("Signature %s could not be validated: %s", signature.field_name, error)
            intact, unchanged, signed_at = False, False, None
        found.append(
            SignatureInfo(
                field_name=signature.field_name,
                signer=_name(signature.signer_cert),
                signed_at=signed_at,
                intact=intact,
                unchanged_after=unchanged,
            )
        )
    return found


def _name(certificate) -> str:
    if certificate is None:
        return ""
    subject = certificate.subject.native
    return subject.get("common_name") or certificate.subject.human_friendly
