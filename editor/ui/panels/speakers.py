"""The speakers dock: each speaker's lines and speaking time, renaming one everywhere and merging two."""
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from editor.document import format_time
from editor.document.speakers import merge_speakers, rename_speaker, speaker_stats

from .watch import ChangeWatch

KEY, NAME, LINES, TIME = range(4)
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def _changes_speakers(old, new) -> bool:
    """True when replacing entry `old` by `new` can change who speaks, how many lines or how long."""
    return (old.is_header, old.who, old.seconds) != (new.is_header, new.who, new.seconds)


class SpeakersPanel(QWidget):
    """Speakers of the model's episode in order of first appearance (Alt+1 … Alt+9 follow this order)."""

    def __init__(self, model, run_edit: Callable, parent=None):
        super().__init__(parent)
        self.model = model
        self._run_edit = run_edit
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["Key", "Speaker", "Lines", "Time"])
        self.list.setRootIsDecorated(False)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (KEY, LINES, TIME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.list.itemChanged.connect(self._renamed_in_place)
        self.into = QComboBox()
        self.merge_button = QPushButton("Merge into")
        self.status = QLabel()
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.merge_button)
        merge_row.addWidget(self.into, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(merge_row)
        layout.addWidget(self.status)
        self.watch = ChangeWatch(self, model, _changes_speakers)
        self.list.currentItemChanged.connect(lambda *_: self._update_merge())
        self.merge_button.clicked.connect(lambda: self.merge_selected(self.into.currentText()))
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the episode."""
        selected = self.selected_speaker()
        self.list.blockSignals(True)
        self.list.clear()
        stats = speaker_stats(self.model.episode) if self.model.episode is not None else []
        for number, speaker in enumerate(stats, 1):
            time = format_time(speaker.seconds) if speaker.seconds is not None else ""
            item = QTreeWidgetItem([f"Alt+{number}" if number <= 9 else "", speaker.name, str(speaker.lines), time])
            item.setData(NAME, NAME_ROLE, speaker.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(NAME, "Double-click to rename this speaker everywhere (a name in use merges them)")
            for column in (LINES, TIME):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.list.addTopLevelItem(item)
            if speaker.name == selected:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_merge()

    def selected_speaker(self) -> str | None:
        """The selected speaker's name, or None."""
        item = self.list.currentItem()
        return item.data(NAME, NAME_ROLE) if item is not None else None

    def select_speaker(self, name: str) -> bool:
        """Select speaker `name`."""
        for position in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(position)
            if item.data(NAME, NAME_ROLE) == name:
                self.list.setCurrentItem(item)
                return True
        return False

    def _update_merge(self) -> None:
        """Offer the other speakers as merge targets."""
        selected = self.selected_speaker()
        names = [self.list.topLevelItem(i).data(NAME, NAME_ROLE) for i in range(self.list.topLevelItemCount())]
        self.into.clear()
        self.into.addItems([name for name in names if name != selected])
        self.merge_button.setEnabled(selected is not None and self.into.count() > 0)

    def rename_selected(self, new: str) -> bool:
        """Rename the selected speaker on every line, as one undo step."""
        old, episode = self.selected_speaker(), self.model.episode
        new = new.strip()
        if old is None or not new or new == old:
            return False
        done = self._run_edit(f"Rename speaker {old} to {new}", lambda: rename_speaker(episode, old, new))
        self.refresh()
        self.select_speaker(new)
        return bool(done)

    def merge_selected(self, kept: str) -> bool:
        """Give all of the selected speaker's lines to `kept`, as one undo step."""
        absorbed, episode = self.selected_speaker(), self.model.episode
        if absorbed is None or not kept or kept == absorbed:
            return False
        done = self._run_edit(f"Merge speaker {absorbed} into {kept}", lambda: merge_speakers(episode, absorbed, kept))
        self.refresh()
        self.select_speaker(kept)
        if done:
            self.status.setText(f"{absorbed} merged into {kept}.")
        return bool(done)

    def _renamed_in_place(self, item, column) -> None:
        """A name edited in the list renames that speaker everywhere."""
        if column != NAME:
            return
        self.list.setCurrentItem(item)
        new = item.text(NAME)
        if not self.rename_selected(new):
            self.refresh()
