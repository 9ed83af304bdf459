"""First-save backup: a copy of the file as opened, once per session, in the data dir or as FILE.orig."""
from editor.document import Episode
from safety_helpers import copy_sample, data_dir, safe_window  # noqa: F401


def edit(window, index, text):
    window.run_edit("edit", lambda: window.episode.set_text(index, text))


def test_first_save_keeps_the_file_as_opened_in_the_data_dir(safe_window, tmp_path, data_dir):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    original = path.read_bytes()
    assert window.open_file(path)
    edit(window, 1, "First correction.")
    assert window.save()
    backups = list((data_dir / "backups").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert backups[0].suffix == ".md" and backups[0].name.startswith("sample-episode.")
    edit(window, 2, "Second correction.")
    assert window.save()
    assert list((data_dir / "backups").iterdir()) == backups      # only the first save of the session
    assert Episode.load(path).entries[2].text == "Second correction."


def test_orig_mode_writes_file_orig_and_never_overwrites_an_older_one(safe_window, tmp_path, settings):
    window, safety = safe_window
    settings.backup_mode = "orig"
    path = copy_sample(tmp_path / "ep")
    original = path.read_bytes()
    older = path.with_name(path.name + ".orig")
    older.write_bytes(b"an older original the user kept\n")
    assert window.open_file(path)
    edit(window, 1, "First correction.")
    assert window.save()
    assert older.read_bytes() == b"an older original the user kept\n"
    assert path.with_name(path.name + ".orig.2").read_bytes() == original


def test_a_failing_backup_is_reported_and_does_not_block_the_save(safe_window, tmp_path, data_dir):
    window, safety = safe_window
    data_dir.mkdir(parents=True)
    (data_dir / "backups").write_text("a file where the backup folder should be")
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, "Saved anyway.")
    assert window.save()
    assert Episode.load(path).entries[1].text == "Saved anyway."
    assert "backup" in safety.banner.text().lower()
