"""MP3 frame-header scanning: exact length, seek-table detection, and no answer for files that are not MP3s."""
import random
from pathlib import Path

from editor.player.mp3scan import has_seek_table, parse_header, scan

MEDIA = Path(__file__).resolve().parent.parent / "media"


def test_length_is_counted_from_the_frames():
    facts = scan(MEDIA / "speech.mp3")
    assert facts is not None and not facts.has_table
    assert abs(facts.duration_ms - 16250) < 100  # 16.25 s of audio plus the encoder's delay and padding
    assert has_seek_table(MEDIA / "speech.mp3") is False


def test_a_seek_table_is_found_and_not_counted_as_audio(tmp_path):
    data = (MEDIA / "speech.mp3").read_bytes()
    tabled = tmp_path / "tabled.mp3"
    at = data.index(b"\xff")  # the first frame, after the ID3 tag: a copy of it marked as a Xing frame goes first
    frame = parse_header(data, at)
    xing = bytearray(data[at:at + frame.size])
    xing[4 + frame.side_info:8 + frame.side_info] = b"Xing"
    tabled.write_bytes(data[:at] + bytes(xing) + data[at:])
    assert has_seek_table(tabled) is True
    assert scan(tabled).duration_ms == scan(MEDIA / "speech.mp3").duration_ms


def test_non_mp3_files_have_no_answer(tmp_path):
    noise = tmp_path / "noise.mp3"
    noise.write_bytes(random.Random(3).randbytes(50_000))
    empty = tmp_path / "empty.mp3"
    empty.write_bytes(b"")
    for path in (MEDIA / "not-audio.mp3", MEDIA / "truncated.mp3", MEDIA / "speech.wav", noise, empty):
        assert scan(path) is None
    assert has_seek_table(tmp_path / "missing.mp3") is None
