"""nnlite.cuda, as torch.cuda: availability, the caching allocator's memory
figures, synchronisation, and minimal Stream/Event objects. nnlite issues all
CUDA work on one stream per process, so Stream() and current_stream() name
that stream."""
from . import _C


def is_compiled():
    """True when this build of nnlite contains the CUDA backend."""
    return _C.cuda_is_compiled()


def is_available():
    """True when the CUDA backend is compiled in and a GPU answers."""
    return _C.cuda_is_available()


def device_count():
    return _C.cuda_device_count()


def manual_seed(seed):
    """torch.cuda.manual_seed: nnlite draws its random numbers from the generator
    that nnlite.manual_seed seeds, on every device, so there is nothing more to seed."""
    int(seed)  # torch refuses what is not a number


def manual_seed_all(seed):
    manual_seed(seed)


def _device_arg(device):
    # torch accepts a device for every call below; nnlite has one GPU stream
    # and one allocator, so the argument only has to be a sensible one.
    if device is not None and not isinstance(device, (int, str)) and not hasattr(device, "type"):
        raise TypeError(f"nnlite.cuda: expected a device (int, str or nnlite.device), got {type(device).__name__}")


def memory_allocated(device=None):
    """Bytes held by live CUDA tensors (their size classes), 0 without CUDA."""
    _device_arg(device)
    return _C.cuda_memory_allocated()


def max_memory_allocated(device=None):
    """The peak of memory_allocated() since start or reset_peak_memory_stats()."""
    _device_arg(device)
    return _C.cuda_max_memory_allocated()


def memory_reserved(device=None):
    """Bytes the caching allocator holds from the device: live blocks plus cached ones."""
    _device_arg(device)
    return _C.cuda_memory_reserved()


def reset_peak_memory_stats(device=None):
    _device_arg(device)
    _C.cuda_reset_peak_memory_stats()


def empty_cache():
    """Returns the allocator's cached (unused) blocks to the device."""
    _C.cuda_empty_cache()


def synchronize(device=None):
    """Waits until every kernel and copy issued so far has finished."""
    _device_arg(device)
    _C.cuda_synchronize()


class Stream:
    """The stream nnlite's CUDA work runs on (one per process)."""

    def __init__(self, device=None, priority=0):
        _device_arg(device)

    def synchronize(self):
        synchronize()

    def query(self):
        """True when all work issued on the stream has finished."""
        return _C.cuda_stream_query()

    def wait_stream(self, stream):
        if not isinstance(stream, Stream):
            raise TypeError(f"Stream.wait_stream: expected a Stream, got {type(stream).__name__}")
        # Every Stream is the one stream: its work is already ordered.

    def record_event(self, event=None):
        event = Event() if event is None else event
        event.record(self)
        return event

    def __eq__(self, other):
        return isinstance(other, Stream)

    def __hash__(self):
        return 0

    def __repr__(self):
        return "<nnlite.cuda.Stream (the backend's stream)>"


def current_stream(device=None):
    return Stream(device)


def default_stream(device=None):
    return Stream(device)


class Event:
    """A CUDA event, as torch.cuda.Event: record() on the stream, then
    synchronize(), query() or elapsed_time(end) in milliseconds."""

    def __init__(self, enable_timing=False, blocking=False, interprocess=False):
        self._event = _C.CudaEvent(bool(enable_timing))

    def record(self, stream=None):
        if stream is not None and not isinstance(stream, Stream):
            raise TypeError(f"Event.record: expected a Stream, got {type(stream).__name__}")
        self._event.record()

    def synchronize(self):
        self._event.synchronize()

    def query(self):
        return self._event.query()

    def wait(self, stream=None):
        pass  # one stream: work recorded before this event is already ordered before later work

    def elapsed_time(self, end_event):
        if not isinstance(end_event, Event):
            raise TypeError(f"Event.elapsed_time: expected an Event, got {type(end_event).__name__}")
        return self._event.elapsed_time(end_event._event)


def pin_memory(tensor):
    """A copy of a CPU tensor in page-locked host memory, from which copies to
    the GPU run asynchronously (Tensor.pin_memory())."""
    return _C.cuda_pin_memory(tensor)


def is_pinned(tensor):
    return _C.cuda_is_pinned(tensor)


def _pin_batch(batch):
    """DataLoader(pin_memory=True): the batch's tensors pinned, its structure kept."""
    if isinstance(batch, _C.Tensor):
        return pin_memory(batch) if batch.device.type == "cpu" else batch
    if isinstance(batch, tuple) and hasattr(batch, "_fields"):  # namedtuple
        return type(batch)(*(_pin_batch(b) for b in batch))
    if isinstance(batch, (list, tuple)):
        return type(batch)(_pin_batch(b) for b in batch)
    if isinstance(batch, dict):
        return {k: _pin_batch(v) for k, v in batch.items()}
    return batch


def _tensor_pin_memory(self, device=None):
    """A copy of this CPU tensor in page-locked host memory (torch's Tensor.pin_memory).

    Copies from pinned memory to a GPU can run asynchronously; DataLoader(pin_memory=True)
    pins its batches this way when a GPU is present.

    Args:
        device: accepted for torch's signature and ignored.

    Returns:
        Tensor: the pinned copy.

    Raises:
        RuntimeError: without a CUDA device (pinning needs the CUDA driver).
    """
    return pin_memory(self)


def _tensor_is_pinned(self, device=None):
    """Whether this tensor's memory is page-locked (made by Tensor.pin_memory).

    Args:
        device: accepted for torch's signature and ignored.

    Returns:
        bool: True for pinned memory; False for ordinary CPU or GPU memory.

    Example:
        >>> nnlite.ones(2).is_pinned()
        False
    """
    return is_pinned(self)


_C.Tensor.pin_memory = _tensor_pin_memory
_C.Tensor.is_pinned = _tensor_is_pinned


def _register_cublas_dirs():
    # The nvidia-cublas wheels keep libcublas in site-packages/nvidia/cu13/lib
    # (CUDA 13) or nvidia/cublas/lib (CUDA 12), which dlopen does not search:
    # tell the backend where they are. It loads cuBLAS on the first GPU GEMM
    # and falls back to its own kernel when none is found (NNLITE_CUBLAS=0
    # forces that; NNLITE_CUBLAS_PATH names a library explicitly).
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("nvidia")
    except (ImportError, ValueError):
        return
    for root in (spec.submodule_search_locations or []) if spec else []:
        for sub in ("cu13/lib", "cublas/lib"):
            d = os.path.join(root, sub)
            if os.path.isdir(d):
                _C._cuda_add_cublas_search_dir(d)


if _C.cuda_is_compiled():
    _register_cublas_dirs()
