"""The iterators behind DataLoader.

``BatchIter`` builds batch k with ``make_batch(k)``, either in the calling
thread (``num_workers == 0``) or on worker threads that run at most
``prefetch`` batches ahead; batches come out in order of k whatever thread
built them. ``NativeIter`` wraps the C++ loader.

Both stop and join their threads when exhausted, on ``close()`` and when
garbage collected (breaking out of a ``for`` loop frees the iterator). They
hold no reference to their DataLoader, so once the loader and its
iterators are gone, no thread is left behind.

An exception raised while building a batch is re-raised in the consuming
thread when that batch's turn comes, as the same exception object, so its
traceback still shows the worker's frames.
"""
from __future__ import annotations

import threading
import time
from typing import Callable


class _Shared:
    """State shared by a BatchIter and its workers. The workers hold only this
    (never the iterator), so dropping the iterator runs its __del__, which
    stops them."""

    def __init__(self, make_batch, num_batches, prefetch, worker_init=None):
        self.make = make_batch
        self.worker_init = worker_init
        self.n = num_batches
        self.prefetch = max(1, prefetch)
        self.cv = threading.Condition()
        self.results = {}  # k -> (ok, batch or exception)
        self.next_claim = 0
        self.next_out = 0
        self.closed = False


def _work(sh: _Shared, worker_id: int):
    cv = sh.cv
    if sh.worker_init is not None:
        try:
            sh.worker_init(worker_id)
        except BaseException as e:   # the batch this worker would take next reports it
            with cv:
                k = sh.next_claim
                sh.next_claim += 1
                if not sh.closed and k < sh.n:
                    sh.results[k] = (False, e)
                cv.notify_all()
            return
    while True:
        with cv:
            while not sh.closed and sh.next_claim < sh.n and sh.next_claim >= sh.next_out + sh.prefetch:
                cv.wait()
            if sh.closed or sh.next_claim >= sh.n:
                return
            k = sh.next_claim
            sh.next_claim += 1
        try:
            result = (True, sh.make(k))
        except BaseException as e:  # handed to the consumer, who re-raises it
            result = (False, e)
        with cv:
            if not sh.closed:
                sh.results[k] = result
            cv.notify_all()
        del result


class BatchIter:
    def __init__(self, make_batch: Callable[[int], object], num_batches: int, num_workers: int = 0,
                 prefetch: int = 2, worker_init=None, timeout: float = 0.0):
        self._sh = _Shared(make_batch, num_batches, prefetch, worker_init)
        self._timeout = timeout   # seconds to wait for one batch from the workers; 0: no limit
        self._threads = []
        for i in range(min(num_workers, num_batches)):
            t = threading.Thread(target=_work, args=(self._sh, i), name=f"nnlite-DataLoader-worker-{i}",
                                 daemon=True)
            self._threads.append(t)
            t.start()

    def __iter__(self):
        return self

    def __len__(self):
        return self._sh.n - self._sh.next_out

    def __next__(self):
        sh = self._sh
        if sh.closed or sh.next_out >= sh.n:
            self.close()
            raise StopIteration
        k = sh.next_out
        if not self._threads:
            sh.next_out += 1
            try:
                return sh.make(k)
            except BaseException:
                self.close()
                raise
        with sh.cv:
            deadline = time.monotonic() + self._timeout if self._timeout else None
            while k not in sh.results and not sh.closed:
                if deadline is None:
                    sh.cv.wait()
                elif not sh.cv.wait(max(0.0, deadline - time.monotonic())) and k not in sh.results:
                    sh.closed = True
                    sh.cv.notify_all()
                    raise RuntimeError(f"DataLoader timed out after {self._timeout:g} seconds waiting for batch {k}")
            if k not in sh.results:
                raise StopIteration
            ok, value = sh.results.pop(k)
            sh.next_out += 1
            sh.cv.notify_all()
        if ok:
            if sh.next_out >= sh.n:
                self.close()
            return value
        self.close()
        _raise_from_worker(value, k)

    def close(self):
        """Stop the workers and wait for them (each finishes the batch in hand)."""
        sh = self._sh
        with sh.cv:
            sh.closed = True
            sh.results.clear()
            sh.cv.notify_all()
        current = threading.current_thread()
        for t in self._threads:
            if t is not current:
                t.join()
        self._threads = []

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


def _raise_from_worker(exc: BaseException, k: int):
    if isinstance(exc, StopIteration):  # would end the caller's loop silently
        raise RuntimeError(f"DataLoader: StopIteration raised while loading batch {k}") from exc
    if hasattr(exc, "add_note"):
        exc.add_note(f"(raised in a DataLoader worker thread while loading batch {k})")
    raise exc


class NativeIter:
    """Batches from a C++ ``_BatchLoader``, packed into the dataset's structure."""

    def __init__(self, loader, pack):
        self._loader = loader
        self._pack = pack
        self._left = loader.num_batches

    def __iter__(self):
        return self

    def __len__(self):
        return self._left

    def __next__(self):
        if self._loader is None:
            raise StopIteration
        try:
            batch = self._loader.next()
        except BaseException:
            self.close()
            raise
        if batch is None:
            self.close()
            raise StopIteration
        self._left -= 1
        if self._left == 0:
            self.close()
        return self._pack(batch)

    def close(self):
        loader, self._loader = self._loader, None
        if loader is not None:
            loader.stop()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass
