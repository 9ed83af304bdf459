"""The `check` command, run as a real process and through main(argv)."""
import json
import subprocess
import sys
from pathlib import Path

import yaml

from editor.document.cli import main
from document_helpers import FIXTURES

REPO = Path(__file__).resolve().parents[2]


def run(*args) -> subprocess.CompletedProcess:
    """Run the command in a real process."""
    return subprocess.run([sys.executable, "-m", "editor.document.cli", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_clean_file_exits_0_silently():
    result = run("check", FIXTURES / "escapes.md")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_problems_print_file_line_code_message_and_exit_1():
    path = FIXTURES / "quirks.md"
    result = run("check", path)
    assert result.returncode == 1
    lines = result.stdout.split("\n")[:-1]
    assert len(lines) == 15
    assert lines[1] == (f"{path}:21: empty-chapter: chapter 'Getting started' is directly followed by another header "
                        "(row 3)")
    assert all(line.startswith(f"{path}:") and line.count(": ") >= 2 for line in lines)


def test_unreadable_file_exits_2_and_names_it():
    bad = FIXTURES / "bad" / "template.md"
    result = run("check", FIXTURES / "escapes.md", bad, FIXTURES / "quirks.md")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{bad}:5:")
    assert "quirks.md:21: empty-chapter" in result.stdout


def test_json_prints_one_object_per_file():
    bad = FIXTURES / "bad" / "python-tag.md"
    result = run("check", "--json", FIXTURES / "quirks.md", FIXTURES / "plain.yaml", bad)
    assert result.returncode == 2
    objects = [json.loads(line) for line in result.stdout.split("\n")[:-1]]
    assert [o["file"] for o in objects] == [str(FIXTURES / "quirks.md"), str(FIXTURES / "plain.yaml"), str(bad)]
    assert objects[0]["problems"][1] == {"index": 1, "row": 2, "line": 21, "code": "empty-chapter",
                                         "message": "chapter 'Getting started' is directly followed by another "
                                                    "header (row 3)"}
    assert objects[1]["problems"] == []
    assert objects[2]["error"].startswith(f"{bad}:2:")


def test_main_takes_the_words_after_check(capsys):
    assert main([str(FIXTURES / "plain.yaml")]) == 0
    assert main(["check", str(FIXTURES / "quirks.md"), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["problems"]


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert "FILE" in capsys.readouterr().err
    assert main(["--help"]) == 0


def test_a_folder_stands_for_its_markdown_files(tmp_path):
    (tmp_path / "b.markdown").write_text("---\ntranscript:\n- line: Hi.\n---\n")
    (tmp_path / "a.md").write_text("---\ntranscript:\n- line: Hi.\n  who: Ann\n---\n")
    (tmp_path / "notes.txt").write_text("not an episode")
    (tmp_path / "sub.md").mkdir()
    result = run("check", "--json", tmp_path)
    objects = [json.loads(line) for line in result.stdout.split("\n")[:-1]]
    assert [Path(o["file"]).name for o in objects] == ["a.md", "b.markdown"]
    assert [p["code"] for p in objects[1]["problems"]] == ["missing-speaker"]
    assert result.returncode == 1


def test_every_corpus_line_without_a_speaker_is_flagged(corpus):
    result = run("check", "--json", corpus)
    flagged = {(o["file"], p["index"]) for o in map(json.loads, result.stdout.split("\n")[:-1])
               for p in o.get("problems", []) if p["code"] == "missing-speaker"}
    expected = set()
    for path in sorted(corpus.glob("*.md")):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
        try:
            data = yaml.load(front, Loader=yaml.CSafeLoader)   # the C build of the same YAML 1.1 reader
        except yaml.YAMLError:
            continue
        items = data.get("transcript") if isinstance(data, dict) else None
        for index, item in enumerate(items or []):
            if isinstance(item, dict) and "header" not in item and not isinstance(item.get("who"), str):
                expected.add((str(path), index))
    assert expected and flagged >= expected
