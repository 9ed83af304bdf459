"""Decode a media file's first audio stream with PyAV at its native rate, as mono float32 chunks."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

# Frames are gathered into chunks of about this many seconds: fewer numpy calls, progress often enough.
CHUNK_SECONDS = 4.0

_SCALE = {"s16": 1 / 32768, "s32": 1 / 2147483648, "flt": 1.0, "dbl": 1.0}


class DecodeError(Exception):
    """The file cannot be read as audio; the message names the file and says why."""


@dataclass(frozen=True)
class StreamInfo:
    """What the container says before decoding: native rate, channels, and its duration estimate (None: unknown)."""

    rate: int
    channels: int
    codec: str
    estimated_duration: float | None


_DTYPES = {"u8": np.uint8, "s16": np.int16, "s32": np.int32, "flt": np.float32, "dbl": np.float64}


def _mono(frame) -> np.ndarray:
    """One decoded frame as mono float32 in [-1, 1], whatever its sample format (planar or packed).

    Reads the frame's planes as buffers (np.frombuffer), cheaper per frame than to_ndarray().
    """
    name = frame.format.name
    planar = name.endswith("p")
    base = name[:-1] if planar else name
    dtype = _DTYPES.get(base)
    if dtype is None:
        raise DecodeError(f"unsupported sample format {name}")
    samples = frame.samples
    if planar:
        planes = [np.frombuffer(plane, dtype=dtype, count=samples) for plane in frame.planes]
        data = planes[0] if len(planes) == 1 else np.mean(planes, axis=0, dtype=np.float32)
    else:
        channels = len(frame.layout.channels)
        data = np.frombuffer(frame.planes[0], dtype=dtype, count=samples * channels)
        if channels > 1:
            data = data.reshape(samples, channels).mean(axis=1, dtype=np.float32)
    if base == "u8":
        return (data.astype(np.float32) - 128.0) * np.float32(1 / 128)
    if base in _SCALE and _SCALE[base] != 1.0:
        return data.astype(np.float32) * np.float32(_SCALE[base])
    return data.astype(np.float32, copy=False)


class AudioDecoder:
    """Opens `path` and yields its audio as mono float32 chunks at the stream's own rate (no resampling)."""

    def __init__(self, path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise DecodeError(f"{self.path}: media file not found")
        try:
            self._container = av.open(str(self.path))
        except (av.FFmpegError, OSError, ValueError) as error:
            raise DecodeError(f"{self.path}: not a media file FFmpeg can read ({_reason(error)})") from None
        if not self._container.streams.audio:
            self._container.close()
            raise DecodeError(f"{self.path}: the file has no audio track")
        self._stream = self._container.streams.audio[0]
        self._stream.thread_type = "AUTO"
        context = self._stream.codec_context
        estimate = None
        if self._stream.duration is not None and self._stream.time_base is not None:
            estimate = float(self._stream.duration * self._stream.time_base)
        elif self._container.duration is not None:
            estimate = self._container.duration / 1_000_000
        self.info = StreamInfo(int(context.sample_rate), int(context.channels), context.name, estimate)
        if self.info.rate <= 0:
            self._container.close()
            raise DecodeError(f"{self.path}: the audio track has no sample rate")

    def chunks(self, chunk_seconds: float = CHUNK_SECONDS) -> Iterator[np.ndarray]:
        """Mono float32 chunks of about `chunk_seconds` each, in order; DecodeError when decoding fails."""
        wanted = max(1, int(chunk_seconds * self.info.rate))
        pending: list[np.ndarray] = []
        size = 0
        decoded_any = False
        try:
            for frame in self._container.decode(self._stream):
                samples = _mono(frame)
                decoded_any = True
                pending.append(samples)
                size += samples.size
                if size >= wanted:
                    yield np.concatenate(pending) if len(pending) > 1 else pending[0]
                    pending, size = [], 0
        except av.FFmpegError as error:
            if not decoded_any:
                raise DecodeError(f"{self.path}: the audio cannot be decoded ({_reason(error)})") from None
            # a damaged tail: keep what decoded, as players do
        finally:
            self._container.close()
        if pending:
            yield np.concatenate(pending)
        if not decoded_any:
            raise DecodeError(f"{self.path}: no audio could be decoded (empty or damaged file)")


def _reason(error: Exception) -> str:
    """FFmpeg's words for an error, without PyAV's errno prefix and file name."""
    text = getattr(error, "strerror", None) or str(error)
    return str(text).split(": '")[0]
