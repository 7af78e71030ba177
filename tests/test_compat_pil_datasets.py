"""MNIST/FashionMNIST/CIFAR hand their transform a PIL image as torchvision's
do (mode "L" / "RGB"), torchvision pipelines that start with PIL-only steps
run on them, and the PIL paths of the transforms take torchvision's
arguments (interpolation, expand, center, per-band fill). Compared with PIL
itself and, where torch has numbers, with torch."""
import numpy as np
import pytest

import nnlite
from nnlite.data import DataLoader
from nnlite.data import transforms as T
from nnlite.data.datasets import CIFAR10, MNIST, FashionMNIST

from test_cifar import write_cifar10_binary
from test_data import copy_embedded

Image = pytest.importorskip("PIL.Image")


@pytest.fixture(scope="module")
def cifar_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("cifar")
    write_cifar10_binary(root, sizes=[6, 5, 4, 3, 2])
    return root


def _seen(dataset_cls, *args, **kw):
    seen = []
    ds = dataset_cls(*args, transform=lambda im: seen.append(im) or T.ToTensor()(im), **kw)
    return ds, seen


# ---- what the transform gets ---------------------------------------------------------

@pytest.mark.parametrize("cls", [MNIST, FashionMNIST])
def test_mnist_transform_gets_a_mode_L_pil_image_of_the_bytes(tmp_path, cls):
    copy_embedded(tmp_path / cls.__name__ / "raw")
    ds, seen = _seen(cls, tmp_path, train=False)
    x, y = ds[7]
    img = seen[0]
    assert isinstance(img, Image.Image) and img.mode == "L" and img.size == (28, 28)
    raw = ds.data[7].numpy()
    np.testing.assert_array_equal(np.asarray(img), raw)
    # ToTensor of that image is what torchvision's ToTensor gives: bytes / 255 as float32 [1, 28, 28]
    np.testing.assert_array_equal(x.numpy(), (raw.astype(np.float32) / 255)[None])
    plain = cls(tmp_path, train=False)[7][0]  # no transform: the same float tensor
    np.testing.assert_allclose(plain.numpy(), x.numpy(), rtol=1e-6)
    assert y == int(ds.targets[7].item())


def test_cifar_transform_gets_an_rgb_pil_image(cifar_root):
    ds, seen = _seen(CIFAR10, cifar_root)
    x, _ = ds[3]
    img = seen[0]
    assert isinstance(img, Image.Image) and img.mode == "RGB" and img.size == (32, 32)
    np.testing.assert_array_equal(np.asarray(img), ds.data[3].numpy().transpose(1, 2, 0))
    np.testing.assert_array_equal(x.numpy(), ds.data[3].numpy().astype(np.float32) / 255)


def test_pil_images_false_and_normalize_hand_tensors(cifar_root):
    ds, seen = _seen(MNIST, train=False, pil_images=False)
    ds[0]
    assert seen[0].dtype == nnlite.uint8 and tuple(seen[0].shape) == (1, 28, 28)
    ds, seen = _seen(MNIST, train=False, normalize=True)  # a standardised image fits no PIL mode
    x, _ = ds[0]
    assert seen[0].dtype == nnlite.float32 and float(seen[0].min()) < 0
    np.testing.assert_array_equal(x.numpy(), MNIST(train=False, normalize=True)[0][0].numpy())
    ds, seen = _seen(CIFAR10, cifar_root, pil_images=False)
    ds[0]
    assert seen[0].dtype == nnlite.uint8 and tuple(seen[0].shape) == (3, 32, 32)
    with pytest.raises(TypeError, match="MNIST: pil_images"):
        MNIST(train=False, pil_images="yes")


