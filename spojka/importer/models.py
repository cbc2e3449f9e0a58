"""An uploaded cooperation description waiting to be reviewed and confirmed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spojka.lib.audit import register_audited


class ImportDraft(models.Model):
    """The text extracted from one uploaded file.

    Not tenant-owned: the unit it describes may not exist yet (it is created on confirmation), so
    only agency admins may see drafts. Only the text is kept, never the uploaded file; the review
    screen parses it again on every request, which is cheap and keeps the draft small.
    """

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nahrál"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    filename = models.CharField(_("název souboru"), max_length=200)
    text = models.TextField(_("text dokumentu"))
    created_at = models.DateTimeField(_("nahráno"), auto_now_add=True)
    # Set on confirmation, so that the same draft cannot be imported twice.
    description = models.ForeignKey(
        "cooperation.CooperationDescription",
        verbose_name=_("vytvořený popis spolupráce"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("potvrzeno"), null=True, blank=True)

    class Meta:
        verbose_name = _("nahraný popis spolupráce")
        verbose_name_plural = _("nahrané popisy spolupráce")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("importer:review", kwargs={"pk": self.pk})


# The extracted text is the uploaded document itself: kept once in the draft, not in the history.
register_audited(ImportDraft, exclude=("text",))
