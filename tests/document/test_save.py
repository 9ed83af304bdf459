"""Saving: atomic, permission-keeping, refusing stale or unverifiable writes, and leaving the file intact on failure."""
import os
import shutil
import stat
import subprocess
from contextlib import contextmanager

import pytest

from editor.document import DiskChangedError, Entry, Episode, Replace, SaveError
from editor.document.savefile import holds
from document_helpers import FIXTURES, read_text


def folder_listing(folder):
    """Names in a folder (temp files would show up here)."""
    return sorted(p.name for p in folder.iterdir())


@contextmanager
def read_only_folder(folder):
    """Make `folder` unwritable (chmod, plus chattr +i when running as root); skip when that is impossible."""
    folder.chmod(0o555)
    immutable = False
    try:
        probe = folder / ".probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)]).returncode == 0:
                immutable = True
            else:
                pytest.skip("cannot make a folder read-only here")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_save_writes_edit_and_keeps_permissions(quirks):
    quirks.chmod(0o640)
    episode = Episode.load(quirks)
    episode.set_text(0, "Edited.")
    episode.save()
    assert stat.S_IMODE(quirks.stat().st_mode) == 0o640
    assert Episode.load(quirks).entries[0].text == "Edited."
    assert folder_listing(quirks.parent) == ["quirks.md"]
    assert not episode.disk_changed()


def test_save_into_read_only_folder_fails_and_leaves_file_intact(quirks):
    before = quirks.read_bytes()
    episode = Episode.load(quirks)
    episode.set_text(0, "Edited.")
    with read_only_folder(quirks.parent):
        with pytest.raises(SaveError) as info:
            episode.save()
    assert info.value.path == str(quirks) and "cannot write" in info.value.message
    assert quirks.read_bytes() == before
    assert folder_listing(quirks.parent) == ["quirks.md"]
    assert episode.entries[0].text == "Edited."            # the model keeps the edit; a later save can succeed
    episode.save()
    assert Episode.load(quirks).entries[0].text == "Edited."


def test_external_change_is_not_overwritten_unless_forced(quirks):
    episode = Episode.load(quirks)
    episode.set_text(0, "Mine.")
    quirks.write_text(read_text(quirks).replace("Welcome", "Theirs"), encoding="utf-8")
    changed = quirks.read_bytes()
    assert episode.disk_changed()
    with pytest.raises(DiskChangedError):
        episode.save()
    assert quirks.read_bytes() == changed
    episode.save(force=True)
    assert Episode.load(quirks).entries[0].text == "Mine."
    assert not episode.disk_changed()


def test_deleted_file_counts_as_changed(quirks):
    episode = Episode.load(quirks)
    quirks.unlink()
    assert episode.disk_changed()
    with pytest.raises(DiskChangedError):
        episode.save()
    episode.save(force=True)
    assert quirks.exists()


def test_save_as_moves_the_episode_to_the_new_path(quirks, tmp_path):
    episode = Episode.load(quirks)
    target = tmp_path / "copy.md"
    episode.save(target)
    assert episode.path == target and target.read_bytes() == quirks.read_bytes()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_loads_then_save_creates_the_file(tmp_path):
    text = read_text(FIXTURES / "sorted-keys.md")
    target = tmp_path / "new.md"
    episode = Episode.loads(text, target)
    assert not episode.disk_changed()
    episode.save()
    assert read_text(target) == text


