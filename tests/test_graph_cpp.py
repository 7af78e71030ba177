"""Exported graphs run from C++: examples/cpp/classify is built with CMake
against the installed package (find_package(nnlite CONFIG)); it classifies
PGM digits with a LeNet-5 trained for one epoch in Python exactly as Python
does, and its outputs for the zoo models equal Python's to 1e-5.

Skipped when cmake or a C++ compiler is missing, or when there is no CMake
package config: nnlite used from a source checkout through PYTHONPATH has
none (pip install . provides it). NNLITE_CMAKE_DIR may name the package
directory of a plain CMake install instead.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nnlite
from nnlite import models, nn, optim
from nnlite.data import DataLoader
from nnlite.data.datasets import MNIST

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "cpp" / "classify"
TOL = 1e-5


def _cmake_dir():
    if os.environ.get("NNLITE_CMAKE_DIR"):
        return Path(os.environ["NNLITE_CMAKE_DIR"])
    r = subprocess.run([sys.executable, "-m", "nnlite", "--cmake-dir"], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"nnlite's CMake package config is absent (not installed from a wheel): {r.stderr.strip()}")
    return Path(r.stdout.strip())


@pytest.fixture(scope="module")
def classify(tmp_path_factory):
    """The built example program."""
    if shutil.which("cmake") is None:
        pytest.skip("cmake is not on PATH")
    if not any(shutil.which(c) for c in ("c++", "g++", "clang++")):
        pytest.skip("no C++ compiler (c++, g++ or clang++) on PATH")
    cmake_dir = _cmake_dir()
    build = tmp_path_factory.mktemp("classify-build")
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    r = subprocess.run(["cmake", "-S", str(EXAMPLE), "-B", str(build), *generator, f"-Dnnlite_DIR={cmake_dir}",
                        "-DCMAKE_BUILD_TYPE=Release"], capture_output=True, text=True)
    assert r.returncode == 0, f"configuring examples/cpp/classify failed:\n{r.stdout}\n{r.stderr}"
    r = subprocess.run(["cmake", "--build", str(build)], capture_output=True, text=True)
    assert r.returncode == 0, f"building examples/cpp/classify failed:\n{r.stdout}\n{r.stderr}"
    exe = build / "classify"
    assert exe.is_file()
    return exe


def run(exe, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}  # no Python needed
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, timeout=120, env=env)


def write_pnm(path, image):
    """uint8 [C, H, W] as binary PGM (C = 1) or PPM (C = 3)."""
    c, h, w = image.shape
    magic = b"P5" if c == 1 else b"P6"
    path.write_bytes(magic + f"\n# written by test_graph_cpp\n{w} {h}\n255\n".encode() +
                     np.ascontiguousarray(image.transpose(1, 2, 0)).tobytes())
    return path


def preprocess(images, mean=None, std=None):
    """What classify does to uint8 [N, C, H, W] images (same nnlite ops, same rounding)."""
    x = nnlite.from_numpy(images).float() * (1.0 / 255.0)
    c = images.shape[1]
    if mean is not None:
        x = x - nnlite.tensor(mean, dtype=nnlite.float32).view(1, c, 1, 1)
    if std is not None:
        x = x * (1.0 / nnlite.tensor(std, dtype=nnlite.float32).view(1, c, 1, 1))
    return x


def parse(stdout):
    """{image path: (class, [outputs])} from classify's lines."""
    out = {}
    for line in stdout.strip().splitlines():
        path, cls, *values = line.split(" ")
        out[path] = (int(cls), [float(v) for v in values])
    return out


def train_one_epoch(model):
    opt = optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for x, y in DataLoader(MNIST(train=True, normalize=True), batch_size=64, shuffle=True):
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
    return model


def test_classify_predicts_what_python_predicts(classify, tmp_path):
    model = train_one_epoch(models.lenet5())
    graph = tmp_path / "lenet5.nnlg"
    nnlite.export(model, nnlite.randn(1, 1, 28, 28), graph)
    test = MNIST(train=False)
    images = test.data[:40].numpy()[:, None]  # uint8 [40, 1, 28, 28]
    paths = [write_pnm(tmp_path / f"digit{i}.pgm", img) for i, img in enumerate(images)]
    r = run(classify, "--mean", MNIST.mean, "--std", MNIST.std, graph, *paths)
    assert r.returncode == 0, r.stderr
    got = parse(r.stdout)
    with nnlite.no_grad():
        want = model(preprocess(images, [MNIST.mean], [MNIST.std])).argmax(1).numpy()
    assert [got[str(p)][0] for p in paths] == want.tolist()
    labels = test.targets[:40].numpy()
    assert (want == labels).mean() >= 0.7  # one epoch learns the digits, so the check is not vacuous


@pytest.mark.parametrize("name, shape", [("mlp", (1, 28, 28)), ("lenet5", (1, 28, 28)), ("resnet20", (3, 32, 32)),
                                         ("vgg11", (3, 32, 32))])
def test_classify_outputs_equal_python_outputs(classify, tmp_path, name, shape):
    model = models.get_model(name)
    graph = tmp_path / f"{name}.nnlg"
    nnlite.export(model, nnlite.randn(2, *shape), graph)
    rng = np.random.default_rng(7)
    images = rng.integers(0, 256, size=(3, *shape), dtype=np.uint8)
    suffix = ".pgm" if shape[0] == 1 else ".ppm"
    paths = [write_pnm(tmp_path / f"img{i}{suffix}", img) for i, img in enumerate(images)]
    r = run(classify, "--logits", graph, *paths)
    assert r.returncode == 0, r.stderr
    got = parse(r.stdout)
    model.eval()
    with nnlite.no_grad():
        want = model(preprocess(images)).numpy()
    for i, p in enumerate(paths):
        cls, values = got[str(p)]
        np.testing.assert_allclose(values, want[i], rtol=TOL, atol=TOL)
        assert cls == int(want[i].argmax())


def test_classify_reports_bad_files(classify, tmp_path):
    digit = write_pnm(tmp_path / "digit.pgm", np.zeros((1, 28, 28), dtype=np.uint8))
    (tmp_path / "bad.nnlg").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{}")
    r = run(classify, tmp_path / "bad.nnlg", digit)
    assert r.returncode == 1 and "load_graph" in r.stderr and "bad.nnlg" in r.stderr
    graph = tmp_path / "mlp.nnlg"
    nnlite.export(models.mlp(), nnlite.randn(1, 1, 28, 28), graph)
    (tmp_path / "text.pgm").write_bytes(b"P2\n28 28\n255\n0 0 0")
    r = run(classify, graph, tmp_path / "text.pgm")
    assert r.returncode == 1 and "must start with P5 (grey) or P6 (colour)" in r.stderr
    (tmp_path / "short.pgm").write_bytes(b"P5\n28 28\n255\n" + bytes(10))
    r = run(classify, graph, tmp_path / "short.pgm")
    assert r.returncode == 1 and "expected 784 pixel bytes, found 10" in r.stderr
    r = run(classify, graph)
    assert r.returncode == 2 and "usage" in r.stderr
