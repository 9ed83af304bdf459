"""The truth harness: what each backend really rendered, and what the player showed at that moment.

No sound server is needed. Each backend hands its rendered audio to the harness instead of a sound device:

- VLC: libvlc_audio_set_callbacks (python-vlc) delivers S16 PCM after VLC's filters (so at the playback rate) with its
  presentation time `pts` on libvlc's clock, which is CLOCK_MONOTONIC like time.perf_counter() on Linux. A buffer is
  delivered ahead of time; sample i of it is heard at pts + i / rate plus the time VLC spent paused after delivery.
  Buffers delivered before a seek are left out (a sound device drops them at VLC's flush, which may come late).
- Qt: QAudioBufferOutput receives the decoded media samples (not time-stretched) when Qt's audio clock renders them;
  sample i of a buffer received at wall time t is heard at t + i / (sample rate x playback rate). The receiving slot
  runs on the GUI thread, so t is late by the event loop's latency (a few ms while the test waits).

An onset is sound after QUIET_S of quiet heard since the seek (right after a seek the old place's tail may still
sound). The shown position is sampled every 5 ms from the GUI thread (as the transport bar reads it) and interpolated
at the moment an onset was heard; the error is that shown position minus the true onset of the nearest phrase.
"""
from __future__ import annotations

import array
import bisect
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QEventLoop, QTimer

from truth_media import RATE, THRESHOLD, WINDOW

SAMPLE_MS = 5
# Quiet (in media seconds) before an onset: gaps between phrases are at least 1 s, pauses between words under 0.15 s.
QUIET_S = 0.3


@dataclass
class Chunk:
    """Rendered samples: sample i is heard at `heard_at` + i * `step` seconds."""

    heard_at: float
    step: float
    samples: array.array
    delivered: float = 0.0


@dataclass
class Onset:
    """A phrase start found in the rendered audio: when it was heard and what the player showed then."""

    heard_at: float
    shown_ms: float


