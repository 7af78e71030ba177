"""download=True and the download helpers, against a local HTTP server on
127.0.0.1 (no other address is ever contacted: the mirrors are overridden)."""
import functools
import hashlib
import http.server
import io
import os
import tarfile
import threading

import numpy as np
import pytest

from nnlite.data.datasets import CIFAR10, CIFAR100
from nnlite.data.datasets import download as dl

from test_cifar import write_cifar10_binary, write_cifar100_binary


class Server:
    """Serves a folder on 127.0.0.1 (random port) from a thread and logs the paths asked for."""

    def __init__(self, folder):
        requests = self.requests = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                requests.append(self.path)
                super().do_GET()

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(Handler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture
def served(tmp_path):
    folder = tmp_path / "www"
    folder.mkdir()
    server = Server(folder)
    yield folder, server
    server.close()


def make_archive(src_root, folder_name, archive_path):
    with tarfile.open(archive_path, "w:gz") as tar:
        tar.add(src_root / folder_name, arcname=folder_name)
    return hashlib.md5(archive_path.read_bytes()).hexdigest()


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_cifar10_download_verify_extract_and_skip(tmp_path, served, monkeypatch):
    www, server = served
    (x, y), _ = write_cifar10_binary(tmp_path / "src")
    md5 = make_archive(tmp_path / "src", "cifar-10-batches-bin", www / "cifar-10-binary.tar.gz")
    # A first mirror that answers 404: the next one is tried.
    monkeypatch.setattr(CIFAR10, "mirrors", [server.url + "missing/", server.url])
    monkeypatch.setattr(CIFAR10, "archive_md5", md5)
    root = tmp_path / "data"
    ds = CIFAR10(root, download=True)
    np.testing.assert_array_equal(ds.data.numpy(), x)
    np.testing.assert_array_equal(ds.targets.numpy(), y)
    assert server.requests == ["/missing/cifar-10-binary.tar.gz", "/cifar-10-binary.tar.gz"]
    assert leftovers(root) == ["cifar-10-batches-bin", "cifar-10-binary.tar.gz"]  # no .part, no temp folder
    # Present and valid: nothing is fetched again.
    CIFAR10(root, download=True, train=False)
    assert len(server.requests) == 2
    # Files gone but a verified archive there: extracted again without fetching.
    for f in (root / "cifar-10-batches-bin").iterdir():
        f.unlink()
    assert len(CIFAR10(root, download=True)) == len(ds)
    assert len(server.requests) == 2


def test_cifar100_download(tmp_path, served, monkeypatch):
    www, server = served
    (x, (coarse, fine)), _ = write_cifar100_binary(tmp_path / "src")
    md5 = make_archive(tmp_path / "src", "cifar-100-binary", www / "cifar-100-binary.tar.gz")
    monkeypatch.setattr(CIFAR100, "mirrors", [server.url])
    monkeypatch.setattr(CIFAR100, "archive_md5", md5)
    ds = CIFAR100(tmp_path / "data", download=True)
    np.testing.assert_array_equal(ds.targets.numpy(), fine)
    np.testing.assert_array_equal(ds.coarse_targets.numpy(), coarse)


def test_checksum_mismatch_leaves_nothing(tmp_path, served, monkeypatch):
    www, server = served
    write_cifar10_binary(tmp_path / "src")
    make_archive(tmp_path / "src", "cifar-10-batches-bin", www / "cifar-10-binary.tar.gz")
    monkeypatch.setattr(CIFAR10, "mirrors", [server.url])
    monkeypatch.setattr(CIFAR10, "archive_md5", "0" * 32)
    root = tmp_path / "data"
    with pytest.raises(ValueError, match="checksum mismatch.*md5 .*expected 0{32}"):
        CIFAR10(root, download=True)
    assert server.requests == ["/cifar-10-binary.tar.gz"]
    assert leftovers(root) == []


def test_download_file_sha256_and_network_errors(tmp_path, served):
    www, server = served
    payload = os.urandom(3000)
    (www / "blob.bin").write_bytes(payload)
    dest = tmp_path / "out" / "blob.bin"
    dl.download_file(server.url + "blob.bin", dest, sha256=hashlib.sha256(payload).hexdigest())
    assert dest.read_bytes() == payload
    assert dl.check_integrity(dest, md5=hashlib.md5(payload).hexdigest())
    assert not dl.check_integrity(dest, md5="0" * 32)
    with pytest.raises(ValueError, match="sha256"):
        dl.download_file(server.url + "blob.bin", tmp_path / "o2" / "b", sha256="f" * 64)
    assert leftovers(tmp_path / "o2") == []
    with pytest.raises(OSError):
        dl.download_file(server.url + "absent.bin", tmp_path / "o3" / "b", md5="0" * 32)
    assert leftovers(tmp_path / "o3") == []
    with pytest.raises(OSError, match="every mirror failed"):
        dl.download_and_extract([server.url + "nope/"], "x.tar.gz", tmp_path / "o4", md5="0" * 32)
    with pytest.raises(ValueError, match="exactly one"):
        dl.download_file(server.url + "blob.bin", tmp_path / "o5" / "b")


def tar_with(members):
    """A tar.gz (bytes) with the given TarInfo members (files get a few bytes)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for info in members:
            data = b"abc" if info.isfile() else None
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


def member(name, kind=tarfile.REGTYPE, target=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


@pytest.mark.parametrize("bad,message", [
    (member("/etc/evil"), "absolute path"),
    (member("../evil"), "leaves the target folder"),
    (member("ok/../../evil"), "leaves the target folder"),
    (member("link", tarfile.SYMTYPE, "/etc/passwd"), "link or device"),
    (member("hard", tarfile.LNKTYPE, "ok/a"), "link or device"),
    (member("dev", tarfile.CHRTYPE), "link or device"),
])
def test_extract_rejects_unsafe_members(tmp_path, bad, message):
    archive = tmp_path / "a.tar.gz"
    archive.write_bytes(tar_with([member("ok/a"), bad]))
    dest = tmp_path / "dest"
    with pytest.raises(ValueError, match=message):
        dl.extract_tar(archive, dest)
    assert leftovers(dest) == []  # nothing extracted, not even the safe member
    assert not (tmp_path / "evil").exists()


def test_extract_good_and_corrupt_archives(tmp_path):
    archive = tmp_path / "a.tar.gz"
    archive.write_bytes(tar_with([member("top/sub/f"), member("top/g"), member("other")]))
    assert dl.extract_tar(archive, tmp_path / "d") == ["other", "top"]
    assert (tmp_path / "d" / "top" / "sub" / "f").read_bytes() == b"abc"
    archive.write_bytes(archive.read_bytes()[:40])
    with pytest.raises(ValueError, match="corrupt or truncated|not a readable tar"):
        dl.extract_tar(archive, tmp_path / "e")
    (tmp_path / "junk").write_bytes(b"not a tar at all")
    with pytest.raises(ValueError, match="not a readable tar"):
        dl.extract_tar(tmp_path / "junk", tmp_path / "f")


def test_official_addresses_are_the_defaults():
    assert CIFAR10.mirrors[0] + CIFAR10.archive == "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"
    assert CIFAR10.archive_md5 == "c32a1d4ab5d03f1284b67883e8d87530"
    assert CIFAR100.mirrors[0] + CIFAR100.archive == "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"
    assert CIFAR100.archive_md5 == "03b5dce01913d631647c71ecec9e9cb8"
