"""The one error the importer raises for files and texts it cannot use."""

from __future__ import annotations


class ImportRejected(Exception):
    """An uploaded file or text cannot be imported.

    `message` is Czech and meant for the person who uploaded the file, so it says what is wrong
    and, where possible, what to do instead.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
