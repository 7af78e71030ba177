"""ImageFolder: class-per-directory images decoded with Pillow (optional)."""
import sys

import numpy as np
import pytest

import nnlite
from nnlite.data import DataLoader
from nnlite.data import transforms as T
from nnlite.data.datasets import ImageFolder


def save(path, array):
    Image = pytest.importorskip("PIL.Image")
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(array).save(path)


@pytest.fixture
def tree(tmp_path):
    """root/{zebra,cat,dog}/..., PNG and BMP images (lossless), plus files to ignore."""
    rng = np.random.default_rng(0)
    arrays = {}
    for cls, names in (("zebra", ["z1.png"]), ("cat", ["b.png", "a.bmp", "sub/c.png"]), ("dog", ["d.PNG"])):
        for name in names:
            a = rng.integers(0, 256, (6 + len(name), 5, 3), dtype=np.uint8)
            save(tmp_path / "root" / cls / name, a)
            arrays[str(tmp_path / "root" / cls / name)] = a
    (tmp_path / "root" / "cat" / "notes.txt").write_text("not an image")
    (tmp_path / "root" / "README").write_text("a file at the top level is not a class")
    return tmp_path / "root", arrays


def test_classes_samples_and_decoding(tree):
    root, arrays = tree
    ds = ImageFolder(root)
    assert ds.classes == ["cat", "dog", "zebra"]
    assert ds.class_to_idx == {"cat": 0, "dog": 1, "zebra": 2}
    names = [p[len(str(root)) + 1:] for p, _ in ds.samples]
    assert names == ["cat/a.bmp", "cat/b.png", "cat/sub/c.png", "dog/d.PNG", "zebra/z1.png"]
    assert ds.targets == [0, 0, 0, 1, 2] and len(ds) == 5
    img, label = ds[3]
    assert img.mode == "RGB" and label == 1
    np.testing.assert_array_equal(np.asarray(img), arrays[ds.samples[3][0]])
    x, _ = ImageFolder(root, transform=T.ToTensor())[0]
    np.testing.assert_allclose(x.numpy(), arrays[ds.samples[0][0]].transpose(2, 0, 1) / 255.0, rtol=1e-6)
    gray = root / "dog" / "gray.png"
    save(gray, np.full((4, 4), 7, np.uint8))
    assert np.asarray(ImageFolder(root)[4][0]).shape == (4, 4, 3)  # converted to RGB


def test_loader_with_random_transforms_is_reproducible(tree):
    root, _ = tree
    ds = ImageFolder(root, transform=T.Compose([T.RandomResizedCrop(8), T.RandomHorizontalFlip(), T.ToTensor(),
                                                 T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))]),
                     target_transform=lambda y: y * 10)

    def run(workers):
        g = nnlite.Generator()
        g.manual_seed(2)
        return [(x.numpy(), y.tolist()) for x, y in DataLoader(ds, batch_size=2, shuffle=True, generator=g,
                                                               num_workers=workers)]

    a, b = run(0), run(2)
    assert [tuple(x.shape) for x, _ in a] == [(2, 3, 8, 8), (2, 3, 8, 8), (1, 3, 8, 8)]
    assert sorted(sum((y for _, y in a), [])) == [0, 0, 0, 10, 20]
    for (xa, ya), (xb, yb) in zip(a, b):
        np.testing.assert_array_equal(xa, xb)
        assert ya == yb


def test_errors(tree, tmp_path):
    root, _ = tree
    with pytest.raises(FileNotFoundError, match="does not exist"):
        ImageFolder(tmp_path / "missing")
    (tmp_path / "flat").mkdir()
    with pytest.raises(FileNotFoundError, match="no class folders"):
        ImageFolder(tmp_path / "flat")
    (root / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="empty"):
        ImageFolder(root)
    ds = ImageFolder(root, allow_empty=True)
    assert "empty" in ds.classes and len(ds) == 5
    (root / "zebra" / "broken.png").write_bytes(b"\x89PNG not really")
    ds = ImageFolder(root, allow_empty=True)
    broken = [i for i, (p, _) in enumerate(ds.samples) if p.endswith("broken.png")][0]
    with pytest.raises(ValueError, match="cannot decode.*broken.png"):
        ds[broken]
    with pytest.raises(IndexError):
        ds[len(ds)]
    with pytest.raises(TypeError, match="transform"):
        ImageFolder(root, transform="x")


def test_custom_loader_and_is_valid_file(tree):
    root, _ = tree
    ds = ImageFolder(root, loader=lambda p: p, is_valid_file=lambda p: p.endswith(".txt"), allow_empty=True)
    assert [p.rsplit("/", 1)[1] for p, _ in ds.samples] == ["notes.txt"]
    assert ds[0][0].endswith("notes.txt")


def test_missing_pillow_gives_a_clear_message(tree, monkeypatch):
    root, _ = tree
    for name in [m for m in sys.modules if m == "PIL" or m.startswith("PIL.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "PIL", None)  # makes `import PIL` fail
    with pytest.raises(ImportError, match="pip install pillow"):
        ImageFolder(root)
    assert len(ImageFolder(root, loader=lambda p: p)) == 5  # a custom loader needs no Pillow
