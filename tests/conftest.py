# Shared fixtures of the test suite.
import importlib.util
import os
import sys

import numpy as np
import pytest

# Developers run `PYTHONPATH=python pytest`; when nnlite is not importable at
# all (neither installed nor on the path), fall back to the source tree so a
# plain `pytest` after scripts/dev-build.sh works too.
if importlib.util.find_spec("nnlite") is None:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "python"))

# op_check.py and other helpers sit beside the tests.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def _cuda_available():
    try:
        import nnlite

        return nnlite.cuda.is_available()
    except Exception:  # an unbuilt tree: the import errors show in the tests themselves
        return False


# The devices an op test runs on: the CPU always, CUDA marked `cuda` and
# skipped without a GPU. Use the `device` fixture, or DEVICES in a
# parametrize of its own.
DEVICES = [
    pytest.param("cpu", id="cpu"),
    pytest.param("cuda", id="cuda", marks=[
        pytest.mark.cuda, pytest.mark.skipif(not _cuda_available(), reason="no CUDA GPU")]),
]


@pytest.fixture(params=DEVICES)
def device(request):
    """"cpu", then "cuda" (marked `cuda`, skipped without a GPU)."""
    return request.param


@pytest.fixture
def torch():
    """The torch module, or a skip when it is not installed."""
    return pytest.importorskip("torch")


@pytest.fixture
def rng():
    """A seeded NumPy generator, so every test draws the same numbers each run."""
    return np.random.default_rng(1234)


@pytest.fixture
def one_thread():
    """nnlite on one thread for the test: bitwise-repeatable training, and small
    models that do not wait on a second thread of a busy machine."""
    import nnlite

    before = nnlite.get_num_threads()
    nnlite.set_num_threads(1)
    yield
    nnlite.set_num_threads(before)


@pytest.fixture(autouse=True)
def _seed_and_grad_mode():
    # Every test starts from the same default-generator state and with grad
    # mode on, whatever the test before it left behind.
    import nnlite

    nnlite.manual_seed(0)
    nnlite.set_grad_enabled(True)
    yield
    nnlite.set_grad_enabled(True)
