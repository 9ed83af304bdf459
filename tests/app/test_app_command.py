"""`python -m editor` as users run it: the check subcommand, bad arguments, and --screenshot on the sample episode."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtGui import QColor, QImage

REPO = Path(__file__).resolve().parent.parent.parent
SAMPLE = REPO / "resources" / "sample" / "sample-episode.md"


def run_editor(*args, home: Path, timeout=60):
    """Run `python -m editor ARGS` headless, with its settings kept in `home`."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"), HOME=str(home),
               QT_LOGGING_RULES="qt.multimedia.*=false")
    return subprocess.run([sys.executable, "-m", "editor", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_check_subcommand_reports_problems_as_text_and_json(tmp_path):
    episode = tmp_path / "ep.md"
    episode.write_text("---\ntitle: t\ntranscript:\n- line: Hello\n  sec: 70\n  time: '1:10'\n  who: A\n"
                       "- line: Again\n  sec: 5\n  time: '0:05'\n  who: A\n---\n", encoding="utf-8")
    result = run_editor("check", episode, home=tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"{episode}:" in result.stdout and "time-order" in result.stdout
    result = run_editor("check", episode, "--json", home=tmp_path)
    report = json.loads(result.stdout.splitlines()[0])
    assert report["file"] == str(episode)
    assert [p["code"] for p in report["problems"]] == ["time-order"]


def test_check_subcommand_on_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("no front matter here\n", encoding="utf-8")
    result = run_editor("check", bad, home=tmp_path)
    assert result.returncode == 2
    assert "bad.md" in result.stdout + result.stderr


def test_check_dispatch_imports_no_qt(tmp_path):
    code = ("import sys; from editor.app import main; status = main(['check', sys.argv[1]]); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(status)")
    result = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], cwd=REPO, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode in (0, 1), result.stderr


def test_bad_arguments_get_a_clear_message_and_status_2(tmp_path):
    for args, message in ((["missing.md"], "no such file: missing.md"),
                          ([SAMPLE, "--media", "nope.mp3"], "no such media file: nope.mp3"),
                          (["--backend", "gstreamer"], "invalid choice"),
                          ([SAMPLE, "--screenshot", tmp_path / "no" / "x.png"], "folder does not exist")):
        result = run_editor(*args, home=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def waveform_grey_share(image: QImage, y: int) -> float:
    """The share of pixel row `y` (sampled, margins left out) in the waveform's mid grey: Text at alpha 150 on Base.

    Where peaks are drawn, the strip's middle row is that grey almost across; no other row of the window is.
    """
    xs = range(30, image.width() - 30, 3)
    greys = 0
    for x in xs:
        colour = QColor(image.pixel(x, y))
        channels = (colour.red(), colour.green(), colour.blue())
        greys += max(channels) - min(channels) < 12 and 60 <= colour.red() <= 160
    return greys / len(xs)


def test_screenshot_of_the_sample_episode(tmp_path):
    png = tmp_path / "shot.png"
    result = run_editor(SAMPLE, "--screenshot", png, home=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert not image.isNull()
    assert 800 <= image.width() <= 2000 and 500 <= image.height() <= 1500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20, "the screenshot looks blank"
    assert max(waveform_grey_share(image, y) for y in range(image.height() // 2, image.height())) > 0.6, \
        "the timeline shows no waveform: the screenshot did not wait for the analysis"


def test_screenshot_without_a_file_shows_the_empty_window(tmp_path):
    png = tmp_path / "empty.png"
    result = run_editor("--screenshot", png, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not QImage(str(png)).isNull()


def test_screenshot_of_a_broken_file_fails_clearly(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    result = run_editor(bad, "--screenshot", tmp_path / "x.png", home=tmp_path)
    assert result.returncode == 1
    assert "bad.md" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_launch_then_ctrl_c_closes_cleanly_and_keeps_the_session(tmp_path):
    ini = tmp_path / "config" / "transcript-editor" / "transcript-editor.ini"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path),
               QT_LOGGING_RULES="qt.multimedia.*=false")
    process = subprocess.Popen([sys.executable, "-m", "editor", str(SAMPLE), "--backend", "qt"], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (ini.is_file() and "sample-episode.mp3" in ini.read_text()):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the window never remembered the sample's media"
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    text = ini.read_text()
    assert f"file={SAMPLE}" in text and "position_ms=" in text
    assert "[ui]" in text and "geometry" in text


def test_screenshot_leaves_the_users_settings_alone(tmp_path):
    result = run_editor(SAMPLE, "--media", REPO / "tests" / "media" / "counter.mp4", "--screenshot",
                        tmp_path / "shot.png", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "config" / "transcript-editor").exists()


def test_subcommands_parse_and_a_bare_file_means_the_window(capsys):
    from editor.app import parse_arguments
    from editor.document import cli
    args = parse_arguments([str(SAMPLE), "--backend", "qt"])
    assert (args.command, args.file, args.backend) == ("open", str(SAMPLE), "qt")
    assert parse_arguments([]).command == "open" and parse_arguments([]).file is None
    args = parse_arguments(["check", str(SAMPLE), "--json"])
    assert args.command == "check" and args.files == [str(SAMPLE)] and args.json and args.run is cli.run
    from editor.app import main
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "check" in out and "FILE" in out
