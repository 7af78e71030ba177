"""torchvision-like transforms (Resize, Grayscale, ColorJitter, RandomRotation,
RandomAffine) against PIL and hand-computed references, and nnlite.save/load
with file objects, pathlib paths, NumPy arrays, module refusal and torch's
load arguments."""
import io
import pathlib

import numpy as np
import pytest

import nnlite
from nnlite.data import transforms as T

Image = pytest.importorskip("PIL.Image")


def _image(h=9, w=12, seed=0):
    a = np.random.default_rng(seed).integers(0, 256, (h, w, 3), dtype=np.uint8)
    return a, Image.fromarray(a), nnlite.tensor(a.transpose(2, 0, 1).copy())


def test_resize_smaller_edge_keeps_aspect_and_matches_pil():
    a, im, t = _image()
    assert T.Resize(6)(im).size == (8, 6)
    assert tuple(T.Resize(6)(t).shape) == (3, 6, 8)
    assert tuple(T.Resize((4, 5))(t).shape) == (3, 4, 5)
    ref = np.asarray(im.resize((5, 4), Image.BILINEAR))
    assert np.array_equal(np.asarray(T.Resize((4, 5))(im)), ref)
    with pytest.raises(ValueError, match="Resize"):
        T.Resize(0)


def test_grayscale_is_pil_luma():
    a, im, t = _image()
    ref = np.asarray(im.convert("L")).astype(int)
    got = T.Grayscale()(t).numpy()
    assert got.shape == (1, 9, 12)
    assert np.abs(got[0].astype(int) - ref).max() <= 1
    assert T.Grayscale(3)(im).mode == "RGB"
    f = T.Grayscale()(nnlite.tensor(a.transpose(2, 0, 1).astype(np.float32) / 255)).numpy()
    hand = (0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]) / 255
    assert np.allclose(f[0], hand, atol=1e-6)


def test_color_jitter_brightness_contrast_saturation_by_hand():
    a = np.random.default_rng(1).random((3, 5, 4)).astype(np.float32)
    x = a.astype(np.float64)
    gray = 0.299 * x[0] + 0.587 * x[1] + 0.114 * x[2]
    cj = T.ColorJitter
    assert np.allclose(cj._adjust(nnlite.tensor(a), 0, 0.5).numpy(), x * 0.5, atol=1e-6)
    assert np.allclose(cj._adjust(nnlite.tensor(a), 1, 0.5).numpy(),
                       np.clip(0.5 * x + 0.5 * gray.mean(), 0, 1), atol=1e-6)
    assert np.allclose(cj._adjust(nnlite.tensor(a), 2, 0.0).numpy(), np.broadcast_to(gray, x.shape), atol=1e-6)
    _, im, _ = _image()
    nnlite.manual_seed(0)
    out = T.ColorJitter(0.4, 0.4, 0.4, 0.1)(im)
    assert out.size == im.size and out.mode == "RGB"
    with pytest.raises(ValueError, match="hue"):
        T.ColorJitter(hue=0.7)


def test_color_jitter_is_seeded():
    _, im, _ = _image()
    nnlite.manual_seed(3)
    a = np.asarray(T.ColorJitter(0.5, 0.5, 0.5, 0.2)(im))
    nnlite.manual_seed(3)
    b = np.asarray(T.ColorJitter(0.5, 0.5, 0.5, 0.2)(im))
    assert np.array_equal(a, b)


@pytest.mark.parametrize("angle", [30.0, -75.0, 135.0])
def test_random_rotation_matches_pil_rotate(angle):
    _, im, t = _image()
    ref = np.asarray(im.rotate(angle, Image.NEAREST))
    rot = T.RandomRotation((angle, angle))
    assert np.array_equal(np.asarray(rot(im)), ref)
    got = rot(t).numpy().transpose(1, 2, 0)
    assert (got != ref).any(axis=-1).mean() < 0.05  # only rounding at pixel-centre ties may differ


