"""The source layout rule: no source file over 600 lines (a file that long
holds more than one thing; split it by responsibility)."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 600

# (folder, suffixes) of the sources the rule covers. The generated type stubs
# (python/nnlite/_C/*.pyi, written by scripts/gen-stubs.sh) are outside it:
# a stub is one file per compiled module, Tensor's class alone is about 3,900
# lines of it, and a class cannot be split across stub files without made-up
# base classes, which mypy's messages ('"sum" of "_TensorPart3"') and the API
# reference would then show users.
SOURCES = [
    ("cpp", {".h", ".cc", ".cpp", ".cu", ".inc"}),
    ("python", {".py"}),
    ("tests", {".py"}),
    ("benchmarks", {".py"}),
]
SKIPPED_DIRS = {"build", "__pycache__"}  # build outputs, not sources


def source_files(root: Path):
    """Every covered source file under ``root``, sorted."""
    found = []
    for folder, suffixes in SOURCES:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            parts = path.relative_to(root).parts
            if any(p in SKIPPED_DIRS or p.startswith(".") for p in parts[:-1]):
                continue
            if path.suffix in suffixes and path.is_file():
                found.append(path)
    return sorted(found)


def line_count(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def too_long(root: Path, limit: int = MAX_LINES):
    """[(path relative to root, lines)] of the covered files over ``limit`` lines."""
    return [(p.relative_to(root).as_posix(), n) for p in source_files(root) if (n := line_count(p)) > limit]


def test_no_source_file_over_600_lines():
    offenders = too_long(ROOT)
    assert not offenders, "source files over %d lines (split them by responsibility): %s" % (
        MAX_LINES, ", ".join(f"{path} ({n} lines)" for path, n in offenders))


def test_the_scan_sees_every_kind_of_source():
    names = {p.relative_to(ROOT).as_posix() for p in source_files(ROOT)}
    for expected in ["cpp/src/backend/cpu/isa/gemm.cc", "cpp/include/nnlite/ops.h", "python/nnlite/cli.py",
                     "tests/test_layout.py"]:
        assert expected in names
    assert any(n.startswith("benchmarks/") for n in names)
    assert any(n.startswith("cpp/bindings/") for n in names)


@pytest.mark.parametrize("lines, flagged", [(600, False), (601, True)])
def test_the_rule_flags_a_long_file_by_name(tmp_path, lines, flagged):
    (tmp_path / "cpp" / "src").mkdir(parents=True)
    (tmp_path / "cpp" / "src" / "big.cc").write_text("x\n" * lines)
    (tmp_path / "python").mkdir()
    (tmp_path / "python" / "notes.txt").write_text("x\n" * 1000)  # not a covered suffix
    (tmp_path / "python" / "build").mkdir()
    (tmp_path / "python" / "build" / "generated.py").write_text("x\n" * 1000)  # a build output
    assert too_long(tmp_path) == ([("cpp/src/big.cc", lines)] if flagged else [])
