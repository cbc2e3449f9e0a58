from __future__ import annotations

import pytest
from django.urls import reverse

from spojka.documents.models import Document, DocumentType

pytestmark = pytest.mark.django_db


def test_large_ids_are_not_localised_in_links(world, login):
    # Czech number formatting puts a space into 12345; an id in a URL must stay plain.
    document = Document.objects.create(
        pk=12345, unit=world.unit, doc_type=DocumentType.OTHER, title="Podklad"
    )
    html = (
        login(world.users["editor"])
        .get(reverse("documents:detail", kwargs={"unit": world.unit.slug, "pk": document.pk}))
        .content.decode()
    )
    assert "?dokument=12345" in html
