"""The prepacked GEMMs (isa/gemm.cc): pack_b + gemm_prepacked, which the
recurrent layers use to pack w_hh once per sequence instead of at every
step, and pack_a + gemm_packed_a, which keeps Winograd's transformed filters
packed between calls: against NumPy in float64 for shapes that cross every
cache block (k blocks of up to 512, column blocks of up to 2048, row
blocks), edge panels, the packed operand in row-major, column-major (a
transpose) and strided views, bias and accumulation."""
import numpy as np
import pytest

import nnlite
from nnlite import _C

SHAPES = [(1, 1, 1), (3, 0, 5), (2, 3, 5), (7, 9, 33), (33, 700, 130), (130, 257, 2100), (5, 1100, 40)]


def _view(b, layout):
    """b (2-d) as an nnlite tensor laid out as asked, same values."""
    if layout == "row":
        return nnlite.from_numpy(np.ascontiguousarray(b))
    if layout == "col":  # a transposed contiguous [N, K]
        return nnlite.from_numpy(np.ascontiguousarray(b.T)).t()
    wide = np.zeros((b.shape[0], 2 * b.shape[1]), b.dtype)  # every other column of a wider matrix
    wide[:, ::2] = b
    return nnlite.from_numpy(wide)[:, ::2]


@pytest.mark.parametrize("pack_a", [False, True])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("layout", ["row", "col", "strided"])
@pytest.mark.parametrize("m,k,n", SHAPES)
def test_prepacked_product_matches_numpy(m, k, n, layout, dtype, pack_a):
    rng = np.random.default_rng(m * 1000 + n)
    a, b = rng.standard_normal((m, k)).astype(dtype), rng.standard_normal((k, n)).astype(dtype)
    bias, c0 = rng.standard_normal(n).astype(dtype), rng.standard_normal((m, n)).astype(dtype)
    tol = dict(rtol=1e-4, atol=1e-4 * np.sqrt(k)) if dtype == np.float32 else dict(rtol=1e-11, atol=1e-11)
    want = a.astype(np.float64) @ b.astype(np.float64)
    for with_bias in (False, True):
        for accumulate in (False, True):
            c = nnlite.from_numpy(c0.copy())
            # The packed operand in the layout under test, the other row-major.
            na = _view(a, layout) if pack_a else nnlite.from_numpy(a)
            nb = nnlite.from_numpy(b) if pack_a else _view(b, layout)
            _C._gemm_prepacked(na, nb, nnlite.from_numpy(bias) if with_bias else None, c, accumulate, pack_a=pack_a)
            expect = want + (bias if with_bias else 0) + (c0 if accumulate else 0)
            np.testing.assert_allclose(c.numpy(), expect, **tol)


def test_prepacked_refuses_mismatched_shapes():
    a, b = nnlite.zeros(3, 4), nnlite.zeros(5, 6)
    with pytest.raises(ValueError, match="_gemm_prepacked"):
        _C._gemm_prepacked(a, b, None, nnlite.zeros(3, 6))
