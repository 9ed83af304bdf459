"""Unsaved changes of whole key values (such as regenerated quotableClips) survive a crash, with or without the
undo history in the journal."""
from editor.document import Episode
from safety_helpers import Recorder, copy_sample, data_dir, safe_window  # noqa: F401
from test_safety_recovery import close, end_session, journals, lines_of, second_window, write_as_old_version

CLIPS = [{"name": "Stale", "startOffset": 0, "endOffset": 5, "url": "https://www.youtube.com/watch?v=x&t=0"}]
NEW = [{"name": "Fresh", "startOffset": 0, "endOffset": 9, "url": "https://www.youtube.com/watch?v=x&t=0"},
       {"name": "Second", "startOffset": 9, "endOffset": 20, "url": "https://www.youtube.com/watch?v=x&t=9"}]


def crash_with_regenerated_clips(qtbot, window, safety, path):
    """Give the episode clips (saved), replace them (unsaved) and end the session as a crash would."""
    assert window.open_file(path)
    window.run_edit("clips", lambda: window.episode.set_value("quotableClips", CLIPS))
    assert window.save()
    window.run_edit("Regenerate quotable clips", lambda: window.episode.set_value("quotableClips", NEW))
    expected = window.episode.dumps()
    assert safety.recovery.flush(wait=True)
    end_session(safety)
    window.undo_stack.setClean()
    return expected


def test_regenerated_clips_come_back_with_their_undo_step(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    expected = crash_with_regenerated_clips(qtbot, window, safety, path)
    assert any(record.get("t") == "step" for record in lines_of(journals(data_dir)[0]))   # the step is journaled
    saved = path.read_text(encoding="utf-8")
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")
    assert other_safety.offer_recovery()
    assert other.episode.dumps() == expected and other.undo_stack.count() == 1
    other.undo_stack.undo()
    assert other.episode.dumps() == saved
    close(other)


def test_regenerated_clips_come_back_from_the_text_alone(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    expected = crash_with_regenerated_clips(qtbot, window, safety, path)
    saved = path.read_text(encoding="utf-8")
    write_as_old_version(journals(data_dir)[0], 2, path.read_bytes(), history=False)   # the text alone
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")
    assert other_safety.offer_recovery()
    assert other.episode.get_meta("quotableClips") == Episode.loads(expected).get_meta("quotableClips") == NEW
    assert other.undo_stack.count() == 1
    other.undo_stack.undo()
    assert other.episode.dumps() == saved
    close(other)
