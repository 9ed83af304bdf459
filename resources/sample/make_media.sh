#!/usr/bin/env bash
# Regenerates the bundled sample episode (resources/sample/sample-episode.{mp3,md,json}) and the test media
# (tests/media/*) from text with espeak-ng, sox and ffmpeg. Sentence starts are known by construction: each
# spoken clip is trimmed of trailing silence and joined with silences of known length, so a start is the sum of
# what precedes it (checked against ffmpeg silencedetect at the end).
# Usage: resources/sample/make_media.sh   (needs espeak-ng, sox, ffmpeg and a Python with PyYAML: $PYTHON or .venv)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
SAMPLE="$REPO/resources/sample"
MEDIA="$REPO/tests/media"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$SAMPLE" "$MEDIA"

# MP3s are written without the Xing/Info frame: at 24 kbps that frame gets a higher bitrate, and VLC 3 estimates the
# length of a CBR file from its first frame (9.8 s instead of 16.3 s), then clamps seeks to that estimate. Without
# that frame's gapless info every decoder outputs LAME's 1105-sample delay first, so the WAV loses 1105 samples of
# lead-in silence before encoding and the decoded MP3 keeps the computed starts.
LAME_DELAY=1105

# mp3 IN RATE OUT: CBR 24 kbps mono MP3 at RATE Hz whose decoded audio starts where IN starts
mp3() {
    sox -R "$1" "$WORK/mp3-in.wav" trim "$("$PYTHON" -c "print(round($LAME_DELAY / $2 * 22050))")s"
    ffmpeg -loglevel error -y -i "$WORK/mp3-in.wav" -ar "$2" -ac 1 -c:a libmp3lame -b:a 24k -write_xing 0 "$3"
}

# speak VOICE TEXT OUT: one sentence as mono 16-bit 22050 Hz WAV, trailing silence trimmed (espeak has no lead-in).
speak() {
    espeak-ng -v "$1" -s 165 -w "$WORK/raw.wav" "$2"
    sox "$WORK/raw.wav" -r 22050 -c 1 -b 16 "$3" reverse silence 1 0.02 0.5% reverse
}

# join OUT STARTS_JSON LEAD GAP NUDGE CLIP...: LEAD s of silence, the clips GAP s apart, 1 s tail. With NUDGE=1 a gap
# grows where a start would fall in the last 0.2 s of a second, so floor(start) is robust to decoder delay.
join() {
    "$PYTHON" - "$@" <<'PY'
import json, math, subprocess, sys
out, starts_json, lead, gap, nudge, *clips = sys.argv[1:]
lead, gap, nudge = float(lead), float(gap), nudge == "1"
rate = 22050
def silence(seconds):
    name = f"{out}.sil{len(parts)}.wav"
    null = ["-r", str(rate), "-c", "1", "-n"]
    subprocess.run(["sox", *null, "-r", str(rate), "-c", "1", "-b", "16", name, "trim", "0", f"{round(seconds * rate)}s"], check=True)
    return name
parts, starts, t = [], [], 0
for i, clip in enumerate(clips):
    pause = lead if i == 0 else gap
    if nudge and (t + pause) % 1 > 0.8:
        pause += 1.15 - (t + pause) % 1
    pause = round(pause * rate) / rate
    parts.append(silence(pause))
    t += pause
    starts.append(round(t, 4))
    parts.append(clip)
    t += int(subprocess.run(["soxi", "-s", clip], capture_output=True, text=True, check=True).stdout) / rate
parts.append(silence(1.0))
subprocess.run(["sox", *parts, out], check=True)
total = int(subprocess.run(["soxi", "-s", out], capture_output=True, text=True, check=True).stdout)
assert abs(total - round((t + 1) * rate)) <= len(parts), (total, t)
with open(starts_json, "w") as f:
    json.dump(starts, f)
PY
}

# ---- sample episode: who|text lines; "header|..." is a chapter, "+who|..." an untimed continuation line ----
HOST="en-us+f3"; GUEST="en-gb"
cat > "$WORK/script.txt" <<'TEXT'
header|Welcome
Maya|Welcome to Rooftop Notes, the show about small green projects in big cities.
Maya|Today I am talking with Tomas, who keeps three beehives on the roof of a bakery.
Tomas|Thanks for having me. The bakery smells of bread, and the bees do not seem to mind.
header|Starting out
Maya|How did you get your first hive up there?
Tomas|I carried it up the fire escape, one box at a time, early on a Sunday morning.
+Tomas|The owner only asked for a jar of honey every autumn.
Maya|Do the neighbours worry about stings?
Tomas|At first they did. Now they come up to watch the bees land on the lavender pots.
header|Honey and weather
Maya|What does a rooftop harvest look like?
Tomas|Last summer we took twelve kilos, darker than country honey, mostly from the lime trees in the park.
Maya|Thank you, Tomas. That is all for this episode of Rooftop Notes.
TEXT
clips=(); n=0
while IFS='|' read -r who text; do
    [ "$who" = header ] && continue
    voice="$HOST"; [ "${who#+}" = Tomas ] && voice="$GUEST"
    n=$((n + 1)); speak "$voice" "$text" "$WORK/s$n.wav"; clips+=("$WORK/s$n.wav")
done < "$WORK/script.txt"
join "$WORK/sample.wav" "$WORK/sample-starts.json" 1 0.8 1 "${clips[@]}"
mp3 "$WORK/sample.wav" 22050 "$SAMPLE/sample-episode.mp3"

