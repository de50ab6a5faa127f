"""Offscreen rendering of pages to PNG, for docs and checks."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from iurc_desktop.core.errors import IurcError, NotFound
from iurc_desktop.ui.shell.screenshot import PAGES, render_page


@pytest.mark.parametrize("page", ["events", "people", "organisations"])
def test_list_pages_render_to_png(qtbot, sample_db, tmp_path, page):
    out = tmp_path / f"{page}.png"
    render_page(sample_db.url, page, out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def test_event_page_renders_and_dark_palette_is_dark(qtbot, sample_db, tmp_path):
    light, dark = tmp_path / "light.png", tmp_path / "dark.png"
    render_page(sample_db.url, "event", light, event="r2r-test")
    render_page(sample_db.url, "event", dark, event="r2r-test", dark=True)
    corner = (600, 700)  # empty table area
    assert QImage(str(light)).pixelColor(*corner).lightness() > 200
    assert QImage(str(dark)).pixelColor(*corner).lightness() < 60


def test_unknown_page_lists_the_pages(qtbot, sample_db, tmp_path):
    with pytest.raises(IurcError) as caught:
        render_page(sample_db.url, "nope", tmp_path / "x.png")
    assert all(name in str(caught.value) for name in PAGES)
    assert not (tmp_path / "x.png").exists()


def test_event_page_needs_a_known_event(qtbot, sample_db, tmp_path):
    with pytest.raises(IurcError, match="--event"):
        render_page(sample_db.url, "event", tmp_path / "x.png")
    with pytest.raises(NotFound, match="r2r-test"):
        render_page(sample_db.url, "event", tmp_path / "x.png", event="missing")
