"""Speech onsets: WebRTC voice activity on 16 kHz mono, short pauses bridged, the start of each speech run."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import webrtcvad
from numpy.lib.stride_tricks import as_strided

VAD_RATE = 16000
FRAME_MS = 30            # the VAD's longest frame: a third of the calls of 10 ms; onsets are refined below
BRIDGE_SECONDS = 0.3      # pauses shorter than this belong to the same stretch of speech
MIN_SPEECH_SECONDS = 0.1  # shorter bursts (clicks, breaths) are not speech starts
AGGRESSIVENESS = 2        # webrtcvad mode 0..3: 2 keeps noisy rooms from reading as speech
ENVELOPE_MS = 5           # energy resolution used to refine each onset below the VAD's 10 ms frames
REFINE_BACK_SECONDS = 0.2  # how far before the VAD's start a quiet consonant may begin
RISE_DB = 4.0             # energy this far above the pause's noise floor counts as the sound having started


class _LinearResampler:
    """Streaming linear-interpolation resampler to VAD_RATE: good enough for voice activity, and cheap.

    The ratio rate / VAD_RATE is a fraction P / Q: every P input samples give Q outputs at the same offsets, so
    blocks of P samples are interpolated with one precomputed pattern (no per-sample positions).
    """

    def __init__(self, rate: int) -> None:
        ratio = Fraction(rate, VAD_RATE)
        self.block, outputs = ratio.numerator, ratio.denominator
        positions = np.arange(outputs) * ratio.numerator / ratio.denominator
        self._index = np.floor(positions).astype(np.int64)
        self._fraction = (positions - self._index).astype(np.float32)
        self._pending = np.zeros(0, np.float32)

    def feed(self, samples: np.ndarray) -> np.ndarray:
        data = np.concatenate((self._pending, samples)) if self._pending.size else np.ascontiguousarray(samples)
        blocks = (data.size - 1) // self.block            # the last output of a block needs the next block's first
        if blocks <= 0:
            self._pending = data
            return np.zeros(0, np.float32)
        step = data.strides[0]
        rows = as_strided(data, shape=(blocks, self.block + 1), strides=(self.block * step, step), writeable=False)
        left = rows[:, self._index]
        out = left + (rows[:, self._index + 1] - left) * self._fraction
        self._pending = data[blocks * self.block:].copy()
        return out.ravel()


class OnsetDetector:
    """Feed mono float32 samples at `rate`; `onsets()` gives the seconds where speech starts."""

    def __init__(self, rate: int, aggressiveness: int = AGGRESSIVENESS) -> None:
        self._vad = webrtcvad.Vad(aggressiveness)
        self._resampler = None if rate == VAD_RATE else _LinearResampler(rate)
        self._frame = VAD_RATE * FRAME_MS // 1000
        self._window = VAD_RATE * ENVELOPE_MS // 1000
        self._pending = np.zeros(0, np.int16)
        self._flags: list[bool] = []
        self._energy: list[np.ndarray] = []     # dB per ENVELOPE_MS window, to refine onsets

    def feed(self, samples: np.ndarray) -> None:
        """Classify every complete 10 ms frame of these samples as speech or not."""
        if self._resampler is not None:
            samples = self._resampler.feed(samples)
        scaled = samples * np.float32(32767.0)
        pcm = np.clip(scaled, -32768, 32767, out=scaled).astype(np.int16)
        data = np.concatenate((self._pending, pcm)) if self._pending.size else pcm
        whole = data.size - data.size % self._frame
        raw = data[:whole].tobytes()
        size = self._frame * 2
        is_speech = self._vad.is_speech
        self._flags.extend(is_speech(raw[i:i + size], VAD_RATE) for i in range(0, len(raw), size))
        windows = data[:whole].astype(np.float32).reshape(-1, self._window)
        power = np.einsum("ij,ij->i", windows, windows) / self._window
        self._energy.append(10 * np.log10(power + 1.0).astype(np.float32))
        self._pending = data[whole:].copy()

    def onsets(self, bridge: float = BRIDGE_SECONDS, min_speech: float = MIN_SPEECH_SECONDS) -> list[float]:
        """Starts (seconds) of speech runs after bridging pauses shorter than `bridge`, refined on the energy."""
        coarse = runs_to_onsets(np.array(self._flags, dtype=bool), FRAME_MS / 1000, bridge, min_speech)
        energy = np.concatenate(self._energy) if self._energy else np.zeros(0, np.float32)
        smooth = np.convolve(energy, np.ones(3, np.float32) / 3, mode="same")
        refined, previous = [], 0.0
        for onset in coarse:
            start = refine_onset(energy, smooth, ENVELOPE_MS / 1000, onset,
                                 max(previous, onset - REFINE_BACK_SECONDS))
            refined.append(start)
            previous = onset
        return refined


def refine_onset(energy_db: np.ndarray, smooth_db: np.ndarray, window_seconds: float, onset: float,
                 earliest: float) -> float:
    """Move a VAD onset back to where the energy first rose above the preceding pause's noise floor.

    The VAD hears a word once its voiced part is under way; a soft consonant ("t", "h") starts tens of ms before.
    """
    at = int(round(onset / window_seconds))
    first = max(0, int(round(earliest / window_seconds)))
    floor_from = max(0, at - int(round(0.3 / window_seconds)))
    if at - first < 2 or at >= energy_db.size:
        return onset
    floor = float(np.median(energy_db[floor_from:first + 1])) if first > floor_from else float(
        np.median(energy_db[floor_from:at]))
    start = at
    while start - 1 >= first and smooth_db[start - 1] > floor + RISE_DB:
        start -= 1
    return round(start * window_seconds, 3)


def runs_to_onsets(flags: np.ndarray, frame_seconds: float, bridge: float = BRIDGE_SECONDS,
                   min_speech: float = MIN_SPEECH_SECONDS) -> list[float]:
    """Start times of the True runs in `flags`, gaps under `bridge` s joined, runs under `min_speech` s dropped."""
    if not flags.size or not flags.any():
        return []
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    change = np.diff(padded)
    starts, ends = np.flatnonzero(change == 1), np.flatnonzero(change == -1)
    keep_start = [starts[0]]
    keep_end = []
    for start, previous_end in zip(starts[1:], ends[:-1]):
        if (start - previous_end) * frame_seconds >= bridge:
            keep_end.append(previous_end)
            keep_start.append(start)
    keep_end.append(ends[-1])
    return [round(float(s) * frame_seconds, 3) for s, e in zip(keep_start, keep_end)
            if (e - s) * frame_seconds >= min_speech]

