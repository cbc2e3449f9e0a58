"""Load WeasyPrint once per worker, before any user asks for a PDF.

The first PDF of a process pays for importing WeasyPrint, loading Pango and fontconfig, reading the
DejaVu faces and the Czech hyphenation dictionary: 1.4–2.3 s on the agency's machines. Rendering a
tiny document that uses the same base template, faces and hyphenation moves that cost to the start
of each gunicorn worker (``gunicorn.conf.py`` calls :func:`warm_up` in ``post_worker_init``).
"""

from __future__ import annotations

import time

from spojka.documents.render import render_pdf


def warm_up() -> float:
    """Render one small PDF; returns the seconds it took."""
    started = time.perf_counter()
    render_pdf(template_name="documents/warm_up.html", context={}, filename="warm-up.pdf")
    return time.perf_counter() - started
