"""Write the fuzzers' seed corpora (fuzz/corpus/<harness>/) with nnlite itself:
small valid files of every format, so that fuzzing starts past the headers.
Run from the repository root: PYTHONPATH=python python fuzz/make_seeds.py"""
import gzip
import json
import struct
from pathlib import Path

import numpy as np

import nnlite
import nnlite.nn as nn
import nnlite.nn.functional as F
from nnlite import serialization

ROOT = Path(__file__).resolve().parent / "corpus"


def put(harness, name, data):
    d = ROOT / harness
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def safetensors_seeds():
    put("safetensors", "state_dict", serialization.to_bytes({"w": nnlite.arange(6.0).reshape(2, 3), "b": nnlite.zeros(2)}))
    put("safetensors", "nested", serialization.to_bytes({"layers": [{"k": nnlite.ones(1, dtype=nnlite.int64)}, 3, "s"],
                                                         "flag": True, "x": None, "f": 0.5}))
    put("safetensors", "dtypes", serialization.to_bytes({str(t): nnlite.ones(2, dtype=t) for t in
                                                         (nnlite.float64, nnlite.int32, nnlite.uint8, nnlite.bool)}))
    put("safetensors", "empty", serialization.to_bytes({}))


def json_seeds():
    # The first byte is the harness's flag (bit 0: allow NaN/Infinity).
    docs = [{"a": [1, -2.5e-3, True, None, "\u00e9\\\"\n"], "b": {"c": []}}, [0, 1e308, -0.0, "\ud83d\ude00"]]
    for i, doc in enumerate(docs):
        put("json", f"doc{i}", b"\x00" + json.dumps(doc).encode())
    put("json", "nonfinite", b"\x01[NaN, Infinity, -Infinity, 1]")
    header = serialization.to_bytes({"w": nnlite.ones(2)})
    n = struct.unpack("<Q", header[:8])[0]
    put("json", "safetensors_header", b"\x00" + header[8:8 + n])


class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3, padding=1)
        self.bn = nn.BatchNorm2d(2)
        self.fc = nn.Linear(2 * 4 * 4, 3)

    def forward(self, x):
        x = F.interpolate(F.relu(self.bn(self.conv(x))), size=(4, 4))
        return F.softmax(self.fc(x.flatten(1)), dim=1)


def graph_seeds(tmp):
    nnlite.manual_seed(0)
    models = {"conv_bn_linear": (Small().eval(), nnlite.ones(1, 1, 3, 3)),
              "mlp": (nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2)), nnlite.ones(2, 4)),
              "embedding": (nn.Sequential(nn.Embedding(5, 2), nn.Flatten()), nnlite.tensor([[1, 4]]))}
    for name, (model, x) in models.items():
        path = tmp / f"{name}.nnlg"
        nnlite.export(model, x, path)
        put("graph", name, path.read_bytes())


def idx_bytes(array):
    code = {np.uint8: 0x08, np.int32: 0x0C, np.float32: 0x0D, np.float64: 0x0E}[array.dtype.type]
    head = struct.pack(">BBBB", 0, 0, code, array.ndim) + b"".join(struct.pack(">I", d) for d in array.shape)
    return head + array.astype(array.dtype.newbyteorder(">")).tobytes()


def idx_seeds():
    images = (np.arange(2 * 4 * 4) % 256).astype(np.uint8).reshape(2, 4, 4)
    put("idx", "images", idx_bytes(images))
    put("idx", "labels", idx_bytes(np.array([3, 7], dtype=np.uint8)))
    put("idx", "float", idx_bytes(np.linspace(-1, 1, 6, dtype=np.float32).reshape(3, 2)))
    put("idx", "images_gz", gzip.compress(idx_bytes(images), mtime=0))


def cifar_seeds():
    rng = np.random.default_rng(0)
    rec10 = [bytes([i % 10]) + rng.integers(0, 256, 3072, dtype=np.uint8).tobytes() for i in range(2)]
    put("cifar", "cifar10", b"\x00" + b"".join(rec10))
    rec100 = [bytes([i % 20, i % 100]) + rng.integers(0, 256, 3072, dtype=np.uint8).tobytes() for i in range(2)]
    put("cifar", "cifar100", b"\x01" + b"".join(rec100))


def loader_seeds():
    # The harness reads these bytes as its choices (see fuzz_loader.cpp); the
    # seeds are the byte strings of a few valid configurations.
    put("loader", "plain", bytes([3, 2, 3, 3, 1]) + bytes(range(72)) + bytes([0, 0, 4, 5, 3, 0, 7, 1, 0]))
    put("loader", "augment", bytes([1, 0, 5, 5, 0]) + bytes(range(36)) + bytes([1, 4, 4, 1, 2, 2, 2, 2, 4, 4, 1, 2, 0, 1])
        + bytes(range(256)) + bytes([1, 9, 1]) + bytes([0, 1, 8, 0, 1, 2, 3, 1, 2, 3, 3, 1, 9, 1, 1]))


if __name__ == "__main__":
    import tempfile
    safetensors_seeds()
    json_seeds()
    with tempfile.TemporaryDirectory() as tmp:
        graph_seeds(Path(tmp))
    idx_seeds()
    cifar_seeds()
    loader_seeds()
    print("\n".join(f"{d.name}: {len(list(d.iterdir()))} files" for d in sorted(ROOT.iterdir())))
