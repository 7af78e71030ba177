"""Docstrings of the public API: new public names must have one (the names
still without, tests/docstring_allowlist.txt, may only shrink), and every
example in them runs as a doctest."""
import doctest
import pathlib

import pytest

import nnlite
from docstring_check import documented, own_doc, public_objects, undocumented

ALLOWLIST = pathlib.Path(__file__).with_name("docstring_allowlist.txt")


def allowed():
    return {ln.strip() for ln in ALLOWLIST.read_text().splitlines() if ln.strip() and not ln.startswith("#")}


def test_new_public_names_have_docstrings():
    missing = sorted(set(undocumented()) - allowed())
    assert not missing, "public names without a docstring (Google style: summary, Args, Returns, Raises, " \
                        f"Example): {missing}"


def test_allowlist_only_shrinks():
    objects = dict(public_objects())
    done = sorted(n for n in allowed() if n in objects and documented(n, objects[n]))
    gone = sorted(n for n in allowed() if n not in objects)
    assert not done and not gone, f"remove from {ALLOWLIST.name}: documented now {done}, no longer public {gone}"


def examples():
    parser = doctest.DocTestParser()
    for name, obj in public_objects():
        doc = own_doc(obj)
        if ">>>" in doc:
            yield pytest.param(name, parser.get_doctest(doc, {"nnlite": nnlite}, name, None, 0), id=name)


@pytest.mark.parametrize("name, test", list(examples()))
def test_docstring_example(name, test):
    nnlite.manual_seed(0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    out = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)


def test_there_are_examples():
    # the collector finds the examples of C++ and Python docstrings alike
    names = {p.values[0] for p in examples()}
    assert {"nnlite.sum", "nnlite.zeros", "nnlite.optim.SGD"} <= names
