from __future__ import annotations

app_name = "partnership"

urlpatterns: list = []
