"""nnlite.data.transforms: values, geometry, randomness from nnlite's generators,
tensors and PIL images agreeing, and bad arguments."""
import numpy as np
import pytest

import nnlite
from nnlite.data import transforms as T
from nnlite.data._seeding import sample_generator, using_generator


def image(c=3, h=6, w=8, seed=0):
    return np.random.default_rng(seed).integers(0, 256, (c, h, w), dtype=np.uint8)


def as_tensor(a):
    return nnlite.from_numpy(np.ascontiguousarray(a))


# ---- ToTensor / Normalize ------------------------------------------------------

def test_to_tensor_from_numpy_tensor_and_pil():
    hwc = np.random.default_rng(1).integers(0, 256, (5, 4, 3), dtype=np.uint8)
    t = T.ToTensor()(hwc)
    assert t.dtype == nnlite.float32 and tuple(t.shape) == (3, 5, 4)
    np.testing.assert_allclose(t.numpy(), hwc.transpose(2, 0, 1) / 255.0, rtol=1e-6)
    gray = T.ToTensor()(hwc[:, :, 0])
    assert tuple(gray.shape) == (1, 5, 4)
    chw = as_tensor(hwc.transpose(2, 0, 1))
    np.testing.assert_array_equal(T.ToTensor()(chw).numpy(), t.numpy())
    f = nnlite.rand(3, 2, 2)
    assert T.ToTensor()(f) is f  # already a float tensor
    floats = T.ToTensor()(np.ones((2, 2, 3), np.float32) * 7)
    assert floats.dtype == nnlite.float32 and floats.numpy().max() == 7  # no scaling for floats
    Image = pytest.importorskip("PIL.Image")
    np.testing.assert_array_equal(T.ToTensor()(Image.fromarray(hwc)).numpy(), t.numpy())


def test_to_tensor_errors():
    with pytest.raises(TypeError, match="ToTensor"):
        T.ToTensor()([1, 2, 3])
    with pytest.raises(ValueError, match="H x W"):
        T.ToTensor()(np.zeros((1, 2, 3, 4), np.uint8))
    with pytest.raises(TypeError, match="complex"):
        T.ToTensor()(np.zeros((2, 2), np.complex64))


def test_normalize_matches_numpy_and_checks_arguments():
    x = np.random.default_rng(2).random((2, 3, 4, 5), dtype=np.float32)
    mean, std = (0.1, 0.2, 0.3), (0.5, 0.25, 2.0)
    out = T.Normalize(mean, std)(as_tensor(x))
    want = (x - np.array(mean, np.float32).reshape(3, 1, 1)) / np.array(std, np.float32).reshape(3, 1, 1)
    np.testing.assert_allclose(out.numpy(), want, rtol=1e-6)
    np.testing.assert_allclose(T.Normalize(0.5, 0.5)(as_tensor(x)).numpy(), (x - 0.5) / 0.5, rtol=1e-6)
    with pytest.raises(ValueError, match="zeros"):
        T.Normalize((0, 0, 0), (1, 0, 1))
    with pytest.raises(TypeError, match="float tensor"):
        T.Normalize(mean, std)(as_tensor(image()))
    with pytest.raises(ValueError, match="channels"):
        T.Normalize(mean, std)(nnlite.zeros(4, 2, 2))
    with pytest.raises(ValueError, match="C, H, W"):
        T.Normalize(mean, std)(nnlite.zeros(3, 2))
    with pytest.raises(TypeError, match="sequence"):
        T.Normalize(None, std)


# ---- crops and flips -------------------------------------------------------------

def padded(a, pad, fill=0):
    return np.pad(a, ((0, 0), (pad, pad), (pad, pad)), constant_values=fill)


def test_random_crop_is_a_window_of_the_padded_image_and_covers_every_offset():
    a = image()
    x = as_tensor(a)
    big = padded(a, 2, fill=9)
    crop = T.RandomCrop((6, 8), padding=2, fill=9)
    seen = set()
    for _ in range(200):
        out = crop(x).numpy()
        assert out.shape == (3, 6, 8)
        hits = [(i, j) for i in range(5) for j in range(5) if np.array_equal(big[:, i:i + 6, j:j + 8], out)]
        assert hits, "the crop is not a window of the padded image"
        seen.add(hits[0])
    assert seen == {(i, j) for i in range(5) for j in range(5)}


