"""Writing files so that a crash never leaves a half-written one."""
from __future__ import annotations

import fcntl
import itertools
import os
import re
import time

_counter = itertools.count()
# The temporary's tag, as the C++ AtomicFile (nnlite.save) writes it:
# <pid>-<counter>-<hex clock>-<attempt>.
_TAG = re.compile(r"[0-9]+-[0-9]+-[0-9a-f]+-[0-9]+")


def _prefix(base):
    return f".{base[:150]}."


def _remove_stale_temps(directory, base):
    """Remove the temporaries of ``base`` that no live writer holds locked
    (a writer keeps an flock on its temporary until the rename), i.e. those
    of killed saves. Best effort, like nnlite.save's own cleanup."""
    prefix = _prefix(base)
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".tmp") and _TAG.fullmatch(name[len(prefix):-4])):
            continue
        path = os.path.join(directory, name)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(path)
        except OSError:
            pass
        finally:
            os.close(fd)


def _create_locked_temp(directory, base):
    for attempt in range(100):
        tmp = os.path.join(directory, f"{_prefix(base)}{os.getpid()}-{next(_counter)}-{time.monotonic_ns():x}-{attempt}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            continue
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink > 0:
            return fd, tmp
        os.close(fd)  # another save's cleanup removed it between open and flock
    raise FileExistsError(f"cannot create a temporary file in '{directory}' for '{base}'")


def write_atomically(path, write) -> None:
    """Call ``write(file)`` on a temporary file beside ``path``, flush it to
    disk, then rename it over ``path``; on any error remove the temporary.
    Temporaries that killed saves of ``path`` left are removed first.
    (nnlite.save does the same in C++; this is for the formats written in
    Python, such as ONNX.)"""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    base = os.path.basename(path)
    _remove_stale_temps(directory, base)
    fd, tmp = _create_locked_temp(directory, base)
    f = os.fdopen(fd, "wb")
    try:
        with f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
            os.replace(tmp, path)  # before the close: the lock guards the file until it is renamed
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
