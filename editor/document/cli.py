"""`transcript-editor check FILE|DIR... [--json] [--spelling]`: report transcript problems for scripts and CI.

Prints `FILE:LINE: code: message` per problem (or one JSON object per file with --json); a folder stands for the
`*.md` / `*.markdown` files in it. Exit status 0 when clean, 1 when any problem was found, 2 when a file cannot
be read.
"""
import argparse
import json
import sys
from pathlib import Path

from .episode import Episode
from .errors import DocumentError


DESCRIPTION = "Check episode transcripts for time, speaker and chapter problems."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `check` on `parser` (its own, or the app's `check` subcommand)."""
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="episode files (.md with front matter, or .yaml), or folders of .md/.markdown files")
    parser.add_argument("--json", action="store_true", help="print one JSON object per file")
    parser.add_argument("--spelling", action="store_true",
                        help="also report unknown words (code `spelling`; English, the show's names and terms, "
                             "and the episode's own names are known)")


def _parser() -> argparse.ArgumentParser:
    """The command line of `check`."""
    parser = argparse.ArgumentParser(prog="transcript-editor check", description=DESCRIPTION)
    add_arguments(parser)
    return parser


def episode_files(names: list[str]) -> list[str]:
    """The files named, each folder replaced by its `*.md` and `*.markdown` files in name order."""
    files = []
    for name in names:
        folder = Path(name)
        if folder.is_dir():
            files.extend(str(path) for path in sorted(folder.iterdir())
                         if path.is_file() and path.suffix.lower() in (".md", ".markdown"))
        else:
            files.append(name)
    return files


def main(argv: list[str] | None = None) -> int:
    """Run the check command on `argv` (the words after `check`; a leading "check" is accepted too)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["check"]:
        argv = argv[1:]
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Check `args.files` (printing text, or JSON with `args.json`); the exit status 0, 1 or 2 described above."""
    if args.spelling:
        from .spelling import spelling_problems     # the word lists' code, only when asked for
    status = 0
    for name in episode_files(args.files):
        try:
            episode = Episode.load(name)
            problems = episode.check()
            if args.spelling:
                problems = sorted(problems + spelling_problems(episode), key=lambda p: (p.line, p.index))
        except DocumentError as exc:
            status = 2
            if args.json:
                print(json.dumps({"file": name, "error": str(exc)}, ensure_ascii=False))
            else:
                print(f"{exc}", file=sys.stderr)
            continue
        if problems and status == 0:
            status = 1
        if args.json:
            print(json.dumps({"file": name, "problems": [
                {"index": p.index, "row": p.row, "line": p.line, "code": p.code, "message": p.message}
                for p in problems]},
                ensure_ascii=False))
        else:
            for problem in problems:
                print(f"{name}:{problem.line}: {problem.code}: {problem.message}")
    return status


if __name__ == "__main__":
    sys.exit(main())
