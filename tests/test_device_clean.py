"""Ops never touch tensor memory on the host.

An op checks arguments, decides shapes and dtypes and calls its backend; only
the backend (cpp/src/backend/) reads or writes tensor data, so that a second
backend (CUDA) runs every op unchanged. This test scans the op sources and the
op parts of the core for host data access and names each offending line.
"""
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Directories scanned, relative to the repository root (every .cpp and .h in them).
SCANNED_DIRS = ["cpp/src/ops", "cpp/src/core", "cpp/src/autograd"]

# What reading or writing tensor memory on the host looks like in C++.
HOST_ACCESS = [
    (re.compile(r"\bdata\s*<"), "data<T>() pointer"),
    (re.compile(r"\bdata_ptr\s*\("), "data_ptr()"),
    (re.compile(r"storage(\(\))?\s*->\s*data\s*\("), "storage data()"),
    (re.compile(r"\b(std::)?mem(cpy|move|set)\b"), "raw memory copy"),
    (re.compile(r"\bstd::(copy|copy_n|copy_backward|fill|fill_n)\b"), "std:: copy/fill"),
]

# The places that genuinely must, as (path, a fragment of the line, why). Each
# entry must still match a line (a stale entry fails), so the list stays short.
ALLOWED = [
    ("cpp/src/core/tensor.cpp", "void* Tensor::data_ptr() const",
     "the accessor itself: pointer arithmetic, reads nothing"),
    ("cpp/src/core/tensor.cpp", "impl_->storage->data()",
     "the accessor's body (same function)"),
    ("cpp/src/core/tensor.cpp", "return *c.data<double>();",
     "item(): reads a value the backend has just copied to the CPU"),
    ("cpp/src/core/tensor.cpp", "return to(Device()).contiguous().data<bool>()[0];",
     "item_scalar() (item<T>): reads a bool the backend has just copied to the CPU"),
    ("cpp/src/core/tensor.cpp", "return *c.data<int64_t>();",
     "item_scalar() (item<T>): reads an int64 the backend has just copied to the CPU"),
    ("cpp/src/core/tensor.cpp", "const double* p = c.data<double>();",
     "operator<< / repr: reads values the backend has just copied to the CPU"),
]


def _strip(line, in_block):
    """The code of one line without comments and string literals; and whether
    a /* */ comment is still open at its end."""
    out, i, n = [], 0, len(line)
    while i < n:
        if in_block:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out), True
            i, in_block = end + 2, False
        elif line.startswith("//", i):
            break
        elif line.startswith("/*", i):
            in_block, i = True, i + 2
        elif line[i] in "\"'":
            quote, i = line[i], i + 1
            while i < n and line[i] != quote:
                i += 2 if line[i] == "\\" else 1
            i += 1
            out.append('""')
        else:
            out.append(line[i])
            i += 1
    return "".join(out), in_block


def scan(root, dirs=SCANNED_DIRS, allowed=ALLOWED):
    """(violations, used allow-list entries): violations as 'path:line: what: code'."""
    bad, used = [], set()
    for d in dirs:
        folder = os.path.join(root, d)
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".cpp", ".h")):
                continue
            rel = f"{d}/{name}"
            in_block = False
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for lineno, raw in enumerate(f, 1):
                    code, in_block = _strip(raw.rstrip("\n"), in_block)
                    hits = [what for pattern, what in HOST_ACCESS if pattern.search(code)]
                    if not hits:
                        continue
                    ok = [k for k, (path, frag, _) in enumerate(allowed) if path == rel and frag in raw]
                    if ok:
                        used.update(ok)
                    else:
                        bad.append(f"{rel}:{lineno}: {', '.join(hits)}: {raw.strip()}")
    return bad, used


def test_ops_do_not_touch_tensor_memory_on_the_host():
    bad, _ = scan(ROOT)
    assert not bad, ("ops must leave tensor memory to the backend (add a backend kernel; "
                     "see docs/architecture.md, Backends):\n" + "\n".join(bad))


def test_allow_list_is_current():
    _, used = scan(ROOT)
    stale = [ALLOWED[k] for k in range(len(ALLOWED)) if k not in used]
    assert not stale, f"allow-list entries that match no line any more: {stale}"


def test_scanner_finds_host_access(tmp_path):
    """The scan is not vacuous: it flags each kind of access, with file and line,
    and skips comments and strings."""
    ops = tmp_path / "cpp" / "src" / "ops"
    ops.mkdir(parents=True)
    (ops / "bad.cpp").write_text(
        "// a comment about memcpy and t.data<float>() is fine\n"
        "Tensor f(const Tensor& t) {\n"
        "  const char* msg = \"data_ptr() in a string is fine\";\n"
        "  int64_t* p = t.data<int64_t>();\n"
        "  std::memcpy(q, t.data_ptr(), 8);  /* data<int>() */\n"
        "  /* a block comment with std::copy\n"
        "     still the comment: t.data<int>() */ std::copy(a, b, c);\n"
        "  return t.storage()->data() ? t : t;\n"
        "}\n")
    bad, _ = scan(str(tmp_path), dirs=["cpp/src/ops"], allowed=[])
    assert [b.split(":")[1] for b in bad] == ["4", "5", "7", "8"], bad
    assert all(b.startswith("cpp/src/ops/bad.cpp:") for b in bad)
    assert "data<T>() pointer" in bad[0] and "raw memory copy" in bad[1] and "data_ptr()" in bad[1]
    # An allow-list entry lets exactly its line through.
    bad, used = scan(str(tmp_path), dirs=["cpp/src/ops"],
                     allowed=[("cpp/src/ops/bad.cpp", "t.data<int64_t>()", "test")])
    assert len(bad) == 3 and used == {0}


@pytest.mark.parametrize("path", sorted({p for p, _, _ in ALLOWED}))
def test_allowed_files_exist(path):
    assert os.path.isfile(os.path.join(ROOT, path))
