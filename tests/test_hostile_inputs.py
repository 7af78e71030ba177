"""Regression tests for issue 16: bugs found by fuzzing nnlite with hostile
files and arguments."""
import struct

import pytest

import nnlite


def with_header(header: bytes) -> bytes:
    """A safetensors-layout file (also the graph file's layout): 8-byte length, then the header."""
    return struct.pack("<Q", len(header)) + header


@pytest.mark.parametrize("loader, name", [(nnlite.load, "bad.safetensors"), (nnlite.load_graph, "bad.nnlg")])
def test_non_ascii_byte_after_backslash_gives_a_clear_utf8_message(tmp_path, loader, name):
    # The raw byte 0xC3 used to be copied into the message, which Python could not decode.
    path = tmp_path / name
    path.write_bytes(with_header('{"a\\é":1}'.encode()))
    with pytest.raises(ValueError) as err:
        loader(path)
    msg = str(err.value)
    assert name in msg and "unknown escape" in msg and "0xC3" in msg
    assert "offset" in msg or "byte" in msg


def test_expand_refuses_element_counts_past_int64():
    with pytest.raises(ValueError, match=r"expand: .*more elements than int64"):
        nnlite.ones(1, 1).expand(2**32, 2**32)


def test_expand_still_allows_large_counts_within_int64():
    assert nnlite.ones(1, 1).expand(2**31, 2**31).shape == (2**31, 2**31)


def test_restricted_unpickler_bounds_memo_indices():
    from nnlite.data.datasets import safe_pickle
    # PROTO 2, NONE, LONG_BINPUT 175399797, STOP: CPython's unpickler would allocate ~2.7 GB for the memo.
    data = b"\x80\x02N" + b"r" + struct.pack("<I", 175399797) + b"."
    with pytest.raises(ValueError, match=r"'evil.pkl' is not a safe dataset pickle: memo index 175399797"):
        safe_pickle.loads(data, "evil.pkl")
    with pytest.raises(ValueError, match="memo index 4294967295"):
        safe_pickle.loads(b"\x80\x02N" + b"r" + b"\xff" * 4 + b".")


def test_restricted_unpickler_still_loads_memoised_pickles():
    import pickle

    import numpy as np
    from nnlite.data.datasets import safe_pickle
    shared = [1, 2]
    obj = {"data": np.arange(6, dtype=np.uint8).reshape(2, 3), "a": shared, "b": shared, "s": "x" * 300}
    for proto in range(0, 6):
        back = safe_pickle.loads(pickle.dumps(obj, protocol=proto))
        assert back["a"] is back["b"] and back["s"] == obj["s"]
        np.testing.assert_array_equal(back["data"], obj["data"])


def test_manual_seed_out_of_range_names_the_call():
    with pytest.raises(ValueError, match=r"manual_seed: seed must be in \[-2\*\*63, 2\*\*64\), got 1180591620717411303424"):
        nnlite.manual_seed(2**70)
    with pytest.raises(TypeError, match="manual_seed: seed must be an int, got str"):
        nnlite.manual_seed("7")
    with pytest.raises(ValueError, match="Generator.manual_seed"):
        nnlite.Generator().manual_seed(-(2**63) - 1)


def test_manual_seed_accepts_torchs_range():
    for seed in (0, -1, -(2**63), 2**64 - 1, 2**63):
        nnlite.manual_seed(seed)
        assert nnlite.initial_seed() == seed % 2**64


def _temps(directory, target):
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(f".{target}.") and p.name.endswith(".tmp"))


def test_killed_saves_leave_temporaries_that_the_next_save_removes(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    # A child that saves a large tensor in a loop: SIGKILL lands mid-write.
    script = ("import nnlite, sys\nt = nnlite.ones(16 * 2**20)\nprint('ready', flush=True)\n"
              "while True:\n    nnlite.save({'w': t}, sys.argv[1])\n")
    target = tmp_path / "ckpt.safetensors"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    for _ in range(3):
        child = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, env=env)
        assert child.stdout.readline().strip() == b"ready"
        deadline = time.monotonic() + 30
        while not _temps(tmp_path, target.name) and time.monotonic() < deadline:
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.wait()
    leftover = _temps(tmp_path, target.name)
    assert leftover, "the killed saves should have left a temporary behind (the test did not kill mid-save)"
    # Someone else's temporary-looking file and another target's temporaries are not ours to remove.
    (tmp_path / ".ckpt.safetensors.notes.tmp").write_bytes(b"x")
    (tmp_path / ".other.safetensors.1-0-ab-0.tmp").write_bytes(b"x")
    nnlite.save({"w": nnlite.zeros(3)}, target)
    assert _temps(tmp_path, target.name) == [".ckpt.safetensors.notes.tmp"]
    assert (tmp_path / ".other.safetensors.1-0-ab-0.tmp").exists()
    assert nnlite.load(target)["w"].tolist() == [0.0, 0.0, 0.0]


