"""The window's save reads the file it replaces once (the on-disk check), and its own write is not read back."""
from pathlib import Path

from editor.document import Episode
from editor.document import episode as episode_module
from editor.ui.safety.install import install_safety


def test_save_reads_the_file_once_and_an_external_write_after_it_is_still_noticed(
        qtbot, window, episode_path, tmp_path, monkeypatch):
    safety = install_safety(window, window.settings, tmp_path / "data")
    assert window.open_file(episode_path)
    reads = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: reads.append(Path(path)) or read_bytes(path))
    holds = episode_module.holds                 # the save's compare of the disk with the loaded bytes
    monkeypatch.setattr(episode_module, "holds", lambda path, data: reads.append(Path(path)) or holds(path, data))
    window.run_edit("edit", lambda: window.episode.set_text(1, "Mine."))
    assert window.save()
    safety.disk_watch.check()                      # what the watcher runs once its events about the save arrive
    assert reads.count(episode_path) == 1

    other = Episode.load(episode_path)
    other.set_text(2, "Written by another program.")
    episode_path.write_text(other.dumps(), encoding="utf-8")     # in place, same folder: the watch notices it
    qtbot.waitUntil(lambda: window.episode.entries[2].text == "Written by another program.", timeout=5000)
