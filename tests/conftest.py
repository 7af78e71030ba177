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