def test_a_save_never_removes_the_temporary_of_a_live_save(tmp_path):
    import threading
    # Many threads saving the same target at once: each one's cleanup runs
    # while the others are writing, and every save must still succeed.
    target = tmp_path / "shared.safetensors"
    errors = []

    def work(i):
        try:
            for _ in range(20):
                nnlite.save({"w": nnlite.full((50000,), float(i))}, target)
        except Exception as e:  # noqa: BLE001 - collected and reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert _temps(tmp_path, target.name) == []
    assert len(set(nnlite.load(target)["w"].tolist())) == 1


HUGE = r"output size \(H: 2147483648, W: 2147483648\) for input float32 tensor of shape \[1, 1, 2, 2\]"


def test_interpolate_to_an_absurd_size_is_refused_before_allocating():
    import nnlite.nn.functional as F
    # Used to allocate (overcommit) an 8 GB index map and get the process killed, or raise a bare bad_alloc.
    with pytest.raises(ValueError, match="upsample_nearest2d: " + HUGE + r" would need more than 2\^63 bytes"):
        F.interpolate(nnlite.ones(1, 1, 2, 2), size=(2**31, 2**31))
    # Within the address space but past what arange can index: the op and sizes are named too, at once.
    with pytest.raises(ValueError, match=r"upsample_nearest2d: output size \(H: 1099511627776, W: 4\)"):
        F.interpolate(nnlite.ones(1, 1, 2, 2), size=(2**40, 4))
    assert F.interpolate(nnlite.ones(1, 1, 2, 2), size=(7, 5)).shape == (1, 1, 7, 5)


def test_graph_upsample_with_an_absurd_size_is_refused(tmp_path):
    import nnlite.nn.functional as F

    class Up(nnlite.nn.Module):
        def forward(self, x):
            return F.interpolate(x, size=(7, 5))

    path = tmp_path / "up.nnlg"
    nnlite.export(Up(), nnlite.ones(1, 1, 2, 2), path)
    data = path.read_bytes()
    n = struct.unpack("<Q", data[:8])[0]
    header = data[8:8 + n].replace(b'\\"size\\":[7,5]', b'\\"size\\":[2147483648,2147483648]')
    assert header != data[8:8 + n]
    path.write_bytes(with_header(header) + data[8 + n:])
    graph = nnlite.load_graph(path)
    with pytest.raises(ValueError, match="upsample_nearest2d: " + HUGE):
        graph(nnlite.ones(1, 1, 2, 2))


def test_save_names_keys_and_values_it_cannot_store():
    from nnlite import serialization
    with pytest.raises(TypeError, match=r"save_file: tensors must be a dict of str to nnlite.Tensor, got the key 1 "
                                        r"of type int"):
        serialization.save_file({1: nnlite.ones(2)}, "unused.safetensors")
    with pytest.raises(TypeError, match=r"save: metadata must be a dict of str to str, got a value of type int at key 'a'"):
        nnlite.save({"a": nnlite.ones(2)}, "unused.safetensors", metadata={"a": 1})
    with pytest.raises(TypeError, match=r"save: a dict at the top level has a key of type tuple; keys must be str, int"):
        nnlite.save({(1, 2): nnlite.ones(2)}, "unused.safetensors")


@pytest.mark.parametrize("data, where", [
    ([[1, 2], [3]], r"data\[1\] is a sequence of length 1 but data\[0\] is a sequence of length 2"),
    ([[1, 2], 3], r"data\[1\] is a scalar but data\[0\] is a sequence of length 2"),
    ([[[1], [2]], [[1, 2], [3]]], r"data\[1\]\[1\] is a sequence of length 1 but data\[1\]\[0\] is a sequence of length 2"),
])
def test_ragged_nested_lists_name_the_place(data, where):
    with pytest.raises(ValueError, match=r"tensor: the nested sequence is ragged: " + where + "; expected a rectangular"):
        nnlite.tensor(data)


def test_python_written_files_remove_stale_temporaries_too(tmp_path):
    from nnlite._files import write_atomically
    target = tmp_path / "model.onnx"
    stale = tmp_path / ".model.onnx.999999-0-1f-0.tmp"  # as a killed writer leaves it: unlocked
    stale.write_bytes(b"x" * 100)
    write_atomically(target, lambda f: f.write(b"new"))
    assert target.read_bytes() == b"new"
    assert _temps(tmp_path, target.name) == []
