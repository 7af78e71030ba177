"""torch.xpu's availability questions, answered for nnlite (which has no Intel GPU
backend), so that scripts that probe ``torch.xpu.is_available()`` before choosing
a device run unchanged and pick the CPU."""


def is_available():
    """False: nnlite has no XPU backend."""
    return False


def device_count():
    """0: nnlite has no XPU backend."""
    return 0
