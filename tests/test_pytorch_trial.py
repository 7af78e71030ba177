"""scripts/pytorch_trial.py rewrites only import lines, and each rewritten line imports."""
import importlib.util
import os

import pytest

_SCRIPT = os.path.join(os.path.dirname(os.path.dirname(__file__)), "scripts", "pytorch_trial.py")
_spec = importlib.util.spec_from_file_location("pytorch_trial", _SCRIPT)
trial = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trial)


@pytest.mark.parametrize("line, expected", [
    ("import torch", "import nnlite as torch"),
    ("import torch.nn as nn", "import nnlite.nn as nn"),
    ("import torch.nn.functional as F", "import nnlite.nn.functional as F"),
    ("import torch.utils.data", "import nnlite.utils.data; import nnlite as torch"),
    ("from torch import nn, optim", "from nnlite import nn, optim"),
    ("from torch.optim.lr_scheduler import StepLR", "from nnlite.optim.lr_scheduler import StepLR"),
    ("from torchvision import datasets, transforms", "from nnlite.data import datasets, transforms"),
    ("from torchvision.utils import save_image", "from nnlite.utils import save_image"),
    ("from torchvision.transforms import ToTensor", "from nnlite.data.transforms import ToTensor"),
    ("import torchvision.datasets as dset", "import nnlite.data.datasets as dset"),
    ("import torchvision.utils as vutils", "import nnlite.utils as vutils"),
    ("    import torch", "    import nnlite as torch"),
])
def test_import_lines_are_rewritten(line, expected):
    assert trial.rewrite_imports(line + "\n") == expected + "\n"


def test_other_lines_are_left_alone():
    src = "x = torch.zeros(3)  # import torch\nprint('from torch import nn')\n"
    assert trial.rewrite_imports(src) == src


@pytest.mark.parametrize("line", [
    "import torch.nn as nn", "from torch.optim.lr_scheduler import StepLR",
    "from torchvision import datasets, transforms", "from torchvision.utils import save_image",
    "import torchvision.datasets as dset", "import torchvision.transforms as transforms",
    "from torch.utils.data import DataLoader", "import torch.utils.data",
])
def test_rewritten_imports_resolve_in_nnlite(line):
    exec(trial.rewrite_imports(line), {})


def test_xpu_namespace_answers_like_torch_without_an_xpu():
    torch = pytest.importorskip("torch")
    import nnlite
    assert nnlite.xpu.is_available() is False
    assert nnlite.xpu.device_count() == 0
    if not torch.xpu.is_available():
        assert nnlite.xpu.is_available() == torch.xpu.is_available()
        assert nnlite.xpu.device_count() == torch.xpu.device_count()


def test_mnist_accepts_torchvisions_download_argument(tmp_path):
    import nnlite
    ds = nnlite.data.datasets.MNIST(None, train=False, download=True)
    assert len(ds) > 0
    with pytest.raises(OSError, match="MNIST"):   # no network here: it names what to fetch and where
        nnlite.data.datasets.MNIST(str(tmp_path), train=True, download=True)
    with pytest.raises(FileNotFoundError, match="not found"):
        nnlite.data.datasets.MNIST(str(tmp_path), train=True)


def test_dropout2d_on_2d_input_is_elementwise_dropout_with_a_warning_as_in_torch():
    # mnist_rnn (pytorch/examples) applies nn.Dropout2d to [N, C] features.
    torch = pytest.importorskip("torch")
    import nnlite
    x = nnlite.ones(64, 32)
    with pytest.warns(UserWarning, match="2-D input"):
        y = nnlite.nn.Dropout2d(0.5)(x)
    with pytest.warns(UserWarning, match="2-D input"):
        ref = torch.nn.Dropout2d(0.5)(torch.ones(64, 32))
    values = set(y.numpy().ravel().tolist())
    assert values == set(ref.numpy().ravel().tolist()) == {0.0, 2.0}
    # element-wise, not whole rows: some row holds both kept and dropped entries
    assert any(len(set(row)) == 2 for row in y.numpy().tolist())
    with pytest.warns(UserWarning):
        assert nnlite.nn.functional.dropout2d(x, 0.5, training=False).numpy().tolist() == x.numpy().tolist()
    z = nnlite.nn.Dropout2d(0.5).eval()
    with pytest.warns(UserWarning):
        assert z(x).numpy().tolist() == x.numpy().tolist()


def test_extra_paths_are_all_put_on_the_path(tmp_path):
    # the GCN program needs an offline `requests` beside the torchvision stand-in
    for name in ("shim_a", "shim_b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}_mod.py").write_text(f"VALUE = '{name}'\n")
    (tmp_path / "progs" / "p").mkdir(parents=True)
    (tmp_path / "progs" / "p" / "main.py").write_text("import shim_a_mod, shim_b_mod\n"
                                                     "print('got', shim_a_mod.VALUE, shim_b_mod.VALUE)\n")
    entry = {"name": "p", "dir": "p", "entry": "main.py", "metric": "got (\\w+)"}
    ok, metric, _, tail = trial.run_one(entry, str(tmp_path / "progs"), "nnlite", str(tmp_path / "scratch"),
                                        [str(tmp_path / "shim_a"), str(tmp_path / "shim_b")])
    assert ok and metric == "shim_a" and "shim_b" in tail
