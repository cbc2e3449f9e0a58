"""gunicorn settings read by every ``gunicorn`` started from the project root (``make run``, ``make bench``).

Each worker renders one small PDF right after it loads the application, so that WeasyPrint's
start-up (fonts, Pango, hyphenation: 1–2 s) is paid by the worker and not by the first user who
downloads a document. ``SPOJKA_WARM_DOCUMENTS=0`` turns it off.
"""

import os


def post_worker_init(worker):
    if os.environ.get("SPOJKA_WARM_DOCUMENTS", "1") == "0":
        return
    from spojka.documents.warmup import warm_up

    worker.log.info("Dokumenty: WeasyPrint zahřát za %.1f s", warm_up())
