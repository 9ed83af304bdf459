"""Rows stay readable under a dark palette (Fusion): playing row, chapter header and plain line, measured in pixels."""
import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from support import open_sample
from editor.ui.table.colors import contrast
from editor.ui.table.model import TEXT

Role = QPalette.ColorRole
MIN_CONTRAST = 4.5          # WCAG AA for body text


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((Role.Window, "#353535"), (Role.WindowText, "#f0f0f0"), (Role.Base, "#232323"),
                         (Role.AlternateBase, "#2e2e2e"), (Role.Text, "#f0f0f0"), (Role.Button, "#353535"),
                         (Role.ButtonText, "#f0f0f0"), (Role.Highlight, "#2a82da"), (Role.HighlightedText, "#ffffff"),
                         (Role.Mid, "#5a5a5a"), (Role.PlaceholderText, "#9a9a9a"), (Role.ToolTipBase, "#353535"),
                         (Role.ToolTipText, "#f0f0f0"), (Role.Light, "#505050"), (Role.Dark, "#1e1e1e")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=["light", "dark"])
def themed(request, qtbot):
    """Fusion with its standard light palette or a dark one; the application's look is restored afterwards."""
    app = QApplication.instance()
    style, palette = app.style().name(), app.palette()
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(dark_palette() if request.param == "dark" else app.style().standardPalette())
    yield request.param
    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)


def background(image, window, row, x_from_right=12):
    """The colour painted at the empty right end of a row's text cell."""
    view = window.table
    rect = view.visualRect(window.model.index(row, TEXT))
    point = view.viewport().mapTo(window, rect.topRight())
    return QColor(image.pixel(point.x() - x_from_right, point.y() + rect.height() // 2))


def test_rows_are_readable_on_the_theme(qtbot, themed, window, episode_path, tmp_path):
    open_sample(qtbot, window, episode_path)
    entries = window.episode.entries
    header = next(r for r, e in enumerate(entries) if e.is_header and r > 0)
    playing = next(r for r in range(header + 2, len(entries)) if not entries[r].is_header)
    plain = playing + 1 if not entries[playing + 1].is_header else header + 1
    window.table.select_row(0)
    window.follower.enabled = False
    window.model.set_playing_row(playing)
    window.table.reveal_row(playing)
    qtbot.waitUntil(lambda: window.table.rowHeight(playing) > window.fontMetrics().height())
    qtbot.wait(30)
    image = window.grab().toImage()
    image.save(str(tmp_path / f"{themed}.png"))
    image.save(f"/tmp/transcript-{themed}.png")
    text = window.table.palette().color(Role.Text)
    for name, row in (("chapter header", header), ("playing row", playing), ("plain line", plain)):
        painted = background(image, window, row)
        assert contrast(text, painted) >= MIN_CONTRAST, f"{themed}: {name} paints {painted.name()} under {text.name()}"
    assert background(image, window, playing) != background(image, window, plain), "the playing row is not marked"
    assert background(image, window, header) != background(image, window, plain), "headers look like lines"
