"""The one place that imports mpi4py, so a CPU install without the ``mpi``
extra imports nnlite fine and fails only when distributed work is asked for."""


def mpi():
    """The ``mpi4py.MPI`` module, or an ImportError that says what to install."""
    try:
        from mpi4py import MPI
    except ImportError as err:
        raise ImportError("nnlite.distributed needs mpi4py and an MPI library: pip install 'nnlite[mpi]' "
                          "(mpi4py with the mpich wheel; no system MPI needed)") from err
    return MPI


def available() -> bool:
    try:
        mpi()
    except ImportError:
        return False
    return True
