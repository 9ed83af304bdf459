"""The yellow message strip: non-blocking messages keyed by topic (media errors, read-only file, disk changes)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

STYLE = ("MessageStrip { background: #fff3cd; border: 1px solid #e0b84c; }"
         " MessageStrip QLabel { color: #402f00; }")


class MessageStrip(QFrame):
    """One line per topic, newest topic last; hidden while it has none; the close button dismisses them all."""

    dismissed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self._messages: dict[str, str] = {}
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("\u2715")
        close.setToolTip("Close this message")
        close.setAccessibleName("Close message")
        close.setAutoRaise(True)
        close.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.addWidget(self._label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, topic: str, text: str) -> None:
        """Show `text` under `topic`, replacing that topic's previous message."""
        self._messages.pop(topic, None)
        self._messages[topic] = text
        self._refresh()

    def clear_message(self, topic: str) -> None:
        """Remove the message of `topic`; the strip hides when none is left."""
        if self._messages.pop(topic, None) is not None:
            self._refresh()

    def dismiss(self) -> None:
        """The user closed the strip: forget every message until a new one arrives."""
        self._messages.clear()
        self._refresh()
        self.dismissed.emit()

    def message(self, topic: str) -> str | None:
        """The message shown under `topic`, if any."""
        return self._messages.get(topic)

    def text(self) -> str:
        """Everything the strip says, one message per line."""
        return "\n".join(self._messages.values())

    def _refresh(self) -> None:
        self._label.setText(self.text())
        self.setVisible(bool(self._messages))
