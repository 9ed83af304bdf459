"""The `transcript-editor` command: subcommands for scripts (`check`), otherwise the editor window (or a screenshot)."""
from __future__ import annotations

import argparse
import gc
import signal
import sys
import tempfile
import time
from pathlib import Path

APP_NAME = "transcript-editor"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SCREENSHOT_SIZE = (1100, 720)
SCREENSHOT_MEDIA_WAIT_MS = 5000   # a short media file decodes for the waveform well within this
GC_OFF_AT_MOST_MS = 3000          # the garbage collector waits for the first paint, or this long at most


WINDOW_COMMAND = "open"


def build_parser() -> argparse.ArgumentParser:
    """The command line: subcommands (`check`, and `open`, the window, taken when no subcommand is named)."""
    from editor.document import chapters_cli, cli

    parser = argparse.ArgumentParser(
        prog=APP_NAME, usage=f"%(prog)s [FILE] [--media MEDIA] [--backend {{vlc,qt}}] [--screenshot PNG]\n"
                             f"       %(prog)s check FILE|DIR... [--json] [--spelling]\n"
                             f"       %(prog)s chapters {{export,import,clips}} EPISODE ...\n"
                             f"       %(prog)s snap EPISODE --media MEDIA [--max-shift S] [--dry-run]",
        description="Correct a podcast transcript while listening. "
                                   f"'{APP_NAME} FILE' opens FILE; '{APP_NAME} check FILE...' checks files.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    window = commands.add_parser(WINDOW_COMMAND, prog=APP_NAME, help="open the editor window (the default)",
                                 description="Open the editor window.")
    window.add_argument("file", nargs="?", metavar="FILE", help="episode file to open (default: the last session)")
    window.add_argument("--media", metavar="MEDIA", help="audio or video file to play with it")
    window.add_argument("--backend", choices=("vlc", "qt"), help="media backend (default: the saved preference)")
    window.add_argument("--screenshot", metavar="PNG",
                        help="render the window once the file and media have loaded, save it as PNG and exit")
    check = commands.add_parser("check", prog=f"{APP_NAME} check", help=cli.DESCRIPTION[:1].lower()
                                + cli.DESCRIPTION[1:].rstrip("."), description=cli.DESCRIPTION)
    cli.add_arguments(check)
    check.set_defaults(run=cli.run)
    chapters = commands.add_parser("chapters", prog=f"{APP_NAME} chapters",
                                   help="export or import chapter lists, regenerate quotable clips",
                                   description="Chapter lists and quotable clips of episode files.")
    chapters_cli.add_arguments(chapters)
    chapters.set_defaults(run=chapters_cli.run)
    # snap's own parser (editor.audio.cli) reads its words: building it here would load the audio libraries
    snap = commands.add_parser("snap", prog=f"{APP_NAME} snap", add_help=False,
                               help="move every timed line to the nearest speech start in the media",
                               description="Move every timed line to the nearest speech start in the media.")
    snap.add_argument("words", nargs=argparse.REMAINDER, help="EPISODE --media MEDIA [--max-shift S] [--dry-run]")
    snap.set_defaults(run=run_snap)
    parser.commands = {WINDOW_COMMAND: window, "check": check, "chapters": chapters, "snap": snap}  # by name
    return parser


