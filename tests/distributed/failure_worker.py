"""Run under ``mpiexec -n 2``: rank 1 fails in the way argv[1] names while rank
0 waits in an all-reduce. The job must end (not hang) with rank 0 or MPI
reporting the failure."""
import datetime
import os
import sys

import nnlite
import nnlite.distributed as dist

mode = sys.argv[1]
dist.init_process_group(timeout=datetime.timedelta(seconds=float(sys.argv[2])))
if dist.get_rank() == 1:
    if mode == "raise":
        raise RuntimeError("rank 1 fails on purpose")
    if mode == "exit":
        os._exit(3)           # dies without a word, as a killed process does
    if mode == "hang":
        import time
        time.sleep(3600)      # alive but never joins
dist.all_reduce(nnlite.ones(4))
print("rank 0 finished the all-reduce", flush=True)
