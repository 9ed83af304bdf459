"""The analysis of real media: exact duration, speech onsets, the cache, and clear errors for bad files."""
import json
import os
import shutil

import numpy as np
import pytest

from editor.audio import DecodeError, analyse
from editor.audio.analysis import Cancelled
from editor.audio.decode import AudioDecoder

from audio_media import MEDIA, SAMPLE, known_starts

ONSET_TOLERANCE = 0.05


@pytest.mark.parametrize("name, truth", [
    ("noisy-speech.mp3", "noisy-speech"), ("noisy-speech.m4a", "noisy-speech"),
    ("speech.mp3", "speech"), ("speech.m4a", "speech"),
])
def test_speech_onsets_are_found_within_50_ms_of_the_known_starts(analysed, name, truth):
    onsets = analysed(MEDIA / name).onsets
    starts = known_starts(truth)
    assert len(onsets) == len(starts), onsets
    errors = [abs(onset - start) for onset, start in zip(onsets, starts)]
    assert max(errors) <= ONSET_TOLERANCE, list(zip(starts, onsets))


def test_sample_episode_onsets_include_every_timed_line_and_the_untimed_continuation(analysed):
    data = json.loads((SAMPLE / "sample-episode.json").read_text(encoding="utf-8"))
    onsets = analysed(SAMPLE / "sample-episode.mp3").onsets
    assert len(onsets) == len(data["starts"]) + 1          # the continuation line is spoken but untimed
    for start in data["starts"]:
        assert min(abs(onset - start) for onset in onsets) <= ONSET_TOLERANCE


@pytest.mark.parametrize("name", ["noisy-speech.mp3", "noisy-speech.m4a"])
def test_the_decode_gives_the_exact_duration(analysed, name):
    truth = json.loads((MEDIA / "noisy-speech.json").read_text(encoding="utf-8"))["duration"]
    result = analysed(MEDIA / name)
    assert result.duration == pytest.approx(truth, abs=0.03)          # AAC pads its last frame: 20 ms
    assert len(result.peaks) == pytest.approx(result.duration * 100, abs=1)


def test_the_exact_duration_replaces_the_estimate_of_an_mp3_without_a_length_header(analysed):
    decoder = AudioDecoder(SAMPLE / "sample-episode.mp3")
    result = analysed(SAMPLE / "sample-episode.mp3")
    samples = sum(chunk.size for chunk in decoder.chunks())
    assert result.duration == samples / decoder.info.rate
    assert decoder.info.estimated_duration != result.duration          # FFmpeg guessed it from the bitrate


def test_a_video_file_is_read_for_its_audio_track():
    result = analyse(MEDIA / "counter.mp4")
    assert result.duration == pytest.approx(5.0, abs=0.1)
    assert len(result.peaks) == round(result.duration * 100)


def test_the_cache_answers_the_second_open_and_a_changed_file_is_decoded_again(tmp_path):
    media = tmp_path / "episode.mp3"
    shutil.copy(MEDIA / "noisy-speech.mp3", media)
    cache = tmp_path / "cache"
    first = analyse(media, cache)
    assert not first.from_cache and len(list(cache.glob("*.npz"))) == 1
    parts = []
    again = analyse(media, cache, progress=parts.append)
    assert again.from_cache
    assert np.array_equal(again.peaks.minimum, first.peaks.minimum)
    assert np.array_equal(again.peaks.maximum, first.peaks.maximum)
    assert again.onsets == first.onsets and again.duration == first.duration
    assert len(parts) == 1 and parts[0].maximum.size == len(first.peaks)
    shutil.copy(MEDIA / "noisy-speech.m4a", media)                      # another file under the same name
    os.utime(media, ns=(1, 1))
    changed = analyse(media, cache)
    assert not changed.from_cache and changed.duration != first.duration


def test_an_unreadable_cache_entry_is_ignored(tmp_path):
    media = tmp_path / "episode.mp3"
    shutil.copy(MEDIA / "speech.mp3", media)
    analyse(media, tmp_path)
    for entry in tmp_path.glob("*.npz"):
        entry.write_bytes(b"not a numpy file")
    assert not analyse(media, tmp_path).from_cache


@pytest.mark.parametrize("name, words", [
    ("not-audio.mp3", "not a media file"),
    ("truncated.mp3", "not a media file"),
    ("missing.mp3", "not found"),
])
def test_bad_media_raises_a_decode_error_naming_the_file(name, words):
    with pytest.raises(DecodeError) as raised:
        analyse(MEDIA / name)
    assert name in str(raised.value) and words in str(raised.value)


def test_a_file_cut_off_halfway_gives_the_audio_that_is_there(tmp_path):
    data = (MEDIA / "noisy-speech.mp3").read_bytes()
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(data[: len(data) // 2])
    result = analyse(cut)
    assert 6 < result.duration < 18
    assert result.onsets[:2] == pytest.approx(known_starts("noisy-speech")[:2], abs=ONSET_TOLERANCE)


def test_a_caller_can_cancel_between_chunks():
    calls = []
    with pytest.raises(Cancelled):
        analyse(MEDIA / "noisy-speech.mp3", should_stop=lambda: calls.append(1) or len(calls) > 2)


def test_the_cache_keeps_the_most_recently_used_entries(tmp_path):
    from editor.audio.cache import PeaksCache, media_key

    cache = PeaksCache(tmp_path / "cache", max_entries=2)
    result = analyse(MEDIA / "speech.mp3")
    names = []
    for i in range(3):
        media = tmp_path / f"m{i}.mp3"
        shutil.copy(MEDIA / "speech.mp3", media)
        os.utime(media, ns=(i * 10**9, i * 10**9))
        names.append(media_key(media))
        cache.store(names[-1], result.peaks, result.duration, result.onsets)
        os.utime(cache.file_for(names[-1]), ns=((i + 1) * 10**9, (i + 1) * 10**9))
    assert cache.load(names[0]) is None and cache.load(names[1]) and cache.load(names[2])
