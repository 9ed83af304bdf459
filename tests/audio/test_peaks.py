"""Min/max peaks: fractional bin edges that stay aligned over an hour, and columns that match real speech starts."""
import math

import numpy as np
import pytest

from editor.audio import COLUMNS_PER_SECOND, PeakBuilder, analyse

from audio_media import MEDIA, known_starts


def test_an_impulse_an_hour_in_lands_in_its_own_column_at_22050_hz():
    rate, chunk = 22050, 220_501            # an odd chunk size: columns straddle every chunk boundary
    builder = PeakBuilder(rate)
    impulses = [int(t * rate) for t in (0.004, 1234.5678, 3599.517)]
    total, lows, highs = 3600 * rate, [], []
    for offset in range(0, total, chunk):
        samples = np.zeros(min(chunk, total - offset), np.float32)
        for at in impulses:
            if offset <= at < offset + samples.size:
                samples[at - offset] = 0.5
        low, high = builder.feed(samples)
        lows.append(low)
        highs.append(high)
    low, high = builder.finish()
    highs.append(high)
    maximum = np.concatenate(highs)
    assert maximum.size == 3600 * COLUMNS_PER_SECOND
    expected = [math.floor(at * COLUMNS_PER_SECOND / rate) for at in impulses]
    assert list(np.flatnonzero(maximum)) == expected
    assert expected[-1] == 359951            # 220-sample columns would have put it 0.23% later, at 360_764


def test_feeding_in_pieces_gives_the_same_peaks_as_at_once():
    rng = np.random.default_rng(7)
    signal = rng.uniform(-1, 1, 44100 * 3 + 17).astype(np.float32)
    whole = PeakBuilder(44100)
    expected = [np.concatenate(parts) for parts in zip(whole.feed(signal), whole.finish())]
    pieces = PeakBuilder(44100)
    got, position = [], 0
    for size in rng.integers(1, 5000, 200):
        got.append(pieces.feed(signal[position:position + size]))
        position += size
    got.append(pieces.feed(signal[position:]))
    got.append(pieces.finish())
    assert np.array_equal(np.concatenate([g[0] for g in got]), expected[0])
    assert np.array_equal(np.concatenate([g[1] for g in got]), expected[1])
    assert expected[1].size == math.ceil(signal.size * 100 / 44100)
    assert expected[1][0] == round(signal[:441].max() * 32767)


@pytest.mark.parametrize("name", ["speech.mp3", "speech.m4a"])
def test_speech_rises_out_of_silence_in_the_column_of_each_known_start(analysed, name):
    peaks = analysed(MEDIA / name).peaks
    loud = np.maximum(np.abs(peaks.minimum.astype(np.int32)), np.abs(peaks.maximum.astype(np.int32))) > 600
    for start in known_starts("speech"):
        column = round(start * COLUMNS_PER_SECOND)
        assert not loud[column - 50:column - 1].any(), f"sound before {start} s"
        first = column - 50 + int(np.argmax(loud[column - 50:column + 50]))
        assert first - column in (0, 1), f"speech at {start} s begins in column {first}, expected {column}"


def test_progress_delivers_every_column_once_in_order(tmp_path):
    parts = []
    result = analyse(MEDIA / "noisy-speech.mp3", progress=parts.append)
    assert len(parts) > 1                   # progressive, not all at the end
    assert [p.first_column for p in parts] == list(np.cumsum([0] + [p.minimum.size for p in parts[:-1]]))
    assert np.array_equal(np.concatenate([p.maximum for p in parts]), result.peaks.maximum)
    assert all(a.decoded_seconds <= b.decoded_seconds for a, b in zip(parts, parts[1:]))
