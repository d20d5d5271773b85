"""The live SQLite projection file runs with `synchronous=OFF`, and this marker says when that
is safe.

Without syncing, SQLite stays whole when the *process* dies (every write is already in the
operating system's cache), but not when the *machine* does: a checkpoint copies WAL pages into
the file, the WAL is rewound and overwritten, and pages that never reached the disk are lost.
The projections are derived from the log, so a machine crash costs a catch-up from position 0,
never a wrong answer:

* on open, `<file>.unsynced` is written (and fsynced) with the kernel's boot id before the first
  write;
* on a clean close, the file (and its WAL) is fsynced and only then the marker removed;
* a marker from **another** boot means the machine went down while the file held unsynced
  writes: the file is discarded and the follower rebuilds it from the log. A marker from this
  boot means only the process died, and the file is kept.

Syncing cost the live store ~40 % of its page-apply time, and its checkpoints' fsyncs stalled
the ingest service's commits on the same disk (bench/README.md). Where the boot id cannot be
read (not Linux), or the marker cannot be written (a full disk), the store syncs as before
(`synchronous=NORMAL`).
"""

from __future__ import annotations

import contextlib
import os

SUFFIX = ".unsynced"
BOOT_ID = "/proc/sys/kernel/random/boot_id"


def boot_id() -> str | None:
    """This boot's id (Linux), or None where there is none to read."""
    try:
        with open(BOOT_ID, encoding="ascii") as f:
            return f.read().strip() or None
    except OSError:
        return None


def fsync_path(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _directory(path: str) -> str:
    return os.path.dirname(path) or "."


def lost(path: str, boot: str) -> bool:
    """True when `path` may have lost writes: marked unsynced by another boot (or unreadably)."""
    try:
        with open(path + SUFFIX, encoding="ascii") as f:
            return f.read().strip() != boot
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError):
        return True


def mark(path: str, boot: str) -> None:
    """Before the first unsynced write: the marker, durably."""
    with open(path + SUFFIX, "w", encoding="ascii") as f:
        f.write(boot + "\n")
        f.flush()
        os.fsync(f.fileno())
    fsync_path(_directory(path))


def clear(path: str) -> None:
    """After the last connection closed: the file and its WAL to disk, then no marker."""
    if not os.path.exists(path + SUFFIX):
        return
    for name in (path, path + "-wal"):
        with contextlib.suppress(FileNotFoundError):
            fsync_path(name)
    os.remove(path + SUFFIX)
    fsync_path(_directory(path))
