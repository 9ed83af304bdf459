"""`check --spelling` adds one `spelling` problem per unknown word, in file order among the other problems."""
import json
import shutil

from editor.document.cli import main

REPO_SAMPLE = "resources/sample/sample-episode.md"


def typo_copy(tmp_path, monkeypatch):
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / REPO_SAMPLE
    target = tmp_path / "episode.md"
    shutil.copy(source, target)
    text = target.read_text(encoding="utf-8").replace("three beehives", "three beehivs", 1)
    target.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return target


def test_spelling_problems_are_reported_only_when_asked(tmp_path, monkeypatch, capsys):
    path = typo_copy(tmp_path, monkeypatch)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--spelling", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    line_number = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                       if "beehivs" in text)
    assert lines == [f"{path}:{line_number}: spelling: row 3: unknown word 'beehivs'"]


def test_spelling_problems_in_json(tmp_path, monkeypatch, capsys):
    path = typo_copy(tmp_path, monkeypatch)
    assert main(["check", "--spelling", "--json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(p["code"], p["row"]) for p in report["problems"]] == [("spelling", 3)]
