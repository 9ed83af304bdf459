"""`chapters export|import|clips` through main(argv), and once through argparse wiring in a real process."""
import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from editor.document.chapters_cli import add_arguments, main, run
from test_clips import EPISODE

REPO = Path(__file__).resolve().parents[2]
LIST = "00:00:00 Intro\n00:00:25 Main: part\n00:01:05 Late topic\n"


@pytest.fixture
def site(tmp_path) -> Path:
    """A site checkout: _podcast/e.md with season 3 episode 7, podcast-timestamps/s03e07-topic.txt."""
    (tmp_path / "_podcast").mkdir()
    (tmp_path / "podcast-timestamps").mkdir()
    (tmp_path / "podcast-timestamps" / "s03e07-topic.txt").write_text(LIST, encoding="utf-8")
    episode = tmp_path / "_podcast" / "e.md"
    episode.write_text(EPISODE.replace("title: Clips\n", "title: Clips\nseason: 3\nepisode: 7\n"), encoding="utf-8")
    return episode


def test_export_prints_both_formats(site, capsys):
    assert main(["export", str(site)]) == 0
    assert capsys.readouterr().out == "00:00:01 Intro\n00:00:30 Main: part\n"
    assert main(["export", str(site), "--format", "youtube"]) == 1
    out, err = capsys.readouterr()
    assert out == "0:01 Intro\n0:30 Main: part\n"
    assert err.split("\n")[:2] == [
        f"{site}: YouTube needs the first chapter to start at 0:00; it starts at 0:01",
        f"{site}: YouTube needs at least 3 chapters; there are 2"]


def test_import_finds_the_list_in_the_checkout_and_changes_only_headers(site, tmp_path, capsys):
    before = site.read_text(encoding="utf-8")
    out = tmp_path / "out.md"
    assert main(["import", str(site), "-o", str(out)]) == 0
    assert site.read_text(encoding="utf-8") == before
    after = out.read_text(encoding="utf-8")
    assert after == before.replace("- line: More.\n", "- header: Late topic\n- line: More.\n")
    assert "3 chapters from" in capsys.readouterr().out


def test_import_of_a_bad_list_names_its_lines_and_writes_nothing(site, tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("00:00:00 Intro\nnot a chapter\n", encoding="utf-8")
    before = site.read_bytes()
    assert main(["import", str(site), str(bad)]) == 2
    assert capsys.readouterr().err == f"{bad}:2: not 'HH:MM:SS Topic': line 2: 'not a chapter'\n"
    assert site.read_bytes() == before


def test_clips_shows_the_difference_and_writes_with_write(site, capsys):
    site.write_text(site.read_text(encoding="utf-8").replace("- header: 'Main: part'", "- header: Renamed"),
                    encoding="utf-8")
    assert main(["clips", str(site)]) == 1
    assert "-- name: 'Main: part'\n+- name: Renamed\n" in capsys.readouterr().out
    assert main(["clips", str(site), "--write"]) == 0
    capsys.readouterr()
    assert main(["clips", str(site)]) == 0
    assert "already match" in capsys.readouterr().out


def test_unreadable_episode_exits_2(tmp_path, capsys):
    assert main(["export", str(tmp_path / "missing.md")]) == 2
    assert "cannot read the file" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2


def test_add_arguments_and_run_work_under_another_parser(site, capsys):
    parser = argparse.ArgumentParser(prog="transcript-editor")
    commands = parser.add_subparsers(dest="command")
    add_arguments(commands.add_parser("chapters"))
    assert run(parser.parse_args(["chapters", "export", str(site)])) == 0
    assert capsys.readouterr().out.startswith("00:00:01 Intro")


def test_runs_as_a_process(site):
    code = "import sys; from editor.document.chapters_cli import main; sys.exit(main())"
    result = subprocess.run([sys.executable, "-c", code, "export", str(site)], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, "00:00:01 Intro\n00:00:30 Main: part\n")
