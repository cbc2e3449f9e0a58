"""Season deadlines such as "Podzim 2021": stored as season + year, due at the end of the season.

The one place that says when a season ends is the setting ``SEASON_DUE_DATES``
(season → (month, day), day None for the last day of the month). A season that ends before
June (winter) ends in the year after the stated one: winter 2023 runs from December 2023 to
February 2024. Schedule rules and plan measures both call :func:`season_due_date`, so changing the
setting moves both.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Season(models.TextChoices):
    SPRING = "spring", _("jaro")
    SUMMER = "summer", _("léto")
    AUTUMN = "autumn", _("podzim")
    WINTER = "winter", _("zima")


def season_due_date(season: Season | str, year: int) -> date:
    """The due date of a season deadline: "Podzim 2021" → 30. 11. 2021, "Zima 2023" → 29. 2. 2024."""
    try:
        month, day = settings.SEASON_DUE_DATES[Season(season)]
    except (KeyError, ValueError):
        raise ValueError(f"Unknown season {season!r}") from None
    due_year = year + 1 if season == Season.WINTER and month < 6 else year
    if day is None:
        day = calendar.monthrange(due_year, month)[1]
    return date(due_year, month, day)