def test_random_affine_identity_and_pure_translation():
    _, im, t = _image()
    ident = T.RandomAffine(0)
    assert np.array_equal(ident(t).numpy(), t.numpy())
    assert np.array_equal(np.asarray(ident(im)), np.asarray(im))
    aff = T.RandomAffine(0, translate=(0.25, 0.25))
    angle, (tx, ty), scale, shear = aff.get_params(9, 12)
    assert angle == 0 and scale == 1.0 and abs(tx) <= 3 and abs(ty) <= 2
    from nnlite.data.transforms_image import _apply_affine, _inverse_affine
    shifted = _apply_affine(t, _inverse_affine(0, (2, 1), 1.0, (0, 0), (6, 4.5)), 0, "t").numpy()
    hand = np.zeros_like(t.numpy())
    hand[:, 1:, 2:] = t.numpy()[:, :-1, :-2]
    assert np.array_equal(shifted, hand)
    with pytest.raises(ValueError, match="RandomAffine"):
        T.RandomAffine(0, scale=(2, 1))


def test_save_load_file_objects_paths_numpy(tmp_path):
    obj = {"w": nnlite.ones(2, 3), "step": 7, "lr": 0.1, "name": "run", "hist": [1.5, 2.5],
           "pair": (1, "a"), "idx": np.arange(5, dtype=np.int64), "emb": np.eye(2, dtype=np.float32)}
    buf = io.BytesIO()
    nnlite.save(obj, buf)
    buf.seek(0)
    back = nnlite.load(buf, map_location="cpu", weights_only=True)
    assert back["step"] == 7 and back["pair"] == (1, "a") and back["hist"] == [1.5, 2.5]
    assert isinstance(back["idx"], np.ndarray) and back["idx"].dtype == np.int64
    assert np.array_equal(back["emb"], np.eye(2))
    p = pathlib.Path(tmp_path) / "ckpt.pt"
    nnlite.save(obj, p)
    assert np.array_equal(nnlite.load(p, weights_only=False)["w"].numpy(), np.ones((2, 3)))
    with open(p, "rb") as f:
        assert nnlite.load(f)["name"] == "run"


def test_saved_file_reads_in_torch(tmp_path):
    torch_st = pytest.importorskip("safetensors.torch")
    p = tmp_path / "sd.safetensors"
    nnlite.save({"fc.weight": nnlite.tensor(np.arange(6, dtype=np.float32).reshape(2, 3))}, p)
    got = torch_st.load_file(str(p))["fc.weight"]
    assert np.array_equal(got.numpy(), np.arange(6, dtype=np.float32).reshape(2, 3))


def test_save_refuses_module_and_bad_arguments(tmp_path):
    with pytest.raises(TypeError, match="state_dict"):
        nnlite.save(nnlite.nn.Linear(2, 2), tmp_path / "m.pt")
    with pytest.raises(TypeError, match="int16"):
        nnlite.save({"x": np.ones(2, np.int16)}, tmp_path / "x.pt")
    nnlite.save({"a": 1}, tmp_path / "a.pt")
    with pytest.raises(ValueError, match="map_location"):
        nnlite.load(tmp_path / "a.pt", map_location="cuda:0")
    with pytest.raises(TypeError, match="weights_only"):
        nnlite.load(tmp_path / "a.pt", weights_only="yes")


def _write_idx(path, arr):
    import gzip
    dims = b"".join(int(d).to_bytes(4, "big") for d in arr.shape)
    with gzip.open(path, "wb") as f:
        f.write(bytes([0, 0, 8, arr.ndim]) + dims + arr.astype(np.uint8).tobytes())


def test_mnist_torchvision_arguments_and_layout(tmp_path):
    from nnlite.data.datasets import MNIST
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for prefix, n in (("train", 6), ("t10k", 4)):
        _write_idx(raw / f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28)))
        _write_idx(raw / f"{prefix}-labels-idx1-ubyte.gz", rng.integers(0, 10, (n,)))
    ds = MNIST(tmp_path, train=False, transform=None, target_transform=lambda y: y + 100, download=True)
    assert len(ds) == 4 and ds[0][1] >= 100  # download=True with every file present fetches nothing


def test_mnist_download_without_network_names_url_and_place(tmp_path):
    from nnlite.data.datasets import MNIST
    with pytest.raises(OSError) as info:
        MNIST(tmp_path, download=True)
    msg = str(info.value)
    assert "train-images-idx3-ubyte.gz" in msg and "http" in msg and str(tmp_path / "MNIST" / "raw") in msg
    assert not [p for p in (tmp_path / "MNIST" / "raw").iterdir()]  # no partial files left
