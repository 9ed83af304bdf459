"""The window renders: a non-empty picture with chapter headers visibly styled apart from spoken lines."""
from PySide6.QtGui import QColor

from support import open_sample
from editor.ui.table.model import TEXT


def pixel(image, widget, row, model, x_from_right=30):
    """The window-image colour inside the empty right end of a row's text cell."""
    view = widget.table
    rect = view.visualRect(model.index(row, TEXT))
    point = view.viewport().mapTo(widget, rect.topRight())
    return QColor(image.pixel(point.x() - x_from_right, point.y() + rect.height() // 2))


def test_window_renders_with_styled_headers(qtbot, window, episode_path, tmp_path):
    open_sample(qtbot, window, episode_path)
    header_row = next(r for r, e in enumerate(window.episode.entries) if e.is_header and r > 0)
    line_row = header_row + 1
    window.table.select_row(len(window.episode.entries) - 1)
    qtbot.waitUntil(lambda: window.table.rowHeight(header_row) > 0)
    image = window.grab().toImage()
    image.save(str(tmp_path / "window.png"))
    assert image.width() >= 900 and image.height() >= 600
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20, "the window rendered as a blank picture"
    header, line = pixel(image, window, header_row, window.model), pixel(image, window, line_row, window.model)
    assert header != line, "a chapter header row looks like a spoken line"
    assert abs(header.lightness() - line.lightness()) > 10
    assert window.table.columnSpan(header_row, 0) == 3 and window.table.columnSpan(line_row, 0) == 1