def test_a_torchvision_augmentation_pipeline_runs_on_mnist():
    pipeline = T.Compose([
        T.Resize(32), T.RandomRotation(10, interpolation=T.InterpolationMode.BILINEAR),
        T.RandomAffine(0, translate=(0.1, 0.1), scale=(0.9, 1.1)), T.ColorJitter(0.3, 0.3),
        T.Grayscale(num_output_channels=3), T.RandomCrop(32, padding=2), T.RandomHorizontalFlip(),
        T.Lambda(lambda im: im), T.ToTensor(), T.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
    nnlite.manual_seed(0)
    x, _ = next(iter(DataLoader(MNIST(train=False, transform=pipeline), batch_size=4, shuffle=True)))
    assert x.dtype == nnlite.float32 and tuple(x.shape) == (4, 3, 32, 32)
    assert -1.0 <= float(x.min()) and float(x.max()) <= 1.0 and float(x.std()) > 0.1
    # a tensor-only step before ToTensor fails as in torchvision, naming the step
    with pytest.raises(TypeError, match="Normalize.*ToTensor"):
        MNIST(train=False, transform=T.Normalize((0.5,), (0.5,)))[0]


def test_pil_pipeline_batches_equal_the_tensor_pipeline(cifar_root):
    """Crop/flip/ToTensor/Normalize on PIL images (per sample) and on uint8 tensors (native C++ loader)."""
    def epoch(pil_images, native):
        tf = T.Compose([T.RandomCrop(32, padding=4, fill=9), T.RandomHorizontalFlip(), T.ToTensor(),
                        T.Normalize(CIFAR10.mean, CIFAR10.std)])
        g = nnlite.Generator()
        g.manual_seed(2)
        loader = DataLoader(CIFAR10(cifar_root, transform=tf, pil_images=pil_images), batch_size=5, shuffle=True,
                            generator=g, native=native)
        return [b[0].numpy() for b in loader]
    for a, b in zip(epoch(True, False), epoch(False, True)):
        np.testing.assert_array_equal(a, b)


# ---- the PIL paths of the transforms: torchvision's arguments ------------------------

def _rgb(h=9, w=12, seed=0):
    return Image.fromarray(np.random.default_rng(seed).integers(0, 256, (h, w, 3), dtype=np.uint8))


@pytest.mark.parametrize("mode,pil", [("nearest", Image.NEAREST), ("bicubic", Image.BICUBIC),
                                      ("lanczos", Image.LANCZOS)])
def test_resize_interpolation_is_pils(mode, pil):
    im = _rgb()
    for interpolation in (T.InterpolationMode(mode), mode, int(pil)):
        got = T.Resize((5, 7), interpolation=interpolation)(im)
        np.testing.assert_array_equal(np.asarray(got), np.asarray(im.resize((7, 5), pil)))
    assert T.Resize(6, T.InterpolationMode.BICUBIC).interpolation is T.InterpolationMode.BICUBIC  # positional


def test_resize_nearest_on_tensors_matches_torch():
    torch = pytest.importorskip("torch")
    a = np.random.default_rng(3).random((2, 3, 9, 12)).astype(np.float32)
    got = T.Resize((5, 17), interpolation=T.InterpolationMode.NEAREST)(nnlite.tensor(a)).numpy()
    ref = torch.nn.functional.interpolate(torch.from_numpy(a), size=(5, 17), mode="nearest").numpy()
    np.testing.assert_array_equal(got, ref)
    with pytest.raises(ValueError, match="Resize: .*BICUBIC.*PIL"):
        T.Resize(4, interpolation=T.InterpolationMode.BICUBIC)(nnlite.tensor(a))
    with pytest.raises(ValueError, match="Resize: interpolation"):
        T.Resize(4, interpolation="cubic")


def test_random_rotation_torchvision_signature_expand_and_band_fill():
    im = _rgb()
    rot = T.RandomRotation((40, 40), T.InterpolationMode.BILINEAR, True, None, 7)  # torchvision's order
    out = rot(im)
    ref = im.rotate(40, Image.BILINEAR, expand=True, fillcolor=(7, 7, 7))
    assert out.size == ref.size and out.size != im.size
    np.testing.assert_array_equal(np.asarray(out), np.asarray(ref))
    assert np.asarray(out)[0, 0].tolist() == [7, 7, 7]  # every band filled, not just red
    with pytest.raises(ValueError, match=r"RandomRotation: fill has 2 values for an image with 3 bands \(RGB\)"):
        T.RandomRotation(5, fill=(1, 2))(im)
    with pytest.raises(ValueError, match="RandomRotation: expand=True needs a PIL image"):
        rot(nnlite.zeros(3, 4, 4))


def test_random_affine_center_interpolation_and_fill():
    im = _rgb(10, 10)
    aff = T.RandomAffine((90, 90), interpolation=T.InterpolationMode.BILINEAR, fill=(1, 2, 3), center=(0, 0))
    out = np.asarray(aff(im))
    from nnlite.data.transforms_image import _inverse_affine
    matrix = _inverse_affine(90, (0, 0), 1.0, (0.0, 0.0), (0, 0))
    ref = im.transform(im.size, Image.AFFINE, matrix, Image.BILINEAR, fillcolor=(1, 2, 3))
    np.testing.assert_array_equal(out, np.asarray(ref))
    assert out[5, 5].tolist() == [1, 2, 3]  # turned about the corner: the middle is now outside
    with pytest.raises(ValueError, match="RandomAffine: .*BILINEAR.*PIL"):
        aff(nnlite.zeros(3, 4, 4))


def test_random_crop_fills_every_band_of_a_pil_image():
    im = _rgb(10, 10)
    out = np.asarray(T.RandomCrop(14, padding=2, fill=5)(im))  # the one 14 x 14 window: the whole padded image
    assert out[:2].reshape(-1, 3).tolist() == [[5, 5, 5]] * 28
    np.testing.assert_array_equal(out[2:12, 2:12], np.asarray(im))


def test_hue_shift_truncates_as_torchvision():
    im = _rgb()
    h, s, v = im.convert("HSV").split()
    for factor in (-0.1, 0.27):
        shift = np.array(factor * 255).astype(np.int64)  # torchvision: cast to uint8, truncating
        ref_h = Image.fromarray(((np.asarray(h).astype(np.int64) + shift) % 256).astype(np.uint8))
        ref = Image.merge("HSV", (ref_h, s, v)).convert("RGB")
        np.testing.assert_array_equal(np.asarray(T.ColorJitter._adjust(im, 3, factor)), np.asarray(ref))
