"""Generated speech with known onsets in every format the player must seek accurately (built at test time).

Short phrases spoken by espeak-ng are laid on a 16 kHz mono timeline with irregular gaps; the middle of each file has
a faint noise bed so a VBR MP3's bitrate changes along the file (what makes byte-position seeking go wrong). The onset
of every phrase is known by construction; encoders that add a delay are corrected by measuring the first onset of a
full ffmpeg decode (`calibrate`), which every format's decoder agrees on when it honours the container's gapless info.
"""
from __future__ import annotations

import array
import json
import random
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

RATE = 16000
PHRASES = (
    "Seven busy bees carry honey home.",
    "The quick brown fox jumps over the dog.",
    "Rooftop gardens need water every day.",
    "A jar of honey for the baker.",
    "Lavender pots line the fire escape.",
    "Twelve kilos from the lime trees.",
)
WINDOW = 80  # 5 ms at 16 kHz: the resolution of onset detection
THRESHOLD = 3000  # peak amplitude of speech; the noise bed stays far below it (about 300)
QUIET_WINDOWS = 80  # 400 ms below the threshold before an onset: gaps are at least 1 s, word gaps much shorter
# encoder settings per format: (file suffix, ffmpeg output arguments)
FORMATS = {
    "wav": (".wav", ["-c:a", "pcm_s16le"]),
    "mp3-cbr": (".mp3", ["-c:a", "libmp3lame", "-b:a", "32k"]),
    "mp3-vbr-xing": (".mp3", ["-c:a", "libmp3lame", "-q:a", "5"]),
    "mp3-vbr-noxing": (".mp3", ["-c:a", "libmp3lame", "-q:a", "5", "-write_xing", "0"]),
    "m4a": (".m4a", ["-c:a", "aac", "-b:a", "32k"]),
    "opus": (".webm", ["-c:a", "libopus", "-b:a", "24k"]),
    "ogg": (".ogg", ["-c:a", "libvorbis", "-q:a", "2"]),
    "mp4": (".mp4", ["-c:a", "aac", "-b:a", "32k"]),
}


@dataclass
class Media:
    """A generated file and the true start of every phrase in it, in ms."""

    path: Path
    onsets: list[float]
    duration_ms: float


def tools_missing() -> list[str]:
    """The command-line tools the generator needs that are not installed."""
    return [tool for tool in ("espeak-ng", "sox", "ffmpeg") if shutil.which(tool) is None]


def speak(folder: Path) -> list[array.array]:
    """Every phrase as 16 kHz mono samples, trailing silence trimmed, peak normalised to about -4 dBFS."""
    clips = []
    for index, text in enumerate(PHRASES):
        raw, out = folder / f"raw{index}.wav", folder / f"clip{index}.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "170", "-w", str(raw), text], check=True)
        subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out), "norm", "-4",
                        "reverse", "silence", "1", "0.02", "0.5%", "reverse"], check=True)
        clips.append(read_wav(out))
    return clips


def read_wav(path: Path) -> array.array:
    """16-bit mono samples of a WAV file."""
    with wave.open(str(path)) as source:
        samples = array.array("h", source.readframes(source.getnframes()))
    return samples


def write_wav(path: Path, samples: array.array) -> None:
    """16-bit mono 16 kHz WAV."""
    with wave.open(str(path), "wb") as sink:
        sink.setnchannels(1)
        sink.setsampwidth(2)
        sink.setframerate(RATE)
        sink.writeframes(samples.tobytes())


