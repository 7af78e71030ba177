#!/usr/bin/env python
"""Run public PyTorch programs twice, on PyTorch and on nnlite, changing only imports.

Issue 12 asks that a new user can take a PyTorch example, change its imports and
have it run and learn. This script makes that trial repeatable:

    python scripts/pytorch_trial.py PROGRAMS_DIR MANIFEST.json [--only NAME ...]

PROGRAMS_DIR holds one folder per program (the programs themselves stay outside
this repository: their code is not ours). MANIFEST.json is a list of entries:

    {"name": "mnist_cnn", "dir": "mnist", "entry": "main.py",
     "args": ["--epochs", "1"], "metric": "Accuracy: (\\d+)/",
     "mnist": ["../data", "MNIST"], "timeout": 120}

Optional keys: ``before`` (scripts run first, e.g. a data generator), ``mkdirs``
(folders the program expects to exist), ``timeout`` (seconds, default 120).

``metric`` is a regular expression whose first group, at its last match in the
output, is the figure compared; ``mnist`` = [root, class name] lays the embedded
MNIST files out under ``root/<class name>/raw`` (relative to the program's folder)
as torchvision expects; naming "FashionMNIST" there puts MNIST digits where a
Fashion-MNIST program looks (no Fashion-MNIST files are available offline). Each run gets a fresh copy of
the program's folder; for nnlite every ``.py`` file in it has its imports
rewritten (see ``rewrite_imports``) and nothing else.
"""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNIST_FILES = "/work/shared/data/mnist-5k"

# (pattern, replacement) applied line by line, first match wins. Order matters:
# the torchvision forms must be tried before the plain ``torch`` ones.
_RULES = [
    (r"^(\s*)from torchvision import (.*)$", r"\1from nnlite.data import \2"),
    (r"^(\s*)from torchvision\.utils import (.*)$", r"\1from nnlite.utils import \2"),
    (r"^(\s*)from torchvision\.(datasets|transforms) import (.*)$", r"\1from nnlite.data.\2 import \3"),
    (r"^(\s*)import torchvision\.(datasets|transforms) as (\w+)\s*$", r"\1import nnlite.data.\2 as \3"),
    (r"^(\s*)import torchvision\.utils as (\w+)\s*$", r"\1import nnlite.utils as \2"),
    (r"^(\s*)import torch\s*$", r"\1import nnlite as torch"),
    (r"^(\s*)import torch\.([\w.]+) as (\w+)\s*$", r"\1import nnlite.\2 as \3"),
    # ``import torch.utils.data`` binds the name ``torch`` too.
    (r"^(\s*)import torch\.([\w.]+)\s*$", r"\1import nnlite.\2; import nnlite as torch"),
    (r"^(\s*)from torch import (.*)$", r"\1from nnlite import \2"),
    (r"^(\s*)from torch\.([\w.]+) import (.*)$", r"\1from nnlite.\2 import \3"),
]


def rewrite_imports(source):
    """Return ``source`` with its torch/torchvision import lines pointed at nnlite."""
    out = []
    for line in source.splitlines(keepends=True):
        body, end = (line[:-1], "\n") if line.endswith("\n") else (line, "")
        for pattern, repl in _RULES:
            new, n = re.subn(pattern, repl, body)
            if n:
                body = new
                break
        out.append(body + end)
    return "".join(out)


def _lay_out_mnist(root, class_name):
    """Unpack the embedded MNIST files where torchvision looks: root/<class_name>/raw."""
    raw = os.path.join(root, class_name, "raw")
    os.makedirs(raw, exist_ok=True)
    for name in os.listdir(MNIST_FILES):
        if name.endswith(".gz"):
            with gzip.open(os.path.join(MNIST_FILES, name)) as src, \
                    open(os.path.join(raw, name[:-3]), "wb") as dst:
                shutil.copyfileobj(src, dst)


def run_one(entry, programs, backend, scratch, extra_path=None):
    """Run one program on one backend; return (ran_to_end, metric, seconds, tail)."""
    base = os.path.join(scratch, backend, entry["name"])
    work = os.path.join(base, "work")
    shutil.copytree(os.path.join(programs, entry["dir"]), work)
    if entry.get("mnist"):
        root, class_name = entry["mnist"]
        _lay_out_mnist(os.path.join(work, root), class_name)
    for sub in entry.get("mkdirs", []):
        os.makedirs(os.path.join(work, sub), exist_ok=True)
    if backend == "nnlite":
        for name in os.listdir(work):
            if name.endswith(".py"):
                path = os.path.join(work, name)
                with open(path) as f:
                    text = f.read()
                with open(path, "w") as f:
                    f.write(rewrite_imports(text))
    paths = [os.path.join(REPO, "python")] + list(extra_path or [])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths), OMP_NUM_THREADS="2")
    start = time.time()
    try:
        output, ok = "", True
        # ``before``: scripts the program's README says to run first (data generators).
        for script in entry.get("before", []) + [entry["entry"]]:
            args = entry.get("args", []) if script == entry["entry"] else []
            proc = subprocess.run([sys.executable, script] + args, cwd=work, env=env,
                                  capture_output=True, text=True, timeout=entry.get("timeout", 120))
            output += proc.stdout + proc.stderr
            if proc.returncode != 0:
                ok = False
                break
    except subprocess.TimeoutExpired as e:
        output = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        output, ok = output + "\n[timed out]", False
    seconds = time.time() - start
    found = re.findall(entry["metric"], output)
    metric = found[-1] if found else None
    if isinstance(metric, tuple):
        metric = metric[0]
    return ok, metric, seconds, output[-1500:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("programs", help="folder with one sub-folder per program")
    parser.add_argument("manifest", help="JSON list of programs (see the module docstring)")
    parser.add_argument("--only", nargs="*", help="run only these names")
    parser.add_argument("--backends", nargs="*", default=["torch", "nnlite"])
    parser.add_argument("--extra-path", action="append", default=[],
                        help="a folder put on PYTHONPATH of every run (e.g. a torchvision stand-in where "
                        "torchvision is not installed, or an offline `requests`); may be repeated")
    parser.add_argument("--show-failures", action="store_true", help="print the output tail of failed runs")
    args = parser.parse_args()
    with open(args.manifest) as f:
        entries = json.load(f)
    if args.only:
        entries = [e for e in entries if e["name"] in args.only]
    scratch = tempfile.mkdtemp(prefix="pytorch_trial_")
    rows = []
    for entry in entries:
        row = [entry["name"]]
        for backend in args.backends:
            ok, metric, seconds, tail = run_one(entry, args.programs, backend, scratch, args.extra_path)
            row.append("%s %s (%.0fs)" % ("ok" if ok else "FAILED", metric, seconds))
            if not ok and args.show_failures:
                print("---- %s on %s ----\n%s" % (entry["name"], backend, tail))
        rows.append(row)
        print(" | ".join(row), flush=True)
    print("\n| program | " + " | ".join(args.backends) + " |")
    print("|---|" + "---|" * len(args.backends))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
