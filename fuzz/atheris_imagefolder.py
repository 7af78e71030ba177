"""atheris harness: ImageFolder decoding a hostile image file with Pillow. The
dataset may refuse it only with ValueError naming the file (pil_loader's
contract); any other exception is a finding.
    PYTHONPATH=python python fuzz/atheris_imagefolder.py fuzz/corpus/imagefolder -atheris_runs=20000
"""
import sys
import tempfile
from pathlib import Path

from nnlite.data.datasets import ImageFolder

_ROOT = Path(tempfile.mkdtemp(prefix="nnlite-fuzz-imagefolder-"))
(_ROOT / "cls").mkdir()
_FILE = _ROOT / "cls" / "img.png"  # Pillow detects the format from the bytes, not the name


def one_input(data: bytes) -> None:
    _FILE.write_bytes(data)
    dataset = ImageFolder(str(_ROOT))
    try:
        image, label = dataset[0]
        image.load()
        assert label == 0
    except ValueError as e:
        assert "img.png" in str(e), f"the error does not name the file: {e}"


if __name__ == "__main__":
    import atheris

    atheris.instrument_all()  # coverage of Pillow's Python decoders and nnlite's code
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
