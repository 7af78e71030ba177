"""Where the random transforms get their randomness.

Inside a DataLoader, every sample is loaded with its own Generator, seeded
from (the epoch's base seed, the sample's position in the epoch) by the same
C++ function the native loader uses. The generator is kept per thread, so
worker threads never share one and the draws do not depend on which thread
loads which sample or when. Outside a DataLoader, transforms draw from
nnlite's default generator (``nnlite.manual_seed`` fixes it).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

import nnlite

_local = threading.local()

# Base seeds are drawn below 2**62 so they are valid int64 and uint64 alike.
_SEED_RANGE = 1 << 62


def current_generator() -> "nnlite.Generator":
    """The generator random transforms should draw from in this thread."""
    g = getattr(_local, "generator", None)
    return g if g is not None else nnlite.default_generator()


@contextmanager
def using_generator(generator):
    """Make ``generator`` this thread's current generator for the block."""
    previous = getattr(_local, "generator", None)
    _local.generator = generator
    try:
        yield generator
    finally:
        _local.generator = previous


def sample_generator(base_seed: int, position: int) -> "nnlite.Generator":
    """The generator of the sample at ``position`` of an epoch with ``base_seed``."""
    return nnlite._C._data_sample_generator(base_seed, position)


def draw_base_seed(generator=None) -> int:
    """One base seed for an epoch, drawn from ``generator`` (default: nnlite's)."""
    g = generator if generator is not None else nnlite.default_generator()
    return int(nnlite._C._data_randint(g, _SEED_RANGE))


def randint(n: int) -> int:
    """Uniform integer in [0, n) from the current generator."""
    return int(nnlite._C._data_randint(current_generator(), int(n)))


def uniform() -> float:
    """Uniform float in [0, 1) from the current generator."""
    return float(nnlite._C._data_uniform(current_generator()))
