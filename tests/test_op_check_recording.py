"""op_check.check_op also runs each op inside an export recording: an op that
neither records itself nor refuses would be frozen into exported graphs as a
constant. These tests show that the check catches that and accepts the rest."""
import pytest

import nnlite
from op_check import _check_recorded


def test_an_op_that_runs_unrecorded_is_caught():
    # ones() does not depend on x: under export its result is a constant, as an
    # op that forgot to report itself would give.
    with pytest.raises(AssertionError, match="ran unrecorded under export"):
        _check_recorded([nnlite.randn(3)], lambda x: nnlite.ones(3) * 2, {})


def test_recorded_refused_and_aliased_ops_pass():
    x = nnlite.randn(2, 3)
    _check_recorded([x], lambda x: nnlite.exp(x), {})                 # records a node
    _check_recorded([x], lambda x: nnlite.multinomial(x.abs(), 1), {})  # refuses with ExportError
    _check_recorded([x], lambda x: x.contiguous(), {})                # returns its input
