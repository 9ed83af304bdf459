"""Exact MP3 facts from the frame headers alone: whether a seek table exists, and the true length.

A VBR MP3 without a Xing/VBRI table only lets a player estimate its length from the first frames' bitrate (a 43 s file
shows as 114 s); walking every frame header counts the samples exactly, much faster than decoding.
"""
from __future__ import annotations

import mmap
import os
from dataclasses import dataclass
from pathlib import Path

# kbit/s by [version is MPEG-1][layer 1..3][index]
_BITRATES = {
    True: {
        1: (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
        2: (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
        3: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    },
    False: {
        1: (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
        2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
        3: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    },
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
MIN_FRAMES = 4  # fewer consecutive valid frames than this is not an MP3 (random bytes contain stray sync words)


@dataclass
class Frame:
    """One MPEG audio frame header."""

    size: int
    samples: int
    rate: int
    side_info: int  # bytes between the header and where a Xing/Info tag would start


def parse_header(data: bytes, at: int) -> Frame | None:
    """The frame header at `at`, or None where there is none."""
    if at + 4 > len(data) or data[at] != 0xFF or data[at + 1] & 0xE0 != 0xE0:
        return None
    version, layer_bits = (data[at + 1] >> 3) & 3, (data[at + 1] >> 1) & 3
    bitrate_index, rate_index, padding = data[at + 2] >> 4, (data[at + 2] >> 2) & 3, (data[at + 2] >> 1) & 1
    if version == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    layer, mpeg1 = 4 - layer_bits, version == 3
    bitrate = _BITRATES[mpeg1][layer][bitrate_index] * 1000
    rate = _RATES[version][rate_index]
    mono = data[at + 3] >> 6 == 3
    if layer == 1:
        return Frame((12 * bitrate // rate + padding) * 4, 384, rate, 0)
    samples = 1152 if layer == 2 or mpeg1 else 576
    side_info = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    return Frame(samples // 8 * bitrate // rate + padding, samples, rate, side_info)


def audio_start(data: bytes) -> int:
    """Offset after a leading ID3v2 tag (0 without one)."""
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
    return 10 + size + (10 if data[5] & 0x10 else 0)


@dataclass
class Mp3Facts:
    """What the frame headers say: the exact length and whether a seek table (Xing/Info/VBRI) exists."""

    duration_ms: int
    has_table: bool


def _first_frame(data: bytes, at: int) -> tuple[Frame, bool] | None:
    """The first frame at `at` and whether it carries a seek table (Xing/Info/VBRI)."""
    first = parse_header(data, at)
    if first is None:
        return None
    tag_at = at + 4 + first.side_info
    return first, data[tag_at:tag_at + 4] in (b"Xing", b"Info") or data[at + 36:at + 40] == b"VBRI"


def has_seek_table(path: str | Path) -> bool | None:
    """Whether an MP3 has a seek table, reading only its head; None when the file does not start like an MP3 (or
    cannot be read: the backend reports that)."""
    try:
        with open(path, "rb") as source:
            head = source.read(10)
            source.seek(audio_start(head))
            found = _first_frame(source.read(4096), 0)
    except OSError:
        return None
    return None if found is None else found[1]


def scan(path: str | Path) -> Mp3Facts | None:
    """Walk every frame header of `path`; None when it does not start with at least MIN_FRAMES MPEG audio frames."""
    with open(path, "rb") as source:
        if os.fstat(source.fileno()).st_size == 0:
            return None
        with mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _walk(data)


def _walk(data) -> Mp3Facts | None:
    """scan() on the file's bytes (a memory map: an hour of podcast is not copied into memory)."""
    at = audio_start(data)
    found = _first_frame(data, at)
    if found is None:
        return None
    first, has_table = found
    samples, frames = (0 if has_table else first.samples), 0
    at += first.size
    while True:
        frame = parse_header(data, at)
        if frame is None or at + frame.size > len(data):
            break
        samples += frame.samples
        frames += 1
        at += frame.size
    if frames < MIN_FRAMES:
        return None
    return Mp3Facts(round(samples * 1000 / first.rate), has_table)
