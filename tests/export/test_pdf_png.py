"""The PDF rendered to PNG with pdftoppm (poppler), as a printer or viewer would show it.

To refresh docs/screenshots/plan-pdf-*.png (page 1, the action path, and page 1 of the
draft) for people to look at: .venv/bin/python -m tests.export.test_pdf_png
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from samenspel.config import PROJECT_ROOT
from tests.conftest import require

ACCENT = (0x15, 0x42, 0x73)
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"


def to_png(pdf: bytes, folder: Path, name: str, dpi: int = 100) -> list[Path]:
    require(shutil.which("pdftoppm") is not None, "pdftoppm (Debian: poppler-utils) is not installed")
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), str(folder / name)], check=True, timeout=120)
    return sorted(folder.glob(f"{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def load(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def rgb_pixels(image: Image.Image, step: int = 4) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").resize((image.width // step, image.height // step), Image.NEAREST).tobytes()
    return list(zip(data[0::3], data[1::3], data[2::3]))


def share(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 12) -> float:
    """How much of the page has (about) this colour."""
    pixels = rgb_pixels(image)
    close = sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in zip(p, colour)))
    return close / len(pixels)


def ink(image: Image.Image) -> float:
    """How much of the page is darker than light grey (text, rules, bars)."""
    return sum(1 for p in rgb_pixels(image) if sum(p) < 600) / len(rgb_pixels(image))


@pytest.fixture(scope="module")
def pages(exports, tmp_path_factory):
    return to_png(exports["pdf"], tmp_path_factory.mktemp("png"), "plan")


def action_path_page(pages: list[Path]) -> Path:
    """The page with the most of the table header's dark blue."""
    return max(pages, key=lambda p: share(load(p), ACCENT))


def test_every_page_renders_a4_with_content(pages):
    assert len(pages) >= 4
    for path in pages:
        image = load(path)
        assert image.width == 827 and abs(image.height - 1169) <= 1  # A4 (210 x 297 mm) at 100 dpi
        assert ink(image) > 0.005, f"{path.name} looks empty"
        margin = image.convert("L").crop((0, 0, 60, image.height))  # nothing runs into the left margin
        assert min(margin.tobytes()) > 200


def test_action_path_table_header_is_prominent(pages):
    page = load(action_path_page(pages))
    assert share(page, ACCENT) > 0.01  # the dark blue header row of the table
    assert pages.index(action_path_page(pages)) == 1  # right after the summary on the first page


def test_charts_are_drawn(pages):
    # The vote chart and the reflection chart: bars in the accent and in grey-blue.
    assert sum(share(load(p), (0x7C, 0x8B, 0xA1), 6) for p in pages) > 0.001


#: the text area of an A4 page between the running header and footer (plan.css: @page margin)
TEXT_TOP, TEXT_BOTTOM = 24 / 297, (297 - 20) / 297


def filled(image: Image.Image) -> float:
    """How far down the text area the page's content reaches (0: empty, 1: to the footer)."""
    grey = image.convert("L")
    top, bottom = round(image.height * TEXT_TOP), round(image.height * TEXT_BOTTOM)
    rows = grey.crop((0, top, image.width, bottom)).resize((1, bottom - top), Image.Resampling.BOX)
    inked = [y for y, value in enumerate(rows.tobytes()) if value < 250]
    return (inked[-1] + 1) / (bottom - top) if inked else 0.0


def test_no_page_of_a_full_hall_is_nearly_empty(hall_exports, tmp_path):
    """A hall of 32 people makes a chart of 31 ideas, longer than a page. Kept whole, it went
    to a page of its own and left the page before with two lines; a heading still stays with
    what follows it."""
    pages = to_png(hall_exports["nl"]["pdf"], tmp_path, "hall", dpi=50)
    fill = [round(filled(load(page)), 2) for page in pages]
    assert len(pages) >= 10
    assert min(fill[:-1]) > 0.6, fill  # the last page holds what is left


def test_draft_has_a_watermark_on_every_page(draft_pdf, tmp_path):
    final = to_png(draft_pdf, tmp_path, "draft", dpi=50)
    for path in final:
        image = load(path)
        # the pale brown CONCEPT across the page, distinct from text (dark) and paper (white)
        assert share(image, (0xF1, 0xEB, 0xE4), 8) > 0.01, path.name


def refresh_screenshots() -> list[Path]:
    """Write page 1, the action-path page and page 1 of the draft to docs/screenshots/."""
    import tempfile

    from samenspel.engine.document import build_document
    from samenspel.engine.flow import Status
    from samenspel.export import render
    from tests.support.sample import NOW, sample_session_state

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        final = to_png(render(build_document(*sample_session_state(), "nl", now=NOW), "pdf"), Path(folder), "plan")
        draft_state = sample_session_state(status=Status.RUNNING, round_id="actiepad")
        draft = to_png(render(build_document(*draft_state, "nl", now=NOW), "pdf"), Path(folder), "draft")
        targets = [
            (final[0], "plan-pdf-1.png"),
            (action_path_page(final), "plan-pdf-actiepad.png"),
            (draft[0], "plan-pdf-concept-1.png"),
        ]
        for source, name in targets:
            shutil.copyfile(source, SCREENSHOTS / name)
    return [SCREENSHOTS / name for _, name in targets]


def refresh_table_screenshots() -> list[Path]:
    """Write the action path and the first page of the tables of a session played at tables
    (tests/support/table_sample.py) to docs/screenshots/plan-tables-*.png."""
    import tempfile

    from samenspel.engine.document import build_document
    from samenspel.export import render
    from samenspel.export.labels import labels
    from tests.support.sample import NOW
    from tests.support.table_sample import table_session_state

    document = build_document(*table_session_state(), "nl", now=NOW)
    pdf = render(document, "pdf")
    note = " ".join(labels("nl")["tables_note"].split()[:4])
    with tempfile.TemporaryDirectory() as folder:
        pages = to_png(pdf, Path(folder), "tables")
        first = next(n for n, page in enumerate(_page_texts(pdf)) if note in page)
        targets = [(action_path_page(pages), "plan-tables-actiepad.png"), (pages[first], "plan-tables-tafels.png")]
        for source, name in targets:
            shutil.copyfile(source, SCREENSHOTS / name)
    return [SCREENSHOTS / name for _, name in targets]


def _page_texts(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


if __name__ == "__main__":  # .venv/bin/python -m tests.export.test_pdf_png [tables]
    import sys

    for written in refresh_table_screenshots() if sys.argv[1:] == ["tables"] else refresh_screenshots():
        print(written)
