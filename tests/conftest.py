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


def _stand_in_available():
    try:
        from nnlite import _C

        return hasattr(_C._cuda_host, "set_host_cuda")
    except Exception:
        return False


GPU = _cuda_available()

# The devices an op test runs on: the CPU always, and "cuda", marked `cuda`.
# Without a GPU, "cuda" is the backend's host stand-in for the test's
# duration (_C._cuda_host.set_host_cuda): "cuda" tensors in host memory, and
# every call to the CUDA backend checked to get only tensors on its device
# before the CPU kernels run it. So the device handling of the ops, autograd
# and modules is tested on every machine; the kernels only on a GPU. Use the
# `device` fixture, or DEVICES in a parametrize of its own.
DEVICES = [
    pytest.param("cpu", id="cpu"),
    pytest.param("cuda", id="cuda", marks=[
        pytest.mark.cuda, pytest.mark.skipif(not GPU and not _stand_in_available(), reason="no CUDA GPU")]),
]


@pytest.fixture(params=DEVICES)
def device(request):
    """"cpu", then "cuda" (marked `cuda`; the host stand-in without a GPU)."""
    return request.param


@pytest.fixture(autouse=True)
def _cuda_stand_in(request):
    """For a test parametrised with device "cuda": the host stand-in on a machine
    without a GPU, and afterwards the device's pending checks drained, so an index
    fault a test left unread does not surface in the next test."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or callspec.params.get("device") != "cuda":
        yield
        return
    import nnlite
    from nnlite import _C

    if not GPU:
        _C._cuda_host.set_host_cuda(True)
    try:
        yield
    finally:
        try:
            nnlite.cuda.synchronize()
        except IndexError:
            pass
        if not GPU:
            _C._cuda_host.set_host_cuda(False)


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
