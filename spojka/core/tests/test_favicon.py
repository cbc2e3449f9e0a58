from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_favicon_is_served_by_the_app(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert "max-age=86400" in response["Cache-Control"]


@pytest.mark.django_db
def test_every_page_links_the_icon(client):
    html = client.get("/prohlaseni-o-pristupnosti/").content.decode()
    assert 'rel="icon" href="/favicon.ico"' in html
    assert "core/favicon.svg" in html
