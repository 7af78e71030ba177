"""The README's training example runs as written (one epoch instead of five)."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

import nnlite

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_training_example_learns():
    if not README.exists():
        pytest.skip("no README beside the tests")
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)
    assert blocks, "the README has no Python example"
    code = blocks[0].replace("range(5)", "range(1)")
    env_path = str(Path(nnlite.__file__).resolve().parents[1])
    r = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {env_path!r})\n" + code],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    epoch, acc = r.stdout.split()[-2:]
    assert epoch == "0" and float(acc) > 0.8, r.stdout
