"""Real processes on real files: kill -9 and recover, read-only file and folder, disk full, bad input, via the app."""
from __future__ import annotations

import ctypes
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from editor.document import Episode
from safety_helpers import REPO, copy_sample

DRIVER = Path(__file__).with_name("safety_driver.py")
sys.path.insert(0, str(DRIVER.parent))
from safety_driver import HEADER_TEXT, TYPED_TEXT  # noqa: E402

TIMEOUT = 60
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


class App:
    """The app under the driver, as a subprocess whose stdout lines are read on a thread."""

    def __init__(self, scenario: str, args: list[str], tmp_path: Path, env: dict | None = None, as_user=False):
        environment = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg-data"),
                           XDG_CONFIG_HOME=str(tmp_path / "xdg-config"), QT_QPA_PLATFORM="offscreen",
                           QT_LOGGING_RULES="qt.multimedia.*=false", PYTHONPATH=str(REPO), **(env or {}))
        self.process = subprocess.Popen([sys.executable, str(DRIVER), scenario, *args], cwd=REPO,
                                        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, preexec_fn=drop_root_powers if as_user else None)
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def expect(self, kind: str):
        """The payload of the next line starting with `kind` (fails with the app's stderr if it never comes)."""
        while True:
            try:
                line = self.lines.get(timeout=TIMEOUT)
            except queue.Empty:
                line = None
            if line is None:
                self.process.kill()
                pytest.fail(f"no {kind} from the app; stdout: {self.seen}\nstderr: {self.process.stderr.read()}")
            self.seen.append(line)
            if line.startswith("ERROR"):
                self.process.kill()
                pytest.fail(f"driver error: {line}\n{self.process.stderr.read()}")
            if line == kind:
                return None
            if line.startswith(kind + " "):
                return json.loads(line[len(kind) + 1:])

    def finish(self) -> int:
        try:
            return self.process.wait(timeout=TIMEOUT)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()

    def kill9(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        assert self.process.wait(timeout=TIMEOUT) == -signal.SIGKILL
        self.process.stdout.close()
        self.process.stderr.close()


def drop_root_powers():
    """In the child: as root, give up overriding file permissions, so read-only means read-only as for users."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def journals(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "xdg-data").rglob("recovery/*") if p.suffix in (".json", ".jsonl"))


def entries(episode: Episode) -> list[list]:
    return [[e.kind, e.text, e.who, e.sec, e.time] for e in episode.entries]


def test_kill_9_then_restart_restores_edits_and_undo_history_and_saves_them(tmp_path):
    path = copy_sample(tmp_path / "ep")
    original = path.read_bytes()
    intended = Episode.load(path)
    intended.set_text(1, TYPED_TEXT)
    intended.insert_header(4, HEADER_TEXT)

    first = App("edit", [str(path)], tmp_path)
    before = first.expect("STATE")
    first.expect("READY")
    first.kill9()
    assert path.read_bytes() == original                        # nothing was saved
    assert before["entries"] == entries(intended)
    assert len(journals(tmp_path)) == 1

    second = App("recover", [str(path)], tmp_path)
    asked = second.expect("ASKED")
    assert str(path) in asked["summary"] and f"{before['index']} unsaved changes" in asked["summary"]
    restored = second.expect("STATE")
    assert restored["entries"] == entries(intended)             # the model
    assert restored["text"] == before["text"]
    assert restored["rows"] == len(intended.entries)
    assert not restored["clean"] and (restored["index"], restored["count"]) == (before["index"], before["count"])
    assert before["count"] == before["index"] + 1
    redo = second.expect("REDO")
    assert redo["could"] and "(undone)" in redo["text"]        # the undone third edit is still redoable
    saved = second.expect("SAVED")
    assert second.finish() == 0
    assert saved["clean"] and saved["journals"] == []
    assert path.read_text(encoding="utf-8") == before["text"]  # the saved file
    assert entries(Episode.load(path)) == entries(intended)
    backups = list((tmp_path / "xdg-data").rglob("backups/*"))
    assert [b.read_bytes() for b in backups] == [original]     # the first save kept the file as opened


def test_disk_full_leaves_the_file_untouched_keeps_the_edits_and_says_why(tmp_path):
    path = copy_sample(tmp_path / "ep")
    before = files_under(path.parent)
    app = App("disk-full", [str(path)], tmp_path)
    result = app.expect("SAVE")
    assert app.finish() == 0
    assert result["result"] is False
    assert "and then the disk filled up" in result["entries"][1][1]
    assert not result["clean"]
    assert files_under(path.parent) == before                   # no temp file left, original intact
    error = " ".join(d["text"] for d in result["dialogs"])
    assert str(path) in error and ("large" in error.lower() or "space" in error.lower() or "limit" in error.lower())


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_file_or_folder_opens_with_a_banner_and_save_as_works(tmp_path, what):
    path = copy_sample(tmp_path / "ep")
    target = tmp_path / "elsewhere" / "saved-as.md"
    target.parent.mkdir()
    original = path.read_bytes()
    locked = path if what == "file" else path.parent
    locked.chmod(0o444 if what == "file" else 0o555)
    try:
        app = App("read-only", [str(path)], tmp_path, env={"DRIVER_SAVE_AS": str(target)}, as_user=True)
        banner = app.expect("BANNER")
        save = app.expect("SAVE")
        save_as = app.expect("SAVE_AS")
        assert app.finish() == 0
    finally:
        locked.chmod(0o755 if what == "folder" else 0o644)
    assert banner["visible"] and "read-only" in banner["text"] and "Save As" in banner["text"]
    assert save["result"] is False and not save["clean"]       # refused, edits kept
    assert path.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert save_as["result"] is True and save_as["clean"]
    assert "(edited read-only)" in Episode.load(target).entries[1].text
    assert "read-only" not in save_as["banner"]                 # the new file is writable: banner gone


BAD_INPUTS = {
    "bad-yaml.md": ("---\ntitle: fine\ntranscript:\n- line: ok\n  who: Maya: extra\n---\n", 5),
    "template.md": ("---\ntitle: {{ title }}\nguests:\n- {{ guest }}\ntranscript:\n- line: {{ text }}\n---\n", 2),
    "not-utf8.md": (b"---\ntitle: caf\xe9\ntranscript: []\n---\n", 2),
    "no-front-matter.md": ("Just some notes about an episode.\nNo front matter here.\n", 1),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_shows_a_dialog_naming_file_and_line_and_writes_nothing(tmp_path, name):
    content, line = BAD_INPUTS[name]
    folder = tmp_path / "ep"
    folder.mkdir()
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = files_under(folder)
    app = App("bad-input", [str(path)], tmp_path)
    state = app.expect("STATE")
    assert app.finish() == 0
    assert files_under(folder) == before
    assert journals(tmp_path) == [] and not list((tmp_path / "xdg-data").rglob("backups/*"))
    assert state["path"] is None and state["rows"] == 0          # nothing opened, window usable and empty
    texts = [d["text"] for d in state["dialogs"]]
    assert len(texts) == 1 and str(path) in texts[0]
    assert texts[0].startswith(f"{path}:{line}"), texts[0]
