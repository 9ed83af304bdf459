"""`transcript-editor chapters export|import|clips`: chapter lists and quotable clips from the command line.

export EPISODE [--format site|youtube]   prints the chapter list; YouTube rules broken go to stderr (status 1)
import EPISODE [LIST] [-o OUT]           replaces the headers by the list (found beside the site checkout when
                                         LIST is left out) and saves; only header entries change in the file
clips EPISODE [--write] [-o OUT]         shows how regenerating quotableClips from the headers changes them;
                                         --write saves it
Exit status: 0 done, 1 YouTube rules broken / clips would change without --write, 2 unreadable input.
"""
import argparse
import sys

from .chapters import FORMATS, SITE, export_chapters, find_chapter_lists, import_chapters, read_chapter_list
from .clips import clip_update, regenerate_clips
from .episode import Episode
from .errors import DocumentError

PROG = "transcript-editor chapters"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `chapters` subcommands (export, import, clips) to `parser`."""
    commands = parser.add_subparsers(dest="chapters_command", metavar="COMMAND", required=True)
    export = commands.add_parser("export", help="print the episode's chapter list")
    export.add_argument("episode", metavar="EPISODE", help="episode file")
    export.add_argument("--format", choices=FORMATS, default=SITE,
                        help="site: 'HH:MM:SS Topic' (default); youtube: description chapters '0:00 Topic'")
    load = commands.add_parser("import", help="replace the episode's headers by a chapter list and save")
    load.add_argument("episode", metavar="EPISODE", help="episode file")
    load.add_argument("list", metavar="LIST", nargs="?",
                      help="'HH:MM:SS Topic' list (default: ../podcast-timestamps/sSSeEE-*.txt of a site checkout)")
    load.add_argument("-o", "--output", metavar="OUT", help="write here instead of overwriting EPISODE")
    clips = commands.add_parser("clips", help="regenerate quotableClips from the headers")
    clips.add_argument("episode", metavar="EPISODE", help="episode file")
    clips.add_argument("--write", action="store_true", help="save the regenerated clips")
    clips.add_argument("-o", "--output", metavar="OUT", help="with --write: write here instead of EPISODE")


def _export(args) -> int:
    """Print the list; name the broken YouTube rules on stderr."""
    result = export_chapters(Episode.load(args.episode), args.format)
    if result.text:
        print(result.text)
    for warning in result.warnings:
        print(f"{args.episode}: {warning}", file=sys.stderr)
    return 1 if result.warnings else 0


def _import(args) -> int:
    """Replace the headers and save."""
    episode = Episode.load(args.episode)
    path = args.list
    if path is None:
        found = find_chapter_lists(episode)
        if not found:
            print(f"{args.episode}: no chapter list given and none found in ../podcast-timestamps/", file=sys.stderr)
            return 2
        path = found[0]
    listed = read_chapter_list(path)
    import_chapters(episode, listed)
    episode.save(args.output)
    print(f"{args.output or args.episode}: {len(listed)} chapters from {path}")
    return 0


def _clips(args) -> int:
    """Show the regeneration's difference; save it with --write."""
    episode = Episode.load(args.episode)
    update = clip_update(episode)
    if not update.changed:
        print(f"{args.episode}: quotableClips already match the chapters")
        return 0
    print(update.diff, end="")
    if not args.write:
        return 1
    regenerate_clips(episode)
    episode.save(args.output)
    return 0


def run(args: argparse.Namespace) -> int:
    """Run a parsed `chapters` command; errors are printed naming file and line."""
    command = {"export": _export, "import": _import, "clips": _clips}[args.chapters_command]
    try:
        return command(args)
    except (DocumentError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    """Parse `argv` (the words after `chapters`) and run it."""
    parser = argparse.ArgumentParser(prog=PROG, description="Chapter lists and quotable clips of episode files.")
    add_arguments(parser)
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    return run(args)
