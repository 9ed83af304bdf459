"""`transcript-editor snap`: prints the moves, saves only the moved entries' lines, --dry-run writes nothing."""
import difflib
import io
import json
import shutil

from editor.audio.cli import build_parser, main, run_snap
from editor.document import Episode

from audio_media import MEDIA, SAMPLE


def shifted_sample(tmp_path):
    """A copy of the sample episode with three lines' times moved off their speech starts."""
    target = tmp_path / "episode.md"
    shutil.copy(SAMPLE / "sample-episode.md", target)
    episode = Episode.load(target)
    data = json.loads((SAMPLE / "sample-episode.json").read_text(encoding="utf-8"))
    truth = dict(zip(data["entries"], data["starts"]))
    moved = {3: truth[3] + 1.7, 8: truth[8] - 1.5, 12: truth[12] + 1.2}
    for row, seconds in moved.items():
        episode.set_time(row, seconds)
    episode.save()
    return target, truth, moved


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    status = run_snap(build_parser().parse_args(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_snap_moves_the_shifted_lines_back_and_changes_only_their_lines(tmp_path):
    target, truth, moved = shifted_sample(tmp_path)
    before = target.read_text(encoding="utf-8")
    status, out, err = run([str(target), "--media", str(SAMPLE / "sample-episode.mp3"),
                            "--cache-dir", str(tmp_path / "cache")])
    assert status == 0, err
    expected = [f"{row + 1}: 0:{int(moved[row]):02d} -> 0:{int(truth[row]):02d}" for row in sorted(moved)]
    assert out.splitlines() == expected
    episode = Episode.load(target)
    assert [episode.entries[row].sec for row in sorted(moved)] == [int(truth[row]) for row in sorted(moved)]
    diff = [line for line in difflib.unified_diff(before.splitlines(), target.read_text().splitlines(), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(diff) == 4 * len(moved)             # sec and time of each moved entry, removed and added
    assert all("sec:" in line or "time:" in line for line in diff)


def test_dry_run_prints_the_same_and_leaves_the_file_alone(tmp_path):
    target, _truth, moved = shifted_sample(tmp_path)
    before = target.read_bytes()
    status, out, err = run([str(target), "--media", str(SAMPLE / "sample-episode.mp3"), "--dry-run"])
    assert status == 0 and len(out.splitlines()) == len(moved) and "dry run" in err
    assert target.read_bytes() == before


def test_max_shift_leaves_far_lines_alone_and_says_so(tmp_path):
    target, _truth, _moved = shifted_sample(tmp_path)
    status, out, err = run([str(target), "--media", str(SAMPLE / "sample-episode.mp3"), "--max-shift", "1.3"])
    assert status == 0
    assert out.splitlines() == ["13: 0:41 -> 0:40"]
    assert "4: 0:13 left alone (nearest speech start 1.4 s away)" in err       # 11.59 s, seen from 0:13
    assert "9: 0:28 left alone (nearest speech start 1.6 s away)" in err       # 29.60 s, seen from 0:28


def test_bad_media_or_episode_exit_2_with_a_message(tmp_path, capsys):
    target, _truth, _moved = shifted_sample(tmp_path)
    assert main(["snap", str(target), "--media", str(MEDIA / "not-audio.mp3")]) == 2
    assert "not-audio.mp3" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.md"), "--media", str(MEDIA / "speech.mp3")]) == 2
    assert "missing.md" in capsys.readouterr().err
    assert main([str(target)]) == 2                 # --media is required
