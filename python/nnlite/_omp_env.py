"""How long OpenMP threads spin before they sleep, set before the runtime
starts (libgomp reads its environment once, when it loads with nnlite._C).

libgomp's default lets an idle thread spin for a long while at every barrier
and between parallel regions. On a machine whose cores are shared with other
busy processes, a thread spinning there holds a core that the thread it waits
for needs: batch-1 ResNet-20 inference, which crosses many small parallel
regions, ran 20-70x onnxruntime's time beside busy processes with the
default, and 3-5x with a short spin (measured in one process, load average
about 15, spinning off in onnxruntime). A short spin still catches the next
region of a quiet machine's back-to-back layers. An explicit GOMP_SPINCOUNT
or OMP_WAIT_POLICY in the environment wins.
"""
import os

SPINCOUNT = "1000"

if "GOMP_SPINCOUNT" not in os.environ and "OMP_WAIT_POLICY" not in os.environ:
    os.environ["GOMP_SPINCOUNT"] = SPINCOUNT
