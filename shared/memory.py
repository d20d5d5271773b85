"""What glibc's allocator keeps after a burst of large requests, and how it is made to give back.

Two glibc behaviours keep memory a process has freed (measured in bench/README.md § Memory):

* the mmap threshold is dynamic: once a block bigger than 128 KiB (a 256 KiB socket read, a
  16 MiB body) is freed, glibc raises the threshold past it, and every later block of that size
  comes from the heap, where freed space is kept for reuse instead of returned;
* each thread that allocates gets an arena of its own (up to eight per core), each keeping its
  free space — a batch decoded in a worker thread leaves its arena full of it.

`tune()` fixes the mmap threshold (large blocks always mapped, unmapped when freed) and caps
the arenas at two; `trim()` hands the free pages of every arena back (malloc_trim), after the
large bodies (services/ingest/bodies.py). Elsewhere than glibc both do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8
MMAP_THRESHOLD = 128 * 1024  # glibc's default starting point, kept fixed
ARENA_MAX = 2


def _libc():
    if platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


_LIBC = _libc()


def tune() -> bool:
    """Set the allocator's options for this process (before its threads start); → whether set."""
    if _LIBC is None:
        return False
    ok = _LIBC.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
    ok &= _LIBC.mallopt(_M_TRIM_THRESHOLD, 2 * MMAP_THRESHOLD) == 1
    return bool(ok & (_LIBC.mallopt(_M_ARENA_MAX, ARENA_MAX) == 1))


def trim() -> None:
    """Return every arena's free pages to the operating system (a few ms; call it off the loop)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
