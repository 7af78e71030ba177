"""``nnlite.distributed``: data-parallel training over MPI, with PyTorch's API.

Start a program under ``mpiexec -n N python train.py``; each process calls
``init_process_group()`` and then the collectives below on its tensors, in
place. MPI comes from the optional ``mpi`` extra (mpi4py and the mpich wheel);
without it nnlite imports fine and these calls say what to install.
"""
from .collectives import (ReduceOp, Work, all_gather, all_gather_into_tensor, all_reduce, barrier, broadcast,
                          irecv, isend, recv, reduce_scatter, reduce_scatter_tensor, send)
from .process_group import (destroy_process_group, get_backend, get_rank, get_world_size, init_process_group,
                            is_available, is_initialized, is_mpi_available)

__all__ = ["ReduceOp", "Work", "all_gather", "all_gather_into_tensor", "all_reduce", "barrier", "broadcast",
           "irecv", "isend", "recv", "reduce_scatter", "reduce_scatter_tensor", "send", "destroy_process_group",
           "get_backend", "get_rank", "get_world_size", "init_process_group", "is_available", "is_initialized",
           "is_mpi_available"]
