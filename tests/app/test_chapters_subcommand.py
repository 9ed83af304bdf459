"""`transcript-editor chapters ...` goes through the app's argparse subcommands to the chapters command."""
from editor.app import main, parse_arguments
from editor.document import chapters_cli

EPISODE = """---
title: Subcommand
transcript:
- header: Intro
- line: Hello.
  sec: 0
  time: '0:00'
  who: Ann
- header: Later
- line: Bye.
  sec: 95
  time: '1:35'
  who: Bob
---
"""


def test_chapters_is_a_subcommand_of_the_app(tmp_path, capsys):
    episode = tmp_path / "episode.md"
    episode.write_text(EPISODE, encoding="utf-8")
    args = parse_arguments(["chapters", "export", str(episode), "--format", "site"])
    assert args.command == "chapters" and args.run is chapters_cli.run
    assert main(["chapters", "export", str(episode)]) == 0
    assert capsys.readouterr().out == "00:00:00 Intro\n00:01:35 Later\n"
    assert main(["chapters", "export", str(episode), "--format", "youtube"]) == 1       # fewer than 3 chapters
    captured = capsys.readouterr()
    assert captured.out == "0:00 Intro\n1:35 Later\n" and "at least 3 chapters; there are 2" in captured.err


def test_chapters_import_through_the_app_changes_only_the_headers(tmp_path, capsys):
    episode = tmp_path / "episode.md"
    episode.write_text(EPISODE, encoding="utf-8")
    listed = tmp_path / "list.txt"
    listed.write_text("00:00:00 Opening\n00:01:30 Closing\n", encoding="utf-8")
    out = tmp_path / "out.md"
    assert main(["chapters", "import", str(episode), str(listed), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == EPISODE.replace("header: Intro", "header: Opening").replace(
        "header: Later", "header: Closing")
    bad = tmp_path / "bad.txt"
    bad.write_text("00:00:00 Opening\n1:30 Closing\n", encoding="utf-8")
    assert main(["chapters", "import", str(episode), str(bad)]) == 2
    assert "line 2" in capsys.readouterr().err
    assert episode.read_text(encoding="utf-8") == EPISODE
