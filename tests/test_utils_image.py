"""nnlite.utils: make_grid / save_image (torchvision's layout rules) and the
nnlite.utils.data alias. torchvision itself cannot be imported next to the CPU
build of torch here, so the expected grids are built by hand from its rules."""
import io

import numpy as np
import pytest

import nnlite
from nnlite.utils import make_grid, save_image


def test_utils_data_is_nnlite_data():
    import nnlite.utils.data as utils_data
    from nnlite.utils.data import DataLoader, Dataset
    assert utils_data is nnlite.data
    assert DataLoader is nnlite.data.DataLoader and Dataset is nnlite.data.Dataset


def test_grid_layout_places_each_image_with_padding():
    batch = np.arange(5 * 3 * 2 * 3, dtype=np.float32).reshape(5, 3, 2, 3)
    grid = make_grid(nnlite.from_numpy(batch), nrow=2, padding=1, pad_value=-1.0).numpy()
    # 2 columns, 3 rows; each cell is (2+1) x (3+1) plus one border row/column
    assert grid.shape == (3, 3 * 3 + 1, 2 * 4 + 1)
    for index in range(5):
        top, left = (index // 2) * 3 + 1, (index % 2) * 4 + 1
        np.testing.assert_array_equal(grid[:, top:top + 2, left:left + 3], batch[index])
    # the sixth cell is empty: pad value only
    assert np.all(grid[:, 7:9, 5:8] == -1.0)
    assert np.all(grid[:, 0, :] == -1.0) and np.all(grid[:, :, 0] == -1.0)


def test_grey_images_become_rgb_and_one_image_is_returned_alone():
    grey = nnlite.rand(1, 1, 4, 5)
    single = make_grid(grey).numpy()
    assert single.shape == (3, 4, 5)
    for channel in range(3):
        np.testing.assert_array_equal(single[channel], grey.numpy()[0, 0])
    assert tuple(make_grid(nnlite.rand(4, 5)).shape) == (3, 4, 5)


def test_normalize_with_range_and_per_image():
    batch = np.stack([np.full((1, 2, 2), 2.0, np.float32), np.full((1, 2, 2), 6.0, np.float32)])
    batch[0, 0, 0, 0] = 0.0
    grid = make_grid(nnlite.from_numpy(batch), padding=0, normalize=True).numpy()
    np.testing.assert_allclose(grid[0, :, :2], (batch[0, 0] - 0) / 6)
    np.testing.assert_allclose(grid[0, :, 2:], (batch[1, 0] - 0) / 6)
    clipped = make_grid(nnlite.from_numpy(batch), padding=0, normalize=True, value_range=(1, 3)).numpy()
    np.testing.assert_allclose(clipped[0, :, :2], (np.clip(batch[0, 0], 1, 3) - 1) / 2)
    np.testing.assert_allclose(clipped[0, :, 2:], 1.0)
    each = make_grid(nnlite.from_numpy(batch), padding=0, normalize=True, scale_each=True).numpy()
    np.testing.assert_allclose(each[0, :, :2], batch[0, 0] / 2)


def test_list_of_images_and_bad_input():
    images = [nnlite.rand(3, 2, 2) for _ in range(3)]
    assert tuple(make_grid(images, padding=0).shape) == (3, 2, 6)
    with pytest.raises(ValueError, match="make_grid: a list"):
        make_grid([nnlite.rand(3, 2, 2), nnlite.rand(3, 3, 2)])
    with pytest.raises(ValueError, match=r"make_grid: expected images .*shape \[1, 2, 3, 4, 5\]"):
        make_grid(nnlite.rand(1, 2, 3, 4, 5))
    with pytest.raises(ValueError, match="nrow"):
        make_grid(nnlite.rand(2, 3, 2, 2), nrow=0)
    with pytest.raises(TypeError, match="make_grid: expected an nnlite Tensor"):
        make_grid("image")


def test_save_image_writes_the_grid_as_rgb_png(tmp_path):
    Image = pytest.importorskip("PIL.Image")
    batch = nnlite.rand(6, 1, 5, 4)
    path = tmp_path / "grid"
    save_image(batch, path, nrow=3)
    with Image.open(path) as png:
        assert png.format == "PNG" and png.mode == "RGB"
        pixels = np.asarray(png)
    expected = make_grid(batch, nrow=3).numpy().transpose(1, 2, 0)
    np.testing.assert_array_equal(pixels, np.clip(expected * 255 + 0.5, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    save_image(batch, buffer, format="PNG")
    assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
