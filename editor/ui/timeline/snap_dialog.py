"""The preview of "Snap all times to speech": which rows move and by how much, which stay and why."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout

from editor.document import format_time
from editor.document.snap import SnapPlan


def describe_plan(plan: SnapPlan) -> tuple[list[str], list[str]]:
    """(lines for the rows that move, lines for the rows left alone), rows numbered as the table shows them."""
    moves = [f"Row {move.row + 1}: {format_time(int(move.old))} → {format_time(move.new_whole)} "
             f"(speech starts at {move.new:.2f} s, {move.new - move.old:+.2f} s)" for move in plan.moves]
    leftovers = [f"Row {left.row + 1} stays at {format_time(int(left.seconds))}: "
                 + ("no speech start found" if left.distance is None
                    else f"the nearest speech start is {left.distance:.1f} s away")
                 for left in plan.leftovers]
    return moves, leftovers


class SnapPreviewDialog(QDialog):
    """Lists the planned moves and the rows left alone; Accept applies the plan (the caller does, as one step)."""

    def __init__(self, plan: SnapPlan, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Snap all times to speech")
        moves, leftovers = describe_plan(plan)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(moves)} row(s) move to the nearest speech start; "
                                f"{plan.unchanged} already start there; {len(leftovers)} left alone."))
        self.moves = QListWidget(self)
        self.moves.addItems(moves)
        layout.addWidget(self.moves)
        if leftovers:
            layout.addWidget(QLabel("Left alone (no speech start close enough):"))
            self.leftovers = QListWidget(self)
            self.leftovers.addItems(leftovers)
            layout.addWidget(self.leftovers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Snap")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(moves))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)