def test_save_through_a_symlink_keeps_the_link(quirks, tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(quirks)
    episode = Episode.load(link)
    episode.set_text(0, "Via link.")
    episode.save()
    assert link.is_symlink() and Episode.load(quirks).entries[0].text == "Via link."


def test_value_that_would_not_read_back_is_refused(quirks):
    before = quirks.read_bytes()
    episode = Episode.load(quirks)
    episode.apply(Replace(0, Entry("line", "x", extra=(("score", float("nan")),))))
    with pytest.raises(SaveError) as info:
        episode.save()
    assert "refusing to save" in info.value.message
    assert quirks.read_bytes() == before and folder_listing(quirks.parent) == ["quirks.md"]


def test_unwritable_value_is_a_save_error(quirks):
    episode = Episode.load(quirks)
    episode.apply(Replace(0, Entry("line", "x", extra=(("when", object()),))))
    with pytest.raises(SaveError):
        episode.save()


def test_repeated_edit_save_cycles_match_a_fresh_load(quirks):
    episode = Episode.load(quirks)
    for round_ in range(3):
        episode.set_text(round_ * 3, f"Round {round_}.")
        episode.insert_line(1, f"Inserted {round_}.", "Ann", round_)
        episode.remove(len(episode.entries) - 2)
        episode.set_meta("title", f"Title {round_}")
        episode.save()
        fresh = Episode.load(quirks)
        assert list(fresh.entries) == list(episode.entries)
        assert fresh.dumps() == episode.dumps() == read_text(quirks)
        assert fresh.get_meta("title") == f"Title {round_}"


def test_undo_after_save_restores_the_original_bytes(quirks):
    original = read_text(quirks)
    episode = Episode.load(quirks)
    undo = [episode.set_text(0, "Changed."), episode.move(3, 10), episode.remove(5, 2)]
    episode.save()
    for change in reversed(undo):
        episode.apply(change)
    assert episode.dumps() == original
    episode.save()
    assert read_text(quirks) == original


def test_edit_breaking_an_alias_is_refused_by_the_whole_text_check(tmp_path):
    target = tmp_path / "alias.md"
    target.write_text("---\nhost: &h Ann\ntranscript:\n- line: a\n  who: &w Ann\n- line: b\n  who: *w\n"
                      "- line: c\n  who: *h\n---\n", encoding="utf-8")
    before = target.read_bytes()
    episode = Episode.load(target)
    undo = episode.remove(0)                           # drops the anchor entry 2 points to
    with pytest.raises(SaveError) as info:
        episode.save()
    assert "does not parse" in info.value.message and target.read_bytes() == before
    episode.apply(undo)
    episode.set_text(2, "c, edited")
    episode.save()
    assert [(e.text, e.who) for e in Episode.load(target).entries] == [("a", "Ann"), ("b", "Ann"),
                                                                        ("c, edited", "Ann")]


def test_text_handed_back_by_a_change_must_match_its_entry(quirks):
    before = quirks.read_bytes()
    episode = Episode.load(quirks)
    episode.apply(Replace(0, Entry.line("x"), source="- line: not x\n"))
    with pytest.raises(SaveError):
        episode.save()
    assert quirks.read_bytes() == before
    episode.apply(Replace(0, Entry.line("x"), source="- line: x\n"))
    episode.save()
    assert Episode.load(quirks).entries[0] == Entry.line("x")


def test_indented_top_level_keys_are_checked_as_a_whole(tmp_path):
    target = tmp_path / "indented.md"
    target.write_text("---\n  title: x\n  transcript:\n  - line: a\n---\n", encoding="utf-8")
    before = target.read_bytes()
    episode = Episode.load(target)
    episode.set_meta("title", "y")                    # a key re-emitted at column 0 would break this file
    with pytest.raises(SaveError):
        episode.save()
    assert target.read_bytes() == before
    episode = Episode.load(target)
    episode.set_text(0, "b")
    episode.save()
    assert target.read_text(encoding="utf-8") == "---\n  title: x\n  transcript:\n  - line: b\n---\n"


def test_saved_bytes_are_the_file_as_loaded_and_as_last_saved(quirks):
    episode = Episode.load(quirks)
    assert episode.saved_bytes == quirks.read_bytes()
    episode.set_text(0, "Edited.")
    assert episode.saved_bytes == quirks.read_bytes()
    episode.save()
    assert episode.saved_bytes == quirks.read_bytes() and b"Edited." in quirks.read_bytes()


def test_holds_compares_the_file_with_the_expected_bytes_chunk_by_chunk(tmp_path):
    path = tmp_path / "f.md"
    path.write_bytes(b"abcdefghij")
    assert holds(path, b"abcdefghij", chunk=3) is True
    assert holds(path, b"abcdefghiX", chunk=3) is False          # same size, last chunk differs
    assert holds(path, b"abcdefghijk", chunk=3) is False         # other size
    assert holds(tmp_path / "missing.md", b"") is None


def test_same_size_change_on_disk_is_noticed(quirks):
    episode = Episode.load(quirks)
    original = quirks.read_bytes()
    quirks.write_bytes(original.replace(b"Welcome", b"Wxlcome"))
    assert episode.disk_changed()
    episode.set_text(0, "Mine.")
    with pytest.raises(DiskChangedError):
        episode.save()
