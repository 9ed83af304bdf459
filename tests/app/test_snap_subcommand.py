"""`transcript-editor snap` moves line times onto the speech starts of the media, through the app's command line."""
import shutil
from pathlib import Path

from editor.app import main
from editor.document import Episode

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


def test_snap_subcommand_moves_a_late_time_onto_the_speech_start(tmp_path, capsys):
    episode = tmp_path / "episode.md"
    shutil.copy(SAMPLE / "sample-episode.md", episode)
    text = episode.read_text(encoding="utf-8")
    episode.write_text(text.replace("sec: 6\n", "sec: 7\n", 1).replace("time: '0:06'", "time: '0:07'", 1),
                       encoding="utf-8")                  # the line spoken at 6.4 s, written a second late
    late = Episode.load(episode)
    row = next(i for i, entry in enumerate(late.entries) if entry.sec == 7)
    assert main(["snap", str(episode), "--media", str(SAMPLE / "sample-episode.mp3"),
                 "--cache-dir", str(tmp_path / "cache")]) == 0
    assert f"{row + 1}: 0:07 -> 0:06" in capsys.readouterr().out
    assert Episode.load(episode).entries[row].sec == 6


def test_snap_help_and_missing_words(capsys):
    assert main(["snap", "-h"]) == 0
    assert "--media" in capsys.readouterr().out
    assert main(["snap"]) == 2
    assert "required" in capsys.readouterr().err
