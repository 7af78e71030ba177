"""Writing files so that a crash never leaves a half-written one."""
from __future__ import annotations

import os
import tempfile


def write_atomically(path, write) -> None:
    """Call ``write(file)`` on a temporary file beside ``path``, flush it to
    disk, then rename it over ``path``; on any error remove the temporary.
    (nnlite.save does the same in C++; this is for the formats written in
    Python, such as ONNX.)"""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
