from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files of these tests go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
