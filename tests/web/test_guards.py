"""The shared HTTP guards (samenspel/web/shared.py): every page of a session answers an
unknown code with the same 404 page and a wrong facilitator key with the same 403 page, and
query arguments never collide with url_for's own (a clear page, never a 500)."""

from __future__ import annotations

import pytest

SESSION_PAGES = ["/j/{code}", "/s/{code}/projector", "/s/{code}/plan", "/s/{code}/qr.svg", "/s/{code}/plan-qr.png"]
FACILITATOR_PAGES = ["/s/{code}/console", "/s/{code}/export.md"]


@pytest.mark.parametrize("page", SESSION_PAGES + FACILITATOR_PAGES)
def test_an_unknown_code_gets_the_unknown_code_page(client, page):
    response = client.get(page.format(code="NOPE22") + "?key=whatever")
    assert response.status_code == 404
    assert "text/html" in response.content_type and 'id="error-title"' in response.get_data(as_text=True)


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_a_wrong_key_gets_no_access(client, make_session, page):
    created = make_session()
    for key in ("", "wrong", created["key"][:-1]):
        response = client.get(page.format(code=created["code"]) + f"?key={key}")
        assert response.status_code == 403, (page, key)
    assert client.get(page.format(code=created["code"]) + f"?key={created['key']}").status_code == 200


@pytest.mark.parametrize("query", ["code=x", "endpoint=x", "_method=x", "values=x", "_external=1", "lang=en&code=y"])
def test_query_arguments_never_collide_with_url_for(client, make_session, query):
    created = make_session()
    code, key = created["code"], created["key"]
    lower = client.get(f"/j/{code.lower()}?{query}")  # the phone's address is normalised by a redirect
    assert lower.status_code in (301, 302, 303, 308) and f"/j/{code}" in lower.headers["Location"]
    for page in (f"/j/{code}?{query}", f"/s/{code}/console?key={key}&{query}", f"/s/{code}/plan?{query}"):
        assert client.get(page).status_code == 200, page


def test_the_pages_build_their_addresses_with_url_for(client, make_session):
    created = make_session()
    code = created["code"]
    phone = client.get(f"/j/{code}").get_data(as_text=True)
    assert f"/api/sessions/{code}/participants" in phone
    projector = client.get(f"/s/{code}/projector").get_data(as_text=True)
    assert f'src="/s/{code}/qr.svg"' in projector and f"/s/{code}/plan-qr.svg" in projector