def test_random_crop_forms_of_padding_and_pad_if_needed():
    x = as_tensor(image(h=4, w=4))
    assert tuple(T.RandomCrop(4, padding=(1, 2))(x).shape) == (3, 4, 4)
    assert T.RandomCrop(4, padding=(1, 2, 3, 4)).padding_for(4, 4) == (1, 2, 3, 4)
    assert tuple(T.RandomCrop(6, pad_if_needed=True)(x).shape) == (3, 6, 6)
    with pytest.raises(ValueError, match="larger than the padded image"):
        T.RandomCrop(7, padding=1)(x)
    for bad in (-1, (1, 2, 3), 1.5):
        with pytest.raises(ValueError, match="padding"):
            T.RandomCrop(4, padding=bad)
    with pytest.raises(ValueError, match="size"):
        T.RandomCrop(0)
    with pytest.raises(ValueError, match="padding_mode"):
        T.RandomCrop(4, padding=1, padding_mode="reflect")
    with pytest.raises(TypeError, match="RandomCrop"):
        T.RandomCrop(2)(np.zeros((3, 4, 4)))
    with pytest.raises(ValueError, match="fill value"):
        T.RandomCrop(4, padding=1, fill=300)(x)  # a uint8 image cannot hold it


def test_random_crop_works_on_float_tensors_and_leading_dims():
    x = nnlite.rand(2, 3, 5, 5)
    out = T.RandomCrop(3)(x)
    assert tuple(out.shape) == (2, 3, 3, 3) and out.dtype == nnlite.float32


def test_center_crop_and_padding_when_larger():
    a = image(h=7, w=8)
    out = T.CenterCrop((3, 4))(as_tensor(a)).numpy()
    top, left = int(round((7 - 3) / 2)), int(round((8 - 4) / 2))
    np.testing.assert_array_equal(out, a[:, top:top + 3, left:left + 4])
    big = T.CenterCrop((9, 11))(as_tensor(a)).numpy()
    assert big.shape == (3, 9, 11)
    np.testing.assert_array_equal(big[:, 1:8, 1:9], a)  # (9-7)//2 = 1 above, (11-8)//2 = 1 on the left
    assert big[:, 0].sum() == 0 and big[:, :, 9:].sum() == 0


def test_horizontal_flip():
    a = image()
    x = as_tensor(a)
    np.testing.assert_array_equal(T.RandomHorizontalFlip(p=1.0)(x).numpy(), a[:, :, ::-1])
    assert T.RandomHorizontalFlip(p=0.0)(x) is x
    flips = [T.RandomHorizontalFlip()(x) is not x for _ in range(100)]
    assert 20 < sum(flips) < 80
    for bad in (-0.1, 1.5, "a"):
        with pytest.raises(ValueError, match="probability"):
            T.RandomHorizontalFlip(bad)


def test_random_resized_crop_shapes_and_fallback():
    x = as_tensor(image(h=20, w=30))
    t = T.RandomResizedCrop(8)
    for _ in range(20):
        out = t(x)
        assert tuple(out.shape) == (3, 8, 8) and out.dtype == nnlite.uint8
    # No window of ratio in [10, 11] fits a 20x30 image: the fallback clamps the ratio.
    wide = T.RandomResizedCrop((4, 5), scale=(0.9, 1.0), ratio=(10.0, 11.0))
    assert wide.get_params(20, 30) == (8, 0, 3, 30)
    with pytest.raises(ValueError, match="min <= max"):
        T.RandomResizedCrop(4, scale=(1.0, 0.5))
    with pytest.raises(ValueError, match="pair"):
        T.RandomResizedCrop(4, ratio=1.0)


