#!/usr/bin/env python3
"""Regenerates tests/media/noisy-speech.{mp3,m4a,json}: sentences spoken by espeak-ng, joined by sox with silences
of known length, pink noise mixed under the whole recording. The sentence starts are known by construction and
written to the .json (the waveform, onset and snapping tests compare against them).

Usage: python resources/sample/make_noisy_speech.py   (needs espeak-ng, sox and ffmpeg)
"""
import json
import subprocess
import tempfile
from pathlib import Path

RATE = 16000
MEDIA = Path(__file__).resolve().parent.parent.parent / "tests" / "media"
LEAD = 1.3
GAPS = (0.9, 1.6, 2.2, 1.1, 1.8)     # silence before sentences 2..6, each longer than the onsets' 0.3 s bridge
TAIL = 1.0
NOISE_GAIN_DB = -28                 # pink noise level under the speech (speech peaks near -3 dBFS)
SENTENCES = (
    ("en-us+f3", "Good morning and welcome back to the garden hour."),
    ("en-gb", "Today we plant tomatoes on a windy balcony."),
    ("en-us+f3", "Why do the leaves turn yellow so early?"),
    ("en-gb", "Mostly because the pots dry out in the afternoon sun."),
    ("en-us+f3", "Water them twice a day in July."),
    ("en-gb", "And that is all for this week."),
)


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def null_input() -> list[str]:
    """sox's null file at our rate (its default is 48 kHz, which would make trim lengths wrong)."""
    return ["-r", str(RATE), "-c", "1", "-n"]


def samples(path: Path) -> int:
    return int(run("soxi", "-s", str(path)))


def main() -> None:
    MEDIA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        parts, starts, position = [], [], 0
        for i, (voice, text) in enumerate(SENTENCES):
            raw, clip, silence = work / f"raw{i}.wav", work / f"clip{i}.wav", work / f"sil{i}.wav"
            run("espeak-ng", "-v", voice, "-s", "160", "-w", str(raw), text)
            # espeak starts speaking at once; trim its trailing silence so the next start is exact
            run("sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(clip),
                "reverse", "silence", "1", "0.02", "0.5%", "reverse")
            pause = round((LEAD if i == 0 else GAPS[i - 1]) * RATE)
            run("sox", *null_input(), "-r", str(RATE), "-c", "1", "-b", "16", str(silence), "trim", "0", f"{pause}s")
            position += pause
            starts.append(round(position / RATE, 4))
            parts += [str(silence), str(clip)]
            position += samples(clip)
        tail = work / "tail.wav"
        run("sox", *null_input(), "-r", str(RATE), "-c", "1", "-b", "16", str(tail), "trim", "0", f"{round(TAIL * RATE)}s")
        speech, noise, mixed = work / "speech.wav", work / "noise.wav", work / "mixed.wav"
        run("sox", *parts, str(tail), str(speech), "gain", "-n", "-3")
        total = samples(speech)
        run("sox", *null_input(), "-r", str(RATE), "-c", "1", "-b", "16", str(noise), "synth", f"{total}s", "pinknoise",
            "gain", str(NOISE_GAIN_DB))
        run("sox", "-m", str(speech), str(noise), str(mixed))
        # VBR MP3 with its Xing/LAME header: decoders drop the encoder delay, so the computed starts hold
        run("ffmpeg", "-loglevel", "error", "-y", "-i", str(mixed), "-c:a", "libmp3lame", "-q:a", "7",
            str(MEDIA / "noisy-speech.mp3"))
        run("ffmpeg", "-loglevel", "error", "-y", "-i", str(mixed), "-c:a", "aac", "-b:a", "32k",
            str(MEDIA / "noisy-speech.m4a"))
        info = {"starts": starts, "duration": round(total / RATE, 4), "noise_db": NOISE_GAIN_DB}
        (MEDIA / "noisy-speech.json").write_text(json.dumps(info) + "\n", encoding="utf-8")
    print(json.dumps(info))


if __name__ == "__main__":
    main()
