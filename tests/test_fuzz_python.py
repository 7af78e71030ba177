"""The atheris harnesses' seed corpora and saved crash inputs replay through
the same entry points (fuzz/python/targets.py), without atheris: every
input loads or raises ValueError, nothing else. The seeds are also checked to
be valid files (they must load, or the fuzzer starts from noise)."""
import importlib.util
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[1] / "fuzz" / "python"
if not FUZZ.is_dir():
    pytest.skip("no fuzz/python beside the tests", allow_module_level=True)
pytest.importorskip("PIL")

_spec = importlib.util.spec_from_file_location("nnlite_fuzz_targets", FUZZ / "targets.py")
targets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(targets)


def _inputs(kind):
    return [(name, p) for name in sorted(targets.TARGETS)
            for p in sorted((FUZZ / kind / name).glob("*")) if p.is_file()]


SEEDS = _inputs("seeds")


def test_every_target_has_seeds():
    assert {name for name, _ in SEEDS} == set(targets.TARGETS)


@pytest.mark.parametrize("name,path", SEEDS + _inputs("crashes"), ids=lambda v: getattr(v, "name", v))
def test_replay(name, path):
    targets.TARGETS[name](path.read_bytes())


@pytest.mark.parametrize("name,path", SEEDS, ids=lambda v: getattr(v, "name", v))
def test_seeds_are_valid(name, path, monkeypatch):
    from nnlite.data.datasets import safe_pickle
    from nnlite.data.datasets.imagefolder import pil_loader
    if name == "safe_pickle":
        assert isinstance(safe_pickle.loads(path.read_bytes(), path.name), dict)
    else:
        assert pil_loader(path).size == (5, 6)


def test_a_wrong_exception_is_a_finding(monkeypatch):
    # The replay must be able to fail: an unpickler error other than
    # ValueError propagates out of the entry point.
    def broken(data, name):
        raise KeyError("boom")
    monkeypatch.setattr(targets.safe_pickle, "loads", broken)
    with pytest.raises(KeyError):
        targets.safe_pickle_one(b"\x80\x02N.")


def test_decompression_bomb_is_a_value_error(tmp_path):
    # atheris found a 150-byte BMP claiming 12.9 billion pixels: Pillow's
    # DecompressionBombError escaped ImageFolder instead of a ValueError.
    from nnlite.data.datasets.imagefolder import ImageFolder
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.bmp").write_bytes((FUZZ / "crashes" / "imagefolder" / "bmp_decompression_bomb").read_bytes())
    with pytest.raises(ValueError, match=r"ImageFolder: cannot decode .*x\.bmp.*decompression bomb"):
        ImageFolder(str(tmp_path))[0]


def test_a_warned_size_is_refused_too(tmp_path, monkeypatch):
    # Between MAX_IMAGE_PIXELS and twice it Pillow only warns and decodes.
    from PIL import Image
    from nnlite.data.datasets.imagefolder import pil_loader
    Image.new("RGB", (8, 8)).save(tmp_path / "x.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 40)
    with pytest.raises(ValueError, match=r"ImageFolder: cannot decode"):
        pil_loader(tmp_path / "x.png")