def test_resize_matches_torch_bilinear(torch):
    rng = np.random.default_rng(3)
    for (h, w), (oh, ow) in [((7, 9), (4, 5)), ((5, 6), (11, 13)), ((8, 8), (8, 3)), ((1, 4), (3, 2))]:
        a = rng.random((2, 3, h, w), dtype=np.float32)
        ours = nnlite._C._data_resize(as_tensor(a), oh, ow).numpy()
        ref = torch.nn.functional.interpolate(torch.from_numpy(a), size=(oh, ow), mode="bilinear",
                                              align_corners=False, antialias=False).numpy()
        np.testing.assert_allclose(ours, ref, rtol=1e-5, atol=1e-6)
    u8 = rng.integers(0, 256, (3, 9, 7), dtype=np.uint8)
    ours = nnlite._C._data_resize(as_tensor(u8), 5, 4).numpy().astype(int)
    ref = torch.nn.functional.interpolate(torch.from_numpy(u8.astype(np.float32))[None], size=(5, 4),
                                          mode="bilinear", align_corners=False)[0].numpy()
    assert np.abs(ours - ref).max() <= 0.5 + 1e-4  # rounded to nearest


def test_full_window_resized_crop_is_a_resize(torch):
    a = np.random.default_rng(4).random((3, 10, 10), dtype=np.float32)
    out = T.RandomResizedCrop(6, scale=(1.0, 1.0), ratio=(1.0, 1.0))(as_tensor(a)).numpy()
    ref = torch.nn.functional.interpolate(torch.from_numpy(a)[None], size=(6, 6), mode="bilinear",
                                          align_corners=False)[0].numpy()
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-6)


def test_resize_and_crop_errors():
    with pytest.raises(ValueError, match="positive"):
        nnlite._C._data_resize(nnlite.zeros(1, 4, 4), 0, 2)
    with pytest.raises(TypeError, match="uint8, float32 or float64"):
        nnlite._C._data_resize(nnlite.zeros(1, 4, 4, dtype=nnlite.int64), 2, 2)
    with pytest.raises(ValueError, match="empty"):
        nnlite._C._data_resize(nnlite.zeros(1, 0, 4), 2, 2)
    with pytest.raises(ValueError, match="at least 2 dims"):
        nnlite._C._data_crop(nnlite.zeros(4), 0, 0, 1, 1)


# ---- randomness ----------------------------------------------------------------------

def pipeline():
    return T.Compose([T.RandomCrop(6, padding=2), T.RandomHorizontalFlip(), T.ToTensor(),
                      T.Normalize((0.5, 0.4, 0.3), (0.2, 0.3, 0.4))])


def test_seeds_reproduce_and_differ():
    x = as_tensor(image())
    nnlite.manual_seed(7)
    a = [pipeline()(x).numpy() for _ in range(5)]
    nnlite.manual_seed(7)
    b = [pipeline()(x).numpy() for _ in range(5)]
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    assert not all(np.array_equal(a[0], p) for p in a[1:])
    # A sample generator (what the DataLoader installs per sample) overrides the default one.
    with using_generator(sample_generator(123, 4)):
        c = pipeline()(x).numpy()
    nnlite.manual_seed(99)
    with using_generator(sample_generator(123, 4)):
        d = pipeline()(x).numpy()
    np.testing.assert_array_equal(c, d)


def test_compose_and_lambda():
    t = T.Compose([T.Lambda(lambda v: v + 1), T.Compose([T.Lambda(lambda v: v * 2)])])
    assert t(3) == 8
    assert "Lambda" in repr(t)
    with pytest.raises(TypeError, match="not callable"):
        T.Compose([T.ToTensor(), 3])
    with pytest.raises(TypeError, match="callable"):
        T.Lambda(None)


# ---- PIL images ------------------------------------------------------------------------

def test_pil_and_tensor_give_the_same_result():
    Image = pytest.importorskip("PIL.Image")
    hwc = np.random.default_rng(5).integers(0, 256, (9, 11, 3), dtype=np.uint8)
    pil, ten = Image.fromarray(hwc), as_tensor(hwc.transpose(2, 0, 1))
    for t in (T.RandomCrop(7, padding=3), T.RandomCrop((9, 12), pad_if_needed=True), T.CenterCrop((5, 4)),
              T.CenterCrop(13), T.RandomHorizontalFlip(p=1.0)):
        for seed in range(3):
            with using_generator(sample_generator(seed, 0)):
                from_pil = T.ToTensor()(t(pil)).numpy()
            with using_generator(sample_generator(seed, 0)):
                from_tensor = T.ToTensor()(t(ten)).numpy()
            np.testing.assert_array_equal(from_pil, from_tensor, err_msg=repr(t))
    out = T.RandomResizedCrop(5)(pil)
    assert out.size == (5, 5)