"$PYTHON" - "$WORK/script.txt" "$WORK/sample-starts.json" "$SAMPLE" <<'PY'
"""Writes sample-episode.md (PyYAML house style, every time single-quoted) and sample-episode.json (timed starts)."""
import json, math, re, sys
from pathlib import Path
import yaml

script, starts_file, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
spoken_starts = iter(json.loads(starts_file.read_text()))
transcript, starts, indices = [], [], []
for row in script.read_text().splitlines():
    who, text = row.split("|", 1)
    if who == "header":
        transcript.append({"header": text})
        continue
    start = next(spoken_starts)
    if who.startswith("+"):
        transcript.append({"line": text, "who": who[1:]})
        continue
    sec = math.floor(start)
    transcript.append({"line": text, "sec": sec, "time": f"{sec // 60}:{sec % 60:02d}", "who": who})
    starts.append(start)
    indices.append(len(transcript) - 1)
data = {
    "title": "Rooftop Bees: Keeping Hives Above a City Bakery",
    "short": "Keeping Bees on City Rooftops",
    "season": 1,
    "episode": 3,
    "guests": ["tomasvarga"],
    "ids": {"youtube": "rOofT0pBe3s"},
    "transcript": transcript,
}
front = yaml.dump(data, default_flow_style=False, allow_unicode=True, sort_keys=False)
front = re.sub(r"^(  time: )(\d+:\d\d)$", r"\1'\2'", front, flags=re.M)
assert yaml.safe_load(front) == data
body = "\nLinks:\n\n* [Rooftop Notes](https://example.org/rooftop-notes){:target=\"_blank\"}\n"
(out / "sample-episode.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
(out / "sample-episode.json").write_text(json.dumps({"starts": starts, "entries": indices}) + "\n")
PY

# ---- test media: three sentences, 1 s lead-in, 2 s gaps, 1 s tail ----
speak en-us "The quick brown fox jumps over the lazy dog near the river bank." "$WORK/t1.wav"
speak en-us "Seven busy bees carry their honey back to the hive before the rain." "$WORK/t2.wav"
speak en-us "This last sentence marks the end of the test recording." "$WORK/t3.wav"
join "$WORK/speech.wav" "$WORK/speech-starts.json" 1 2 0 "$WORK/t1.wav" "$WORK/t2.wav" "$WORK/t3.wav"
"$PYTHON" -c "import json,sys; print(json.dumps({'starts': json.load(open(sys.argv[1]))}))" \
    "$WORK/speech-starts.json" > "$MEDIA/speech.json"
sox -R "$WORK/speech.wav" -r 8000 -e unsigned-integer -b 8 "$MEDIA/speech.wav"
mp3 "$WORK/speech.wav" 16000 "$MEDIA/speech.mp3"
ffmpeg -loglevel error -y -i "$WORK/speech.wav" -ar 16000 -c:a aac -b:a 24k "$MEDIA/speech.m4a"
ffmpeg -loglevel error -y -i "$WORK/speech.wav" -ar 16000 -c:a libvorbis -q:a 0 "$MEDIA/speech.ogg"

# counter.mp4: 5 s, 10 fps, frame number drawn large, with a quiet tone as its audio track
ffmpeg -loglevel error -y -f lavfi -i "testsrc=size=160x120:rate=10:duration=5" \
    -f lavfi -i "sine=frequency=440:sample_rate=16000:duration=5" \
    -vf "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf:text='%{frame_num}':fontsize=48:fontcolor=white:box=1:boxcolor=black:x=(w-tw)/2:y=(h-th)/2" \
    -c:v libx264 -preset veryslow -crf 35 -pix_fmt yuv420p -c:a aac -b:a 16k -ac 1 -shortest -movflags +faststart \
    "$MEDIA/counter.mp4"

# bad media: a text file with an .mp3 name, and an MP3 cut off inside its first audio frame
printf 'This is a plain text file with an .mp3 name; no player should accept it as audio.\n' > "$MEDIA/not-audio.mp3"
"$PYTHON" - "$MEDIA/speech.mp3" "$MEDIA/truncated.mp3" <<'PY'
"""Keep the ID3 tag and half of the first 108-byte audio frame: no complete frame is left to decode."""
import sys
data = open(sys.argv[1], "rb").read()
tag = 10 + sum(b << (7 * (3 - i)) for i, b in enumerate(data[6:10])) if data[:3] == b"ID3" else 0
open(sys.argv[2], "wb").write(data[: tag + 54])
PY

# report: computed starts beside the sentence onsets ffmpeg hears in each encoded file
for f in "$MEDIA/speech.json" "$SAMPLE/sample-episode.json"; do echo "$(basename "$f"): $(cat "$f")"; done
for f in "$MEDIA"/speech.{wav,mp3,m4a,ogg} "$SAMPLE/sample-episode.mp3"; do
    onsets="$(ffmpeg -hide_banner -i "$f" -af silencedetect=n=-40dB:d=0.3 -f null - 2>&1 \
        | sed -n 's/.*silence_end: \([0-9.]*\).*/\1/p' | tr '\n' ' ')"
    echo "$(basename "$f") onsets: $onsets"
done
du -ch "$SAMPLE"/sample-episode.* "$MEDIA"/* | tail -1
