"""atheris harness: the restricted unpickler (CIFAR's python format) on any
bytes. It may refuse an input only with ValueError naming the input; any other
exception, a hang or memory past atheris's -rss_limit_mb is a finding.
    PYTHONPATH=python python fuzz/atheris_pickle.py fuzz/corpus/pickle -atheris_runs=100000
"""
import sys

from nnlite.data.datasets import safe_pickle


def one_input(data: bytes) -> None:
    try:
        safe_pickle.loads(data, "fuzz.pkl")
    except ValueError as e:
        assert "fuzz.pkl" in str(e), f"the error does not name the input: {e}"


if __name__ == "__main__":
    import atheris

    atheris.instrument_all()  # coverage of the unpickler's pre-check and nnlite's code
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
