"""Fetch, verify and unpack dataset archives.

* ``download_file`` streams a URL into a temporary file next to the target,
  hashing as it goes, and renames it into place only when the MD5/SHA-256
  matches; on any failure the temporary file is removed, so a target that
  exists is always complete and verified.
* ``extract_tar`` refuses members with absolute paths, ``..`` components,
  links or device files, checks every member before writing anything, and
  extracts into a temporary folder that is then moved into place.
* ``download_and_extract`` tries a list of mirrors in order and skips the
  download when a verified archive is already there.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

_CHUNK = 1 << 20


def _hasher(md5=None, sha256=None):
    if (md5 is None) == (sha256 is None):
        raise ValueError("download: give exactly one of md5 and sha256")
    return (hashlib.md5(usedforsecurity=False), md5.lower(), "md5") if md5 is not None else \
        (hashlib.sha256(), sha256.lower(), "sha256")


def file_digest(path, algorithm="md5") -> str:
    """Hex digest of a file, read in chunks."""
    h = hashlib.md5(usedforsecurity=False) if algorithm == "md5" else hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def check_integrity(path, md5=None, sha256=None) -> bool:
    """True when ``path`` is a file whose checksum matches."""
    if not os.path.isfile(path):
        return False
    _, want, algorithm = _hasher(md5, sha256)
    return file_digest(path, algorithm) == want


def download_file(url: str, dest, md5=None, sha256=None, timeout: float = 60.0):
    """Download ``url`` to ``dest`` and verify its checksum.

    Raises ValueError on a checksum mismatch and OSError (urllib.error.URLError
    included) on network errors; in both cases nothing is left at ``dest`` or
    beside it.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    h, want, algorithm = _hasher(md5, sha256)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            for chunk in iter(lambda: response.read(_CHUNK), b""):
                h.update(chunk)
                out.write(chunk)
        got = h.hexdigest()
        if got != want:
            raise ValueError(f"download: checksum mismatch for {url}: {algorithm} {got}, expected {want}; the "
                             "downloaded file was deleted")
        os.replace(tmp, dest)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return dest


def _safe_member_path(member: tarfile.TarInfo, archive) -> str:
    name = member.name.replace("\\", "/")
    norm = posixpath.normpath(name)
    if name.startswith("/") or os.path.isabs(member.name) or (len(name) > 1 and name[1] == ":"):
        raise ValueError(f"extract: '{archive}' has a member with an absolute path: '{member.name}'")
    if ".." in name.split("/") or norm == ".." or norm.startswith("../"):
        raise ValueError(f"extract: '{archive}' has a member that leaves the target folder: '{member.name}'")
    if not (member.isfile() or member.isdir()):
        raise ValueError(f"extract: '{archive}' has a member that is not a regular file or folder "
                         f"(link or device): '{member.name}'")
    return norm


def extract_tar(archive, dest_dir):
    """Extract a (possibly compressed) tar archive into ``dest_dir`` safely.

    Top-level entries of the archive replace same-named entries of
    ``dest_dir``. Returns the list of top-level names.
    """
    archive, dest_dir = Path(archive), Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    try:
        tar = tarfile.open(archive, "r:*")
    except (tarfile.TarError, OSError, EOFError) as e:
        raise ValueError(f"extract: '{archive}' is not a readable tar archive: {e}") from None
    tmp = Path(tempfile.mkdtemp(prefix=".extract-", dir=dest_dir))
    try:
        with tar:
            try:
                members = tar.getmembers()
                tops = sorted({_safe_member_path(m, archive).split("/")[0] for m in members} - {"."})
                for m in members:
                    if m.isdir():
                        (tmp / _safe_member_path(m, archive)).mkdir(parents=True, exist_ok=True)
                        continue
                    target = tmp / _safe_member_path(m, archive)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    src = tar.extractfile(m)
                    with src, open(target, "wb") as out:
                        shutil.copyfileobj(src, out, _CHUNK)
            except (tarfile.TarError, EOFError, OSError) as e:
                raise ValueError(f"extract: '{archive}' is corrupt or truncated: {e}") from None
        for top in tops:
            final = dest_dir / top
            if final.is_dir() and not final.is_symlink():
                shutil.rmtree(final)
            elif final.exists() or final.is_symlink():
                final.unlink()
            os.replace(tmp / top, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tops


def download_and_extract(mirrors, filename: str, dest_dir, md5=None, sha256=None, timeout: float = 60.0):
    """Make sure ``dest_dir/filename`` is a verified archive (downloading it from
    the first mirror that works, each mirror a URL prefix), then extract it into
    ``dest_dir``. Errors of every mirror are reported when all fail."""
    dest_dir = Path(dest_dir)
    archive = dest_dir / filename
    if not check_integrity(archive, md5, sha256):
        errors = []
        for mirror in mirrors:
            url = mirror if mirror.endswith(filename) else mirror.rstrip("/") + "/" + filename
            try:
                download_file(url, archive, md5=md5, sha256=sha256, timeout=timeout)
                break
            except ValueError as e:  # checksum mismatch: try the next mirror
                errors.append(e)
            except (OSError, urllib.error.URLError) as e:
                errors.append(OSError(f"download: cannot fetch {url}: {e}"))
        else:
            if errors and all(isinstance(e, ValueError) for e in errors):
                raise ValueError("; ".join(str(e) for e in errors))
            raise OSError("download: every mirror failed: " + "; ".join(str(e) for e in errors)
                          if errors else "download: no mirror given")
    return extract_tar(archive, dest_dir)


def fetch_first(urls, dest, owner: str, timeout: float = 60.0):
    """Fetch the first of ``urls`` that answers into ``dest`` (no published checksum:
    the caller's parser validates the file). Nothing is left behind on failure; when
    every URL fails the OSError names them and where to put the file by hand."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    errors = []
    for url in urls:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
                for chunk in iter(lambda: response.read(_CHUNK), b""):
                    out.write(chunk)
            os.replace(tmp, dest)
            return dest
        except (OSError, urllib.error.URLError) as e:
            errors.append(f"{url} ({e})")
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    raise OSError(f"{owner}: cannot download {dest.name}: tried " + "; ".join(errors)
                  + f". Without a network, download it by hand and put it at '{dest}'")
