"""A visible message strip above the table: read-only files, files changed on disk, failed journal or backup writes."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Banner(QWidget):
    """Shows one line per topic (e.g. "read-only", "disk"); hidden while it has none."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("safetyBanner")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet(
            "#safetyBanner { background: #fff3cd; border: 1px solid #e0b84c; }"
            " #safetyBanner QLabel { color: #4d3800; }"
        )
        self._messages: dict[str, str] = {}
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        close = QPushButton("Hide", self)
        close.setFlat(True)
        close.clicked.connect(self.hide)
        row = QHBoxLayout()
        row.addWidget(self._label, 1)
        row.addWidget(close, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(row)
        self.hide()

    def show_message(self, topic: str, text: str) -> None:
        """Show `text` under `topic`, replacing that topic's previous message."""
        self._messages[topic] = text
        self._refresh()

    def clear_message(self, topic: str) -> None:
        """Remove the message of `topic`; the banner hides when none is left."""
        if self._messages.pop(topic, None) is not None:
            self._refresh()

    def message(self, topic: str) -> str | None:
        """The message shown under `topic`, if any."""
        return self._messages.get(topic)

    def text(self) -> str:
        """Everything the banner says, one message per line."""
        return "\n".join(self._messages.values())

    def _refresh(self) -> None:
        self._label.setText(self.text())
        self.setVisible(bool(self._messages))
