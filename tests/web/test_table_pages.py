"""A session at tables on the web: a table's screen (GET /s/<code>/t/<table>), the QR code
that joins straight into that table, and the printable table cards (A5 PDF, one page per
table, read back with a real PDF reader)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from samenspel.engine.tables import names


def _tables_session(client, count: int) -> dict:
    response = client.post(
        "/api/sessions",
        json={"game": "het-nieuwe-samenspel", "title": "Zaal", "question": "Hoe?", "tables": {"count": count}},
    )
    assert response.status_code == 201, response.json
    created = response.json
    created["key"] = created["facilitator_url"].split("key=")[1]
    return created


def test_a_table_screen_names_its_table_and_joins_straight_into_it(client):
    created = _tables_session(client, 3)
    page = client.get(f"/s/{created['code']}/t/2").get_data(as_text=True)
    assert "Tafel Helmgras" in page
    assert f"/j/{created['code']}?table=2" in page
    svg = client.get(f"/s/{created['code']}/t/2/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    for wrong in ("0", "41"):
        assert client.get(f"/s/{created['code']}/t/{wrong}").status_code == 404


def test_the_join_page_keeps_the_table_of_the_qr_code(client):
    created = _tables_session(client, 2)
    page = client.get(f"/j/{created['code']}?table=2").get_data(as_text=True)
    assert '"table": 2' in page
    assert '"table": null' in client.get(f"/j/{created['code']}?table=x").get_data(as_text=True)


def test_table_cards_are_one_a5_page_per_table_with_name_and_join_address(client):
    created = _tables_session(client, 3)
    assert client.get(f"/s/{created['code']}/tables.pdf?key=wrong").status_code == 403
    response = client.get(f"/s/{created['code']}/tables.pdf?key={created['key']}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 3
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (148, 210)  # A5 portrait, in mm
        text = page.extract_text()
        assert names.table(number).name.nl in text
        assert created["code"] in text


def test_table_cards_of_a_session_without_tables_say_what_to_do(client, make_session):
    created = make_session()
    response = client.get(f"/s/{created['code']}/tables.pdf?key={created['key']}")
    assert response.status_code == 200
    assert "geen tafels" in PdfReader(io.BytesIO(response.data)).pages[0].extract_text()


def test_the_start_page_creates_a_session_at_tables(client):
    form = {"game": "het-nieuwe-samenspel", "title": "Zaal", "question": "Hoe?", "place": ""}
    page = client.get("/").get_data(as_text=True)
    assert 'name="tables_kind"' in page and 'name="assign"' in page
    response = client.post("/new", data={**form, "tables_kind": "count", "tables_number": "4", "assign": "random"})
    assert response.status_code == 303
    location = response.headers["Location"]
    code, key = location.split("/s/")[1].split("/")[0], location.split("key=")[1]
    cards = client.get(f"/s/{code}/tables.pdf?key={key}")
    assert len(PdfReader(io.BytesIO(cards.data)).pages) == 4


def test_the_start_page_says_what_to_fill_in_for_tables(client):
    form = {"game": "het-nieuwe-samenspel", "title": "Zaal", "question": "Hoe?", "place": ""}
    for number in ("veel", "0", "99"):
        response = client.post("/new", data={**form, "tables_kind": "size", "tables_number": number})
        assert response.status_code == 400, number
        page = response.get_data(as_text=True)
        assert 'id="tables-error"' in page and "Vul een heel getal in" in page
        assert 'value="size" checked' in page  # what was chosen stays
    without = client.post("/new", data={**form, "tables_kind": "off", "tables_number": "veel"})
    assert without.status_code == 303  # no tables: the number does not matter