def timeline(clips: list[array.array], seconds: float, seed: int, noisy: tuple[float, float]) -> tuple[array.array, list[float]]:
    """Phrases with irregular 1.0-2.4 s gaps after a 1 s lead-in; faint noise between `noisy` fractions of the length
    (laid first and overwritten by the phrases: array slicing keeps an hour of it fast)."""
    rng = random.Random(seed)
    samples = array.array("h", bytes(2 * int(seconds * RATE)))
    start, end = int(noisy[0] * len(samples)), int(noisy[1] * len(samples))
    block = array.array("h", (rng.randint(-300, 300) for _ in range(RATE)))
    samples[start:end] = (block * ((end - start) // RATE + 1))[: end - start]
    onsets, t = [], RATE
    while True:
        clip = clips[rng.randrange(len(clips))]
        if t + len(clip) + RATE > len(samples):
            break
        samples[t:t + len(clip)] = clip
        onsets.append((t + next(i for i, s in enumerate(clip) if abs(s) > THRESHOLD)) * 1000 / RATE)
        t += len(clip) + int(rng.uniform(1.0, 2.4) * RATE)
    return samples, onsets


def encode(jobs: list[tuple[Path, Path, list[str]]]) -> None:
    """ffmpeg-encode every (source, out, args) at once (video formats get a small black picture)."""
    running = []
    for source, out, args in jobs:
        video = ["-f", "lavfi", "-i", "color=black:size=64x48:rate=5"] if out.suffix == ".mp4" else []
        tail = ["-shortest", "-c:v", "libx264", "-preset", "ultrafast"] if video else []
        running.append(subprocess.Popen(["ffmpeg", "-loglevel", "error", "-y", "-i", str(source), *video, *args,
                                         *tail, str(out)]))
    assert all(process.wait() == 0 for process in running), "ffmpeg failed"


def decode_head(path: Path, seconds: float) -> array.array:
    """The first `seconds` of `path` decoded by ffmpeg to 16 kHz mono samples."""
    run = subprocess.run(["ffmpeg", "-loglevel", "error", "-i", str(path), "-t", str(seconds), "-vn", "-f", "s16le",
                          "-ac", "1", "-ar", str(RATE), "-"], check=True, capture_output=True)
    return array.array("h", run.stdout)


def find_onsets(samples, rate: int = RATE) -> list[float]:
    """Sample offsets (as fractional seconds x 1000 = ms) where sound starts after at least QUIET_WINDOWS of quiet."""
    window = max(1, rate * WINDOW // RATE)
    found, quiet = [], QUIET_WINDOWS
    for start in range(0, len(samples) - window + 1, window):
        chunk = samples[start:start + window]
        loud = max(chunk) > THRESHOLD or -min(chunk) > THRESHOLD
        if loud and quiet >= QUIET_WINDOWS:
            exact = next(i for i, s in enumerate(chunk) if abs(s) > THRESHOLD)
            found.append((start + exact) * 1000 / rate)
        quiet = 0 if loud else quiet + 1
    return found


def calibrate(path: Path, onsets: list[float]) -> list[float]:
    """The onsets shifted by the encoder delay that ffmpeg's decoder leaves in `path` (0 for most formats)."""
    heard = find_onsets(decode_head(path, onsets[0] / 1000 + 1.5))
    shift = heard[0] - onsets[0]
    assert abs(shift) < 150, f"{path.name}: first onset at {heard[0]:.0f} ms, built at {onsets[0]:.0f} ms"
    return [onset + shift for onset in onsets]


def build_set(folder: Path, seconds: float = 43.0) -> dict[str, Media]:
    """Every format of FORMATS from one `seconds` long speech timeline (noise bed in the middle third)."""
    folder.mkdir(parents=True, exist_ok=True)
    clips = speak(folder)
    samples, onsets = timeline(clips, seconds, seed=14, noisy=(0.35, 0.7))
    source = folder / "truth.wav"
    write_wav(source, samples)
    outs = {name: folder / f"speech-{name}{suffix}" for name, (suffix, _args) in FORMATS.items()}
    encode([(source, outs[name], args) for name, (_suffix, args) in FORMATS.items()])
    media = {name: Media(out, calibrate(out, onsets), seconds * 1000) for name, out in outs.items()}
    (folder / "onsets.json").write_text(json.dumps({name: m.onsets for name, m in media.items()}))
    return media


def build_hour(folder: Path, minutes: int = 60) -> dict[str, Media]:
    """A `minutes` long VBR MP3 with and without a Xing table, built from three 60 s encoded chunks put end to end.

    Encoding an hour takes 15 s here; frame-copying three chunks takes well under one. Chunks differ in density and
    noise, so the bitrate changes from minute to minute. A chunk decodes to whole frames of 576 samples, so the onsets
    of its n-th copy are shifted by the decoded length of everything before it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    clips = speak(folder)
    chunks, jobs = [], []
    for index, noisy in enumerate([(0.0, 0.0), (0.0, 1.0), (0.3, 0.6)]):
        samples, onsets = timeline(clips, 60.0, seed=100 + index, noisy=noisy)
        wav, mp3 = folder / f"chunk{index}.wav", folder / f"chunk{index}.mp3"
        write_wav(wav, samples)
        jobs.append((wav, mp3, ["-c:a", "libmp3lame", "-q:a", "5", "-write_xing", "0", "-id3v2_version", "0"]))
        chunks.append(onsets)
    encode(jobs)
    for index, (_wav, mp3, _args) in enumerate(jobs):
        frames = int(subprocess.run(["ffprobe", "-v", "error", "-count_packets", "-select_streams", "a:0",
                                     "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", str(mp3)],
                                    check=True, capture_output=True, text=True).stdout.strip())
        chunks[index] = (mp3.read_bytes(), chunks[index], frames * 576 * 1000 / RATE)
    order = random.Random(60).choices(range(3), weights=(5, 3, 2), k=minutes)
    raw, onsets, at = bytearray(), [], 0.0
    for index in order:
        data, chunk_onsets, length = chunks[index]
        raw += data
        onsets += [at + onset for onset in chunk_onsets]
        at += length
    plain = folder / "hour-noxing.mp3"
    plain.write_bytes(bytes(raw))
    tabled = folder / "hour-xing.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(plain), "-c", "copy", "-write_xing", "1",
                    str(tabled)], check=True)
    return {name: Media(path, calibrate(path, onsets), at) for name, path in
            (("mp3-vbr-60min-noxing", plain), ("mp3-vbr-60min-xing", tabled))}
