"""One message strip serves the transport bar and the safety banner: keyed by topic, dismissable."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from editor.ui.message_strip import MessageStrip
from editor.ui.safety.install import install_safety


def test_topics_replace_their_own_message_and_clear_hides(qtbot):
    strip = MessageStrip()
    qtbot.addWidget(strip)
    strip.show_message("media", "Cannot play a.mp3")
    strip.show_message("disk", "The file changed on disk")
    strip.show_message("media", "Cannot play b.mp3")
    assert strip.message("media") == "Cannot play b.mp3"
    assert strip.text() == "The file changed on disk\nCannot play b.mp3"
    assert not strip.isHidden()
    strip.clear_message("disk")
    strip.clear_message("media")
    assert strip.isHidden() and strip.text() == ""


def test_the_close_button_dismisses_every_message(qtbot):
    strip = MessageStrip()
    qtbot.addWidget(strip)
    strip.show_message("a", "one")
    strip.show_message("b", "two")
    with qtbot.waitSignal(strip.dismissed, timeout=1000):
        qtbot.mouseClick(strip.findChild(QToolButton), Qt.MouseButton.LeftButton)
    assert strip.isHidden() and strip.message("a") is None
    strip.show_message("a", "again")
    assert not strip.isHidden()


def test_window_transport_and_safety_share_the_strip(window, settings, tmp_path):
    safety = install_safety(window, settings, tmp_path / "data")
    assert type(window.transport.messages) is MessageStrip and type(safety.banner) is MessageStrip
