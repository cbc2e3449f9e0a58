from __future__ import annotations

import pytest

from spojka.meetings.tests.matrix import build


@pytest.fixture
def mw(world):
    """The test world with this app's objects: a planned LP + group meeting, a held group meeting."""
    build(world)
    return world


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    # Uploaded scans go to a temporary folder, not the project's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"
