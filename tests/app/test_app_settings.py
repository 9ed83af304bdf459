"""Settings and UiState round-trip through a real ini file."""
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QTableWidget, QTextEdit

from editor.ui.settings import MAX_RECENT_FILES, PREFERENCES, Settings, UiState


def make_store(tmp_path):
    return QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)


def test_defaults_come_from_the_declaration_table(tmp_path):
    settings = Settings(make_store(tmp_path))
    for name, kind, default in PREFERENCES:
        value = getattr(settings, name)
        assert value == default and type(value) is kind
    assert settings.follow_playback is True and settings.rate == 1.0 and settings.volume == 80
    assert settings.backend == "auto" and settings.backup_mode == "datadir"


def test_preferences_round_trip_typed_through_the_file(tmp_path):
    settings = Settings(make_store(tmp_path))
    settings.follow_playback = False
    settings.rate = 1.3
    settings.volume = 42
    settings.backend = "qt"
    settings.resume_rewind_ms = 500
    settings.sync()
    again = Settings(make_store(tmp_path))
    assert again.follow_playback is False
    assert again.rate == 1.3 and isinstance(again.rate, float)
    assert again.volume == 42 and isinstance(again.volume, int)
    assert again.backend == "qt" and again.resume_rewind_ms == 500
    assert "follow_playback=false" in (tmp_path / "s.ini").read_text()


def test_a_garbled_value_falls_back_to_the_default(tmp_path):
    (tmp_path / "s.ini").write_text("[preferences]\nvolume=loud\n")
    assert Settings(make_store(tmp_path)).volume == 80


def test_recent_files_most_recent_first_deduplicated_and_capped(tmp_path):
    settings = Settings(make_store(tmp_path))
    files = [tmp_path / f"e{i}.md" for i in range(MAX_RECENT_FILES + 3)]
    for path in files:
        path.write_text("---\n---\n")
        settings.add_recent_file(path)
    settings.add_recent_file(files[5])
    settings.sync()
    recent = Settings(make_store(tmp_path)).recent_files()
    assert len(recent) == MAX_RECENT_FILES
    assert recent[0] == str(files[5])
    assert recent[1] == str(files[-1])
    assert len(set(recent)) == len(recent)


def test_recent_files_drop_missing_files_and_a_single_entry_survives(tmp_path):
    settings = Settings(make_store(tmp_path))
    kept, gone = tmp_path / "kept.md", tmp_path / "gone.md"
    kept.write_text("x")
    gone.write_text("x")
    settings.add_recent_file(kept)
    settings.sync()
    assert Settings(make_store(tmp_path)).recent_files() == [str(kept)]
    settings.add_recent_file(gone)
    gone.unlink()
    assert settings.recent_files() == [str(kept)]
    settings.clear_recent_files()
    assert settings.recent_files() == []


def test_media_is_remembered_per_episode(tmp_path):
    settings = Settings(make_store(tmp_path))
    episode = tmp_path / "sub" / ".." / "ep.md"
    settings.remember_media(episode, tmp_path / "ep.mp3")
    settings.remember_media(tmp_path / "other.md", tmp_path / "other.m4a")
    settings.sync()
    again = Settings(make_store(tmp_path))
    assert again.media_for(tmp_path / "ep.md") == str(tmp_path / "ep.mp3")
    assert again.media_for(tmp_path / "other.md") == str(tmp_path / "other.m4a")
    assert again.media_for(tmp_path / "unknown.md") is None
    again.remember_media(tmp_path / "ep.md", None)
    assert again.media_for(tmp_path / "ep.md") is None


def test_last_session_round_trip_and_clear(tmp_path):
    settings = Settings(make_store(tmp_path))
    assert settings.last_session() is None
    settings.set_last_session(file=tmp_path / "ep.md", media=tmp_path / "ep.mp3", row=7, position_ms=12345)
    settings.set_last_session(row=9)
    settings.sync()
    session = Settings(make_store(tmp_path)).last_session()
    assert session == {"file": str(tmp_path / "ep.md"), "media": str(tmp_path / "ep.mp3"),
                       "row": 9, "position_ms": 12345}
    settings.set_last_session(media=None)
    assert settings.last_session()["media"] is None
    settings.set_last_session(file=None)
    assert settings.last_session() is None


def test_ui_state_is_kept_apart_from_preferences(tmp_path, qtbot):
    store = make_store(tmp_path)
    settings = Settings(store)
    settings.volume = 10
    UiState(store).save(build_window(qtbot))
    store.sync()
    text = (tmp_path / "s.ini").read_text()
    assert "[ui]" in text and "[preferences]" in text
    assert Settings(make_store(tmp_path)).volume == 10


def build_window(qtbot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    splitter = QSplitter(Qt.Vertical)
    splitter.setObjectName("main_splitter")
    table = QTableWidget(3, 3)
    table.setObjectName("transcript")
    splitter.addWidget(QTextEdit())
    splitter.addWidget(table)
    window.setCentralWidget(splitter)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_ui_state_restores_geometry_splitter_and_column_widths(tmp_path, qtbot):
    window = build_window(qtbot)
    window.resize(700, 500)
    splitter = window.findChild(QSplitter, "main_splitter")
    splitter.setSizes([100, 380])
    table = window.findChild(QTableWidget, "transcript")
    for column, width in enumerate((61, 123, 207)):
        table.horizontalHeader().resizeSection(column, width)
    sizes = splitter.sizes()
    UiState(make_store(tmp_path)).save(window)

    other = build_window(qtbot)
    assert UiState(make_store(tmp_path)).restore(other)
    assert (other.width(), other.height()) == (700, 500)
    assert other.findChild(QSplitter, "main_splitter").sizes() == sizes
    header = other.findChild(QTableWidget, "transcript").horizontalHeader()
    assert [header.sectionSize(c) for c in range(3)] == [61, 123, 207]


def test_ui_state_restore_without_saved_state_changes_nothing(tmp_path, qtbot):
    window = build_window(qtbot)
    assert UiState(make_store(tmp_path)).restore(window) is False
    assert (window.width(), window.height()) == (800, 600)