def run_snap(args: argparse.Namespace) -> int:
    """`snap EPISODE --media MEDIA [--max-shift 2] [--dry-run]` (editor.audio.cli); returns the exit status."""
    from editor.audio import cli as snap_cli

    return snap_cli.main(args.words)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Parse and validate the command line; argparse exits with status 2 and a message on stderr if it is wrong.

    Without a subcommand the words are the window's (`transcript-editor FILE --media MEDIA`).
    """
    parser = build_parser()
    names = parser.commands
    if not argv or (argv[0] not in names and argv[0] not in ("-h", "--help")):
        argv = [WINDOW_COMMAND, *argv]
    if argv[0] == "snap":                     # all its words, options first too, go to its own parser
        return argparse.Namespace(command="snap", words=argv[1:], run=run_snap)
    args = parser.parse_args(argv)
    if args.command == WINDOW_COMMAND:
        window = names[WINDOW_COMMAND]
        if args.file is not None and not Path(args.file).is_file():
            window.error(f"no such file: {args.file}")
        if args.media is not None and not Path(args.media).is_file():
            window.error(f"no such media file: {args.media}")
        if args.screenshot is not None:
            folder = Path(args.screenshot).resolve().parent
            if not folder.is_dir():
                window.error(f"--screenshot: folder does not exist: {folder}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Entry point of `transcript-editor` and `python -m editor`; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    gc.disable()        # until the window's first paint: starting makes objects that live on, collecting frees none
    try:
        args = parse_arguments(argv)
    except SystemExit as exit_:
        gc.enable()
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.command != WINDOW_COMMAND:
        gc.enable()
        return args.run(args)
    try:
        return run_window(args)
    finally:
        gc.enable()


def run_window(args: argparse.Namespace) -> int:
    """Create the application and its window, open what the command line or last session asks for, run."""
    from PySide6.QtCore import QSettings, QStandardPaths, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from editor.document import DocumentError, Episode
    from editor.player import create_player
    from editor.ui.first_paint import AfterFirstPaint
    from editor.ui.main_window import MainWindow
    from editor.ui.safety.install import install_safety
    from editor.ui.settings import Settings, UiState

    if args.screenshot and args.file:
        try:
            Episode.load(args.file)
        except DocumentError as error:
            print(f"{APP_NAME}: cannot render {args.file}: {error}", file=sys.stderr)
            return 1

    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName("Transcript Editor")
    QApplication.setDesktopFileName(APP_NAME)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setWindowIcon(app_icon(QIcon))

    if args.screenshot:  # reproducible pictures that leave the user's settings, recent files and media alone
        scratch = tempfile.TemporaryDirectory(prefix=f"{APP_NAME}-screenshot-")
        store = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.IniFormat)
    else:
        store = QSettings(QSettings.IniFormat, QSettings.UserScope, APP_NAME, APP_NAME)
    settings = Settings(store)
    ui_state = UiState(store)
    backend = args.backend or (None if settings.backend == "auto" else settings.backend)
    player = create_player(backend, start_later=True)      # its media engine loads after the first paint
    window = MainWindow(settings, player)
    safety = None
    if not args.screenshot:  # before any file opens: journals, disk watching, backups and the read-only banner
        data_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
        safety = install_safety(window, settings, data_dir)
    if args.screenshot:
        window.resize(*SCREENSHOT_SIZE)
    elif not ui_state.restore(window):
        window.resize(*SCREENSHOT_SIZE)
    window.show()

    def after_first_paint():
        gc.enable()
        player.start_backend()
    AfterFirstPaint(window.table.viewport(), after_first_paint)
    QTimer.singleShot(GC_OFF_AT_MOST_MS, gc.enable)        # a window started minimised is not painted for a while

    open_startup_document(window, None if args.screenshot else settings.last_session(), args.file, args.media)
    if safety is not None:
        safety.offer_recovery()  # a crashed session's unsaved changes, shown with file, count and time

    if args.screenshot:
        status = take_screenshot(app, window, player, args.screenshot)
        player.shutdown()
        scratch.cleanup()
        return status

    def on_quit():
        ui_state.save(window)
        remember_session(window, settings, player)

    app.aboutToQuit.connect(on_quit)
    close_on_signals(app, window)
    try:
        return app.exec()
    finally:
        player.shutdown()


def close_on_signals(app, window) -> None:
    """Ctrl+C and SIGTERM close the window the normal way: unsaved changes are asked about, the session is kept."""
    from PySide6.QtCore import QTimer

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: window.close())
    wakeup = QTimer(app)  # Python runs signal handlers only between bytecodes, so wake it while Qt waits
    wakeup.timeout.connect(lambda: None)
    wakeup.start(200)


def app_icon(icon_class):
    """The app icon from resources/icons (SVG plus PNG sizes), or an empty icon when not installed beside us."""
    icon = icon_class()
    for path in sorted(ICONS.glob("transcript-editor*.*")):
        icon.addFile(str(path))
    return icon


def open_startup_document(window, session: dict | None, file=None, media=None) -> None:
    """Open FILE (with MEDIA, else the media found for it); with no FILE, the last session; else nothing."""
    if file is None and session and Path(session["file"]).is_file():
        file = session["file"]
        media = media or (session["media"] if session["media"] and Path(session["media"]).is_file() else None)
    else:
        session = None
    if file:
        window.open_file(file, media=media)  # looks the media up (remembered, or named like the episode) when None
    elif media:
        window.open_media(media)
    if session and window.episode is not None:
        restore_position(window, session)


def restore_position(window, session: dict) -> None:
    """Select the last session's row and put the playhead where it was (once the media has loaded)."""
    if 0 <= session["row"] < len(window.episode.entries):
        window.table.selectRow(session["row"])
        window.table.scrollTo(window.model.index(session["row"], 0))
    player, position = window.player, session["position_ms"]
    if player.media_path() is None or position <= 0:
        return
    if player.duration() > 0:
        player.seek(position)
        return

    def seek_once_loaded(_path):
        player.mediaLoaded.disconnect(seek_once_loaded)
        player.seek(position)

    player.mediaLoaded.connect(seek_once_loaded)


def remember_session(window, settings, player) -> None:
    """Store the open file, its media, the selected row and the playhead for the next start."""
    if window.episode is not None and window.episode.path is not None:
        settings.set_last_session(file=window.episode.path, media=player.media_path(),
                                  row=max(0, window.current_row()), position_ms=player.position())
    settings.sync()


def take_screenshot(app, window, player, png_path: str) -> int:
    """Wait for layout and (briefly) for the media's duration and waveform, then save the window as PNG."""
    analysed = []          # the timeline's analysis of the media ended: a waveform, or the reason there is none
    window.timeline.analysisReady.connect(lambda _result: analysed.append(True))
    window.timeline.analysisFailed.connect(lambda _message: analysed.append(True))
    deadline = time.monotonic() + SCREENSHOT_MEDIA_WAIT_MS / 1000
    while time.monotonic() < deadline:
        app.processEvents()
        if player.media_path() is None or (player.duration() > 0 and analysed):
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()
    if not window.grab().save(png_path, "PNG"):
        print(f"{APP_NAME}: could not write the screenshot {png_path}", file=sys.stderr)
        return 1
    return 0
