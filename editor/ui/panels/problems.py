"""The problems dock: every problem of the episode, kept live, its quick fixes, and fixing all of one kind at once."""
import bisect
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy,
                               QTreeView, QVBoxLayout, QWidget)

from editor.document import format_time
from editor.document.checks import Problem
from editor.document.clips import STALE, regenerate_clips
from editor.document.fixes import NO_AUTOMATIC_FIX, fix_all, fix_for
from editor.document.live_checks import LiveChecks

ROW, TIME, KIND, MESSAGE = range(4)
HEADERS = ("Row", "Time", "Problem", "Message")
EDIT_TIME = "Edit the time…"


class ProblemsModel(QAbstractTableModel):
    """The problems shown in the dock, one per row: row number, the row's time, code and message."""

    def __init__(self, transcript, parent=None):
        super().__init__(parent)
        self.transcript = transcript
        self._problems: list[Problem] = []
        self._rows: list[int] = []                # the shown problems' rows, for first_position

    def set_problems(self, problems: list[Problem]) -> None:
        """Show `problems`, in row order (the view is only reset when they differ from those shown)."""
        if problems != self._problems:
            self.beginResetModel()
            self._problems = problems
            self._rows = [problem.index for problem in problems]
            self.endResetModel()

    def first_position(self, row: int) -> int:
        """Where the first shown problem of table row `row` (0-based) is, or -1 (a bisection: cheap at any size)."""
        position = bisect.bisect_left(self._rows, row)
        return position if position < len(self._rows) and self._rows[position] == row else -1

    def problem(self, position: int) -> Problem | None:
        """The problem shown at `position`, or None."""
        return self._problems[position] if 0 <= position < len(self._problems) else None

    def position(self, code: str, index: int) -> int:
        """Where problem `code` of entry `index` is shown, or -1."""
        for position, problem in enumerate(self._problems):
            if problem.index == index and problem.code == code:
                return position
        return -1

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        problem = self.problem(index.row())
        if problem is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(problem.row), self._time(problem.index), problem.code, problem.message)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Row {problem.row}, line {problem.line} of the file: {problem.message}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ROW, TIME):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _time(self, index: int) -> str:
        """The time the row shows (its time, else its sec), or "" for headers and untimed lines."""
        episode = self.transcript.episode
        if episode is None or not 0 <= index < len(episode.entries):
            return ""
        entry = episode.entries[index]
        if entry.is_header:
            return ""
        return entry.time if entry.time is not None else (format_time(entry.sec) if entry.sec is not None else "")


