"""The default file storage, which never deletes a file the trash still holds.

django-cleanup removes a deleted row's files once the transaction commits. A row deleted into the
trash must keep its files for ``RETENTION_DAYS`` so that a restore brings the file back too;
``trash_purge`` deletes them when the trashed item is forgotten.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage

from spojka.trash.models import TrashedItem


class TrashKeepingStorage(FileSystemStorage):
    def delete(self, name):
        if name and held_by_trash(name):
            return
        super().delete(name)


def held_by_trash(name: str) -> bool:
    # Only on deletion, and the trash is purged after 30 days: a short list to scan.
    held = TrashedItem.objects.filter(restored_at__isnull=True).values_list("files", flat=True)
    return any(name in files for files in held)
