"""find_media on real files in a temporary folder."""
from editor.ui.playback.media_lookup import MEDIA_EXTENSIONS, find_media


def touch(path):
    path.write_bytes(b"\0")
    return path


def test_remembered_media_wins_when_it_exists(tmp_path):
    episode = touch(tmp_path / "ep.md")
    touch(tmp_path / "ep.mp3")
    (tmp_path / "elsewhere").mkdir()
    remembered = touch(tmp_path / "elsewhere" / "x.wav")
    assert find_media(episode, None, str(remembered)) == remembered


def test_missing_remembered_media_falls_back_to_the_slug(tmp_path):
    episode = touch(tmp_path / "ep.md")
    media = touch(tmp_path / "ep.m4a")
    assert find_media(episode, None, str(tmp_path / "gone.mp3")) == media


def test_each_extension_is_found_by_slug(tmp_path):
    for extension in MEDIA_EXTENSIONS:
        folder = tmp_path / extension
        folder.mkdir()
        episode = touch(folder / "my-episode.md")
        media = touch(folder / f"my-episode.{extension}")
        assert find_media(episode, None, None) == media


def test_slug_without_jekyll_date_prefix(tmp_path):
    episode = touch(tmp_path / "2021-03-04-bees-on-roofs.md")
    media = touch(tmp_path / "bees-on-roofs.mp3")
    assert find_media(episode, None, None) == media


def test_youtube_id_names_the_media(tmp_path):
    episode = touch(tmp_path / "ep.md")
    media = touch(tmp_path / "rOofT0pBe3s.webm")
    assert find_media(episode, "rOofT0pBe3s", None) == media


def test_slug_is_preferred_to_the_youtube_id(tmp_path):
    episode = touch(tmp_path / "ep.md")
    touch(tmp_path / "abc.mp4")
    slug_media = touch(tmp_path / "ep.ogg")
    assert find_media(episode, "abc", None) == slug_media


def test_nothing_found(tmp_path):
    episode = touch(tmp_path / "ep.md")
    touch(tmp_path / "ep.txt")
    (tmp_path / "ep.mp3").mkdir()
    assert find_media(episode, None, None) is None
    assert find_media(episode, "", None) is None
