"""The problems dock: every problem of the episode, its quick fixes, and fixing all of one kind as one step."""
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMenu, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from editor.document.clips import STALE, clip_problems, regenerate_clips
from editor.document.fixes import NO_AUTOMATIC_FIX, fix_all, fix_for

ROW, KIND, MESSAGE = range(3)
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


class ProblemsPanel(QWidget):
    """Problems of the model's episode; `run_edit(label, operation)` records each fix as one undo step."""

    rowActivated = Signal(int)          # show this row in the table
    timeEditRequested = Signal(int)     # open the time editor on this row (time-order has no automatic fix)

    def __init__(self, model, run_edit: Callable, parent=None):
        super().__init__(parent)
        self.model = model
        self._run_edit = run_edit
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["Row", "Problem", "Message"])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setColumnWidth(ROW, 56)
        self.list.setColumnWidth(KIND, 130)
        self.fix_button = QPushButton("Fix")
        self.fix_menu = QMenu(self)
        self.fix_button.setMenu(self.fix_menu)
        self.fix_all_button = QPushButton("Fix all")
        self.summary = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self._refresh_soon)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemActivated.connect(self._activated)
        self.fix_all_button.clicked.connect(self.fix_all_of_kind)
        self.refresh()

    # -- contents ---------------------------------------------------------------------------------------------
    def _refresh_soon(self, *_args) -> None:
        """Rebuild once the current burst of model changes is over."""
        self._refresh_timer.start()

    def problems(self) -> list:
        """The episode's problems: the checks' and stale quotable clips, in row order."""
        episode = self.model.episode
        if episode is None:
            return []
        return sorted(episode.check() + clip_problems(episode), key=lambda problem: problem.index)

    def refresh(self) -> None:
        """Rebuild the list, keeping the selected problem's kind and row when it is still there."""
        current = self.current_problem()
        self.list.clear()
        problems = self.problems()
        for problem in problems:
            item = QTreeWidgetItem([str(problem.index + 1), problem.code, problem.message])
            item.setData(ROW, PROBLEM_ROLE, problem)
            item.setToolTip(MESSAGE, f"Line {problem.line} of the file: {problem.message}")
            self.list.addTopLevelItem(item)
        kinds = len({problem.code for problem in problems})
        self.summary.setText(f"{len(problems)} problems of {kinds} kinds" if problems else "No problems found.")
        if current is not None:
            for position in range(self.list.topLevelItemCount()):
                problem = self.list.topLevelItem(position).data(ROW, PROBLEM_ROLE)
                if (problem.code, problem.index) == (current.code, current.index):
                    self.list.setCurrentItem(self.list.topLevelItem(position))
                    break
        self._update_buttons()

    def current_problem(self):
        """The selected problem, or None."""
        item = self.list.currentItem()
        return item.data(ROW, PROBLEM_ROLE) if item is not None else None

    def select_problem(self, code: str, row: int) -> bool:
        """Select the problem `code` of `row` (0-based); False when there is none."""
        for position in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(position)
            problem = item.data(ROW, PROBLEM_ROLE)
            if (problem.code, problem.index) == (code, row):
                self.list.setCurrentItem(item)
                return True
        return False

    # -- fixing -----------------------------------------------------------------------------------------------
    def fixes(self) -> list:
        """(label, operation) for the selected problem."""
        problem, episode = self.current_problem(), self.model.episode
        if problem is None or episode is None:
            return []
        if problem.code == STALE:
            return [("Regenerate the quotable clips from the chapters", lambda: regenerate_clips(episode))]
        if problem.code in NO_AUTOMATIC_FIX:
            return [("Edit the time…", None)]
        return [(fix.label, (lambda fix=fix: fix.apply(episode))) for fix in fix_for(episode, problem.code,
                                                                                     problem.index)]

    def _update_buttons(self) -> None:
        """Fill the Fix menu and label Fix all with how many rows it changes."""
        self.fix_menu.clear()
        for label, operation in self.fixes():
            action = self.fix_menu.addAction(label)
            action.triggered.connect(lambda _=False, label=label, operation=operation: self.apply_fix(label, operation))
        self.fix_button.setEnabled(not self.fix_menu.isEmpty())
        plan = self.fix_all_plan()
        self.fix_all_button.setEnabled(plan is not None and plan.count > 0)
        self.fix_all_button.setText(f"Fix all {plan.count} ‘{plan.code}’" if plan and plan.count else "Fix all")
        self.fix_all_button.setToolTip(plan.label if plan else "")

    def apply_fix(self, label: str, operation) -> bool:
        """Run one fix as an undo step (a fix without operation opens the time editor on the row)."""
        problem = self.current_problem()
        if operation is None:
            if problem is not None:
                self.timeEditRequested.emit(problem.index)
            return False
        done = self._run_edit(label, operation)
        self.refresh()
        return bool(done)

    def fix_all_plan(self):
        """The fix-all plan for the selected problem's kind, or None."""
        problem, episode = self.current_problem(), self.model.episode
        if problem is None or episode is None or problem.code in NO_AUTOMATIC_FIX or problem.code == STALE:
            return None
        return fix_all(episode, problem.code)

    def fix_all_of_kind(self) -> bool:
        """Fix every row with the selected problem's kind as one undo step."""
        plan, episode = self.fix_all_plan(), self.model.episode
        if plan is None or not plan.count:
            return False
        done = self._run_edit(plan.label, lambda: plan.apply(episode))
        self.refresh()
        return bool(done)

    def _activated(self, item) -> None:
        """Double-click / Enter: show the problem's row."""
        self.rowActivated.emit(item.data(ROW, PROBLEM_ROLE).index)
