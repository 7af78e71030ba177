"""Load IDX files (raw or gzip-compressed) into tensors through the C++ parser."""
from __future__ import annotations

import gzip
import os
import zlib

import nnlite


def parse_idx(data: bytes, name: str = "<bytes>") -> "nnlite.Tensor":
    """Parse the bytes of an uncompressed IDX file (ValueError if malformed)."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"parse_idx: data must be bytes, got {type(data).__name__}")
    return nnlite._C.parse_idx(bytes(data), name)


def decompress(data: bytes, name: str) -> bytes:
    """gunzip ``data``, turning any corrupt or truncated stream into ValueError."""
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as e:
        raise ValueError(f"load_idx: '{name}' is not a valid gzip file: {e}") from None


def load_idx(path) -> "nnlite.Tensor":
    """Read an IDX file; a name ending in .gz is decompressed first."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"load_idx: no such file: '{path}'")
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".gz"):
        data = decompress(data, path)
    return parse_idx(data, path)