@dataclass
class Truth:
    """Collects rendered audio and shown positions of one player; see the module docstring for the time model."""

    player: object
    chunks: list[Chunk] = field(default_factory=list)
    shown: list[tuple[float, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(SAMPLE_MS)
        self._timer.timeout.connect(self.sample)
        self._timer.start()
        getattr(self, f"_tap_{self.player.name}")()

    def sample(self) -> None:
        """Record what the player shows now."""
        self.shown.append((time.perf_counter(), self.player.position()))

    def stop(self) -> None:
        """Stop sampling (the audio tap goes with the player)."""
        self._timer.stop()

    # ---- taps ---------------------------------------------------------------------------------------------------
    def _tap_vlc(self) -> None:
        import ctypes

        import vlc

        paused_at: list[float] = []

        def play(_data, samples, count, pts):
            pcm = array.array("h", ctypes.string_at(samples, count * 2))
            with self.lock:
                self.chunks.append(Chunk(pts / 1e6, 1.0 / RATE, pcm, time.perf_counter()))

        def pause(_data, pts):
            paused_at.append(pts / 1e6)

        def resume(_data, pts):
            """Audio delivered for after the pause is heard later by the time spent paused."""
            if not paused_at:
                return
            start = paused_at.pop()
            with self.lock:
                for chunk in self.chunks:
                    if chunk.heard_at >= start:
                        chunk.heard_at += pts / 1e6 - start

        def flush(_data, _pts):
            now = time.perf_counter()
            with self.lock:
                self.chunks = [chunk for chunk in self.chunks if chunk.heard_at <= now]

        self._vlc_callbacks = [  # kept alive as long as VLC may call them
            vlc.CallbackDecorators.AudioPlayCb(play),
            vlc.CallbackDecorators.AudioPauseCb(pause),
            vlc.CallbackDecorators.AudioResumeCb(resume),
            vlc.CallbackDecorators.AudioFlushCb(flush),
            vlc.CallbackDecorators.AudioDrainCb(lambda _data: None),
        ]
        media_player = self.player._mp
        media_player.audio_set_callbacks(*self._vlc_callbacks, None)
        media_player.audio_set_format("S16N", RATE, 1)

    def _tap_qt(self) -> None:
        from PySide6.QtMultimedia import QAudioBufferOutput, QAudioFormat

        fmt = QAudioFormat()
        fmt.setSampleRate(RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self._buffers = QAudioBufferOutput(fmt)
        self._buffers.audioBufferReceived.connect(self._on_qt_buffer)
        self.player._mp.setAudioBufferOutput(self._buffers)

    def _on_qt_buffer(self, buffer) -> None:
        now = time.perf_counter()
        pcm = array.array("h", bytes(buffer.constData())[: buffer.byteCount()])
        step = 1.0 / (buffer.format().sampleRate() * self.player.rate())
        with self.lock:
            self.chunks.append(Chunk(now, step, pcm, now))

    # ---- analysis ---------------------------------------------------------------------------------------------
    def shown_at(self, at: float) -> float:
        """The shown position at wall time `at`, interpolated between samples."""
        times = [t for t, _ in self.shown]
        i = bisect.bisect_left(times, at)
        if i == 0 or i >= len(times):
            raise ValueError("no shown position sampled around that moment")
        (t0, p0), (t1, p1) = self.shown[i - 1], self.shown[i]
        return p0 + (p1 - p0) * (at - t0) / max(t1 - t0, 1e-9)

    def onsets_after(self, since: float, seek: float) -> list[Onset]:
        """Phrase onsets heard after wall time `since` in audio delivered after the seek made at `seek` (audio
        delivered ahead before a seek is flushed, though VLC may tell so only after the new audio arrived)."""
        with self.lock:
            chunks = [c for c in self.chunks if c.delivered >= seek]
        found, quiet = [], 0.0  # the first sound after a seek may be the old place's tail: not an onset
        needed = QUIET_S / self.player.rate()  # heard seconds
        for chunk in sorted(chunks, key=lambda c: c.heard_at):
            for start in range(0, len(chunk.samples) - WINDOW + 1, WINDOW):
                part = chunk.samples[start:start + WINDOW]
                loud = max(part) > THRESHOLD or -min(part) > THRESHOLD
                heard = chunk.heard_at + start * chunk.step
                if loud and quiet >= needed and heard >= since:
                    exact = next(i for i, s in enumerate(part) if abs(s) > THRESHOLD)
                    heard += exact * chunk.step
                    if self.shown and self.shown[-1][0] > heard:
                        found.append(Onset(heard, self.shown_at(heard)))
                quiet = 0.0 if loud else quiet + WINDOW * chunk.step
        return found

    def forget(self, before: float) -> None:
        """Drop audio and samples older than `before` (keeps long runs cheap)."""
        with self.lock:
            self.chunks = [c for c in self.chunks if c.heard_at + len(c.samples) * c.step >= before]
        self.shown = [s for s in self.shown if s[0] >= before - 1.0]


def spin(seconds: float) -> None:
    """Run the event loop for `seconds` (a QEventLoop releases the GIL while Qt's player threads need it)."""
    loop = QEventLoop()
    QTimer.singleShot(max(int(seconds * 1000), 0), loop.quit)
    loop.exec()


def wait_for(condition, timeout: float) -> bool:
    """Run the event loop until `condition()` is true or `timeout` seconds passed; whether it came true."""
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            return False
        spin(0.01)
    return True


LEAD_MS = 500  # seeks land this far before a phrase: its onset is heard soon after, after QUIET_S of quiet


def nearest(onsets: list[float], ms: float) -> float:
    """The true onset closest to `ms`: which phrase was heard (right while errors stay under half a gap, ~1.5 s)."""
    return min(onsets, key=lambda onset: abs(onset - ms))


def seek_error(player, truth: Truth, onsets: list[float], target: float, paused: bool, timeout: float = 4.0):
    """Seek to `target` (pausing first and playing after when `paused`). Returns the shown minus the true position at
    the next onset heard, and the seconds from the seek (or the play after it) to the first audio rendered from the
    new place; (None, None) when no onset was heard within `timeout`."""
    if paused:
        player.pause()
        seek = time.perf_counter()
        player.seek(int(target))
        spin(0.15)
        since = time.perf_counter()
        player.play()
    else:
        seek = since = time.perf_counter()
        player.seek(int(target))
    if not wait_for(lambda: truth.onsets_after(since, seek), timeout):
        return None, None
    onset = truth.onsets_after(since, seek)[0]
    with truth.lock:
        first = min(c.heard_at for c in truth.chunks if c.delivered >= seek and c.heard_at >= since)
    truth.forget(onset.heard_at)
    return onset.shown_ms - nearest(onsets, onset.shown_ms), first - since


def start_playing(player, path: str, rate: float = 1.0, timeout: float = 8.0) -> Truth | None:
    """Open `path`, tap the backend that plays it, set the rate and play until the position moves; the tap, or None
    when playback did not start."""
    loaded = []
    player.mediaLoaded.connect(loaded.append)
    player.open(path)
    if not wait_for(lambda: loaded, timeout):
        return None
    truth = Truth(player)
    player.set_rate(rate)
    player.play()
    return truth if wait_for(lambda: player.position() > 200, timeout) else None
