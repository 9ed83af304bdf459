"""Atomic file writing: temp file in the same folder, fsync, rename, permissions kept."""
import hashlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import SaveError


def digest(data: bytes) -> bytes:
    """A fingerprint of file contents, to notice changes on disk."""
    return hashlib.blake2b(data, digest_size=20).digest()


def fingerprint(data: bytes) -> str:
    """digest() as hex text, for file names and JSON."""
    return digest(data).hex()


def holds(path, expected: bytes, chunk: int = 1 << 20) -> bool | None:
    """Whether the file's bytes are exactly `expected`, None when it cannot be read.

    Read in chunks into one buffer and compared in place, stopping at the first difference: no copy of the file.
    """
    try:
        with open(path, "rb", buffering=0) as handle:
            if os.fstat(handle.fileno()).st_size != len(expected):
                return False
            buffer = bytearray(chunk)
            window, position = memoryview(buffer), 0
            while True:
                count = handle.readinto(buffer)
                if not count:
                    return position == len(expected)
                if not expected.startswith(window[:count], position):
                    return False
                position += count
    except OSError:
        return None


def _new_file_mode() -> int:
    """Permissions of a new file under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never a partial one."""
    target = Path(os.path.realpath(path))
    temp = None
    try:
        old = target.stat() if target.exists() else None
        if old is not None and not os.access(target, os.W_OK):
            raise SaveError("cannot write: the file is read-only", path)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(old.st_mode) if old is not None else _new_file_mode())
        if old is not None and hasattr(os, "chown"):
            try:
                os.chown(temp, old.st_uid, old.st_gid)    # keep the owner where allowed (root, same user)
            except OSError:
                pass
        os.replace(temp, target)
        temp = None
        _sync_folder(target.parent)
    except OSError as exc:
        raise SaveError(f"cannot write: {exc.strerror or exc}", path) from None
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass


def write_atomically(path, data: bytes) -> None:
    """Write `data` to `path` like write_atomic, creating its folder first; failures raise OSError."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except SaveError as error:
        raise OSError(str(error)) from None


def _sync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