class ProblemsPanel(QWidget):
    """Problems of the model's episode, kept current by LiveChecks; `run_edit(label, operation)` records each fix.

    `countChanged(n)` reports how many problems the episode has (all kinds, whatever the filter shows).
    """

    rowActivated = Signal(int)          # show this row in the table
    timeEditRequested = Signal(int)     # open the time editor on this row (time-order has no automatic fix)
    countChanged = Signal(int)

    def __init__(self, model, run_edit: Callable, parent=None):
        super().__init__(parent)
        self.model = model
        self._run_edit = run_edit
        self.live: LiveChecks | None = None
        self._all: list[Problem] = []
        self._version = None
        self.kinds = QComboBox()
        self.kinds.setToolTip("Show only one kind of problem")
        self.kinds.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.problems_model = ProblemsModel(model, self)
        self.view = QTreeView()
        self.view.setModel(self.problems_model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for column, width in ((ROW, 48), (TIME, 56), (KIND, 124)):
            self.view.setColumnWidth(column, width)
        self.fix_button = QPushButton("Fix")
        self.fix_menu = QMenu(self)
        self.fix_button.setMenu(self.fix_menu)
        self.fix_all_button = QPushButton("Fix all")
        self.fix_all_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # narrow docks clip it
        self.summary = QLabel()
        top, buttons = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.kinds)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        model.modelReset.connect(self._follow_episode)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.kinds.activated.connect(lambda _: self.refresh())
        self.fix_all_button.clicked.connect(lambda: self.fix_all_of_kind())
        self._follow_episode()

    # -- contents ---------------------------------------------------------------------------------------------
    def _follow_episode(self) -> None:
        """Check a newly shown episode in full; from then on each change is rechecked where it happened."""
        if self.live is not None and self.live.episode is self.model.episode:
            return
        if self.live is not None:
            self.live.close()
        episode = self.model.episode
        self.live = LiveChecks(episode, on_change=self._refresh_soon) if episode is not None else None
        self.refresh()

    def _refresh_soon(self) -> None:
        """Redraw once the current burst of changes is over."""
        self._refresh_timer.start()

    def problems(self) -> list[Problem]:
        """Every problem of the episode (the checks' and stale quotable clips) in row order, whatever the filter."""
        self._catch_up()
        return list(self._all)

    def shown_problems(self) -> list[Problem]:
        """The problems the filter lets through, as listed."""
        self._catch_up()
        code = self.kinds.currentData()
        return [problem for problem in self._all if code is None or problem.code == code]

    def _catch_up(self) -> None:
        """Take the live list when it changed since it was last read."""
        version = None if self.live is None else self.live.version
        if version != self._version:
            self._all = self.live.all_problems() if self.live is not None else []
            self._version = version

    def refresh(self) -> None:
        """Show the current problems, keeping the filter and the selected problem when they are still there."""
        current = self.current_problem()
        problems = self.problems()
        self._fill_kinds(Counter(problem.code for problem in problems))
        self.problems_model.set_problems(self.shown_problems())
        self.summary.setText(f"{len(problems)} problem{'' if len(problems) == 1 else 's'}" if problems else
                             "No problems found.")
        if current is not None and self.current_problem() != current:
            self.select_problem(current.code, current.index)
        self._update_buttons()
        self.countChanged.emit(len(problems))

    def _fill_kinds(self, counts: Counter) -> None:
        """The filter's choices: all kinds, then each kind present with its count."""
        chosen = self.kinds.currentData()
        self.kinds.blockSignals(True)
        self.kinds.clear()
        self.kinds.addItem(f"All kinds ({sum(counts.values())})", None)
        for code in sorted(counts):
            self.kinds.addItem(f"{code} ({counts[code]})", code)
        position = self.kinds.findData(chosen)
        self.kinds.setCurrentIndex(max(0, position) if chosen is not None else 0)
        self.kinds.blockSignals(False)

    def set_filter(self, code: str | None) -> None:
        """Show only problems `code` (None: all kinds)."""
        position = self.kinds.findData(code)
        self.kinds.setCurrentIndex(max(0, position))
        self.refresh()

    def current_problem(self) -> Problem | None:
        """The selected problem, or None."""
        return self.problems_model.problem(self.view.currentIndex().row())

    def select_listed(self, row: int) -> bool:
        """Select the first listed problem of table row `row` as the list stands (no catching up with edits: the
        refresh after them keeps the selection); False when none is listed."""
        return self._select_at(self.problems_model.first_position(row))

    def select_problem(self, code: str, row: int) -> bool:
        """Select the problem `code` of `row` (0-based); False when it is not listed."""
        self._catch_up()
        if self._refresh_timer.isActive() or self.problems_model.rowCount() != len(self.shown_problems()):
            self._refresh_timer.stop()
            self.refresh()
        return self._select_at(self.problems_model.position(code, row))

    def _select_at(self, position: int) -> bool:
        """Select and show the listed problem at `position`; False for -1 (none)."""
        if position < 0:
            return False
        index = self.problems_model.index(position, ROW)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def next_problem(self, row: int, direction: int) -> Problem | None:
        """The listed problem after (direction 1) or before (-1) table row `row`, wrapping around; None if none."""
        problems = self.shown_problems()
        if not problems:
            return None
        after = [p for p in problems if (p.index > row if direction > 0 else p.index < row)]
        return (after[0] if direction > 0 else after[-1]) if after else problems[0 if direction > 0 else -1]

    def problems_of_row(self, row: int) -> list[Problem]:
        """Every problem of table row `row` (0-based)."""
        return [problem for problem in self.problems() if problem.index == row]

    # -- fixing -----------------------------------------------------------------------------------------------
    def fixes_for(self, problem: Problem | None) -> list[tuple[str, Callable | None]]:
        """(label, operation) for each fix of `problem`; the operation None opens the time editor instead."""
        episode = self.model.episode
        if problem is None or episode is None:
            return []
        if problem.code == STALE:
            return [("Regenerate the quotable clips from the chapters", lambda: regenerate_clips(episode))]
        if problem.code in NO_AUTOMATIC_FIX:
            return [(EDIT_TIME, None)]
        return [(fix.label, (lambda fix=fix: fix.apply(episode)))
                for fix in fix_for(episode, problem.code, problem.index)]

    def fixes(self) -> list[tuple[str, Callable | None]]:
        """(label, operation) for the selected problem."""
        return self.fixes_for(self.current_problem())

    def fill_menu(self, menu: QMenu, problems: list[Problem]) -> int:
        """Add the fixes of `problems` and "fix all" of their kinds to `menu`; returns how many were added."""
        added = 0
        for problem in problems:
            for label, operation in self.fixes_for(problem):
                action = menu.addAction(label)
                action.setToolTip(problem.message)
                action.triggered.connect(
                    lambda _=False, p=problem, text=label, op=operation: self.apply_fix(text, op, p))
                added += 1
        for code in dict.fromkeys(problem.code for problem in problems):
            plan = self.fix_all_plan(code)
            if plan is not None and plan.count > 1:
                action = menu.addAction(plan.label)
                action.triggered.connect(lambda _=False, c=code: self.fix_all_of_kind(c))
                added += 1
        return added

    def _update_buttons(self) -> None:
        """Fill the Fix menu and label Fix all with how many rows it changes."""
        self.fix_menu.clear()
        problem = self.current_problem()
        for label, operation in self.fixes():
            action = self.fix_menu.addAction(label)
            action.triggered.connect(lambda _=False, text=label, op=operation, p=problem: self.apply_fix(text, op, p))
        self.fix_button.setEnabled(not self.fix_menu.isEmpty())
        plan = self.fix_all_plan()
        self.fix_all_button.setEnabled(plan is not None and plan.count > 0)
        self.fix_all_button.setText(f"Fix all {plan.count} ‘{plan.code}’" if plan and plan.count else "Fix all")
        self.fix_all_button.setToolTip(plan.label if plan else "")

    def apply_fix(self, label: str, operation, problem: Problem | None = None) -> bool:
        """Run one fix as an undo step (a fix without operation opens the time editor on the row)."""
        problem = problem or self.current_problem()
        if operation is None:
            if problem is not None:
                self.timeEditRequested.emit(problem.index)
            return False
        done = self._run_edit(label, operation)
        self.refresh()
        return bool(done)

    def fix_all_plan(self, code: str | None = None):
        """The fix-all plan for `code` (default: the selected problem's kind), or None when it has none."""
        if code is None:
            problem = self.current_problem()
            code = problem.code if problem is not None else None
        episode = self.model.episode
        if code is None or episode is None or code in NO_AUTOMATIC_FIX or code == STALE:
            return None
        return fix_all(episode, code, problems=self.live.problems() if self.live is not None else None)

    def fix_all_of_kind(self, code: str | None = None) -> bool:
        """Fix every row with problem `code` (default: the selected kind) as one undo step."""
        plan, episode = self.fix_all_plan(code), self.model.episode
        if plan is None or not plan.count:
            return False
        done = self._run_edit(plan.label, lambda: plan.apply(episode))
        self.refresh()
        return bool(done)

    def _activated(self, index) -> None:
        """Double-click / Enter: show the problem's row."""
        problem = self.problems_model.problem(index.row())
        if problem is not None:
            self.rowActivated.emit(problem.index)

    def _context_menu(self, position) -> None:
        """Right-click on a problem: its fixes and fixing all of its kind."""
        problem = self.problems_model.problem(self.view.indexAt(position).row())
        if problem is None:
            return
        menu = QMenu(self)
        if self.fill_menu(menu, [problem]):
            menu.exec(self.view.viewport().mapToGlobal(position))
