"""`transcript-editor snap EPISODE --media MEDIA [--max-shift 2] [--dry-run]`: move line times onto speech starts.

Prints `row: old -> new` per line whose time changes (rows numbered from 1, as the editor shows them), then
saves the episode in place (only those entries' lines change). Exit status 0 on success, 2 when the episode or
the media cannot be read or the file cannot be saved.
"""
from __future__ import annotations

import argparse
import sys

from editor.document import DocumentError, Episode, format_time
from editor.document.snap import MAX_SHIFT, snap_all, timed_rows

from .analysis import analyse
from .decode import DecodeError


def build_parser() -> argparse.ArgumentParser:
    """The command line of `snap`."""
    parser = argparse.ArgumentParser(prog="transcript-editor snap",
                                     description="Move every timed line to the nearest speech start in the media.")
    parser.add_argument("episode", metavar="EPISODE", help="episode file (.md with front matter, or .yaml)")
    parser.add_argument("--media", required=True, metavar="MEDIA", help="the episode's audio or video file")
    parser.add_argument("--max-shift", type=float, default=MAX_SHIFT, metavar="SECONDS",
                        help=f"leave a line alone when the nearest speech start is further (default {MAX_SHIFT:g})")
    parser.add_argument("--dry-run", action="store_true", help="print the changes without saving")
    parser.add_argument("--cache-dir", metavar="FOLDER", help="reuse and store the media analysis in this folder")
    return parser


def run_snap(args: argparse.Namespace, out=None, err=None) -> int:
    """Load, analyse, snap, print and (unless --dry-run) save; returns the exit status."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    try:
        episode = Episode.load(args.episode)
    except DocumentError as error:
        print(error, file=err)
        return 2
    try:
        result = analyse(args.media, args.cache_dir)
    except DecodeError as error:
        print(error, file=err)
        return 2
    plan = snap_all(timed_rows(episode.entries), result.onsets, args.max_shift)
    for move in plan.moves:
        print(f"{move.row + 1}: {format_time(int(move.old))} -> {format_time(move.new_whole)}", file=out)
    for left in plan.leftovers:
        why = "no speech found" if left.distance is None else f"nearest speech start {left.distance:.1f} s away"
        print(f"{left.row + 1}: {format_time(int(left.seconds))} left alone ({why})", file=err)
    print(f"{len(plan.moves)} line(s) moved, {plan.unchanged} already on a speech start, "
          f"{len(plan.leftovers)} left alone{' (dry run: nothing saved)' if args.dry_run else ''}", file=err)
    if args.dry_run or not plan.moves:
        return 0
    for move in plan.moves:
        episode.set_time(move.row, move.new)
    try:
        episode.save()
    except DocumentError as error:
        print(error, file=err)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run `snap` on `argv` (the words after `snap`; a leading "snap" is accepted too)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["snap"]:
        argv = argv[1:]
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    return run_snap(args)


if __name__ == "__main__":
    sys.exit(main())
