"""nnlite.nn.utils.rnn against torch.nn.utils.rnn: packed data, batch sizes
and indices, padded outputs and lengths, gradients through packing and
padding, round trips, PackedSequence's tuple behaviour and conversions, and
the errors for bad lengths and arguments."""
import numpy as np
import pytest

import nnlite
from nnlite.nn.utils import rnn
from op_check import from_array, to_numpy

CASES = [  # (lengths, enforce_sorted)
    ([5, 3, 2], True),
    ([5, 5, 1, 1], True),
    ([2, 5, 3, 4], False),
    ([1], True),
    ([3, 3, 3], False),
]


def padded(rng, lengths, batch_first, trailing=(3,)):
    T, B = max(lengths), len(lengths)
    shape = (B, T) + trailing if batch_first else (T, B) + trailing
    return rng.standard_normal(shape).astype(np.float32)


def both(arr, torch):
    return from_array(arr).requires_grad_(), torch.from_numpy(arr.copy()).requires_grad_()


def assert_packed_equal(p, q):
    np.testing.assert_array_equal(to_numpy(p.data), q.data.detach().numpy())
    assert p.batch_sizes.dtype == nnlite.int64 and p.batch_sizes.device.type == "cpu"
    assert p.batch_sizes.tolist() == q.batch_sizes.tolist()
    for mine, theirs in ((p.sorted_indices, q.sorted_indices), (p.unsorted_indices, q.unsorted_indices)):
        assert (mine is None) == (theirs is None)
        if mine is not None:
            assert mine.dtype == nnlite.int64 and mine.tolist() == theirs.tolist()


@pytest.mark.parametrize("lengths,enforce_sorted", CASES)
@pytest.mark.parametrize("batch_first", [False, True])
def test_pack_padded_matches_torch_with_gradients(torch, rng, lengths, enforce_sorted, batch_first):
    x, tx = both(padded(rng, lengths, batch_first), torch)
    for lens in (lengths, nnlite.tensor(lengths)):  # a list or an int64 tensor
        p = rnn.pack_padded_sequence(x, lens, batch_first=batch_first, enforce_sorted=enforce_sorted)
        q = torch.nn.utils.rnn.pack_padded_sequence(tx, lengths, batch_first=batch_first, enforce_sorted=enforce_sorted)
        assert_packed_equal(p, q)
    w = rng.standard_normal(tuple(q.data.shape)).astype(np.float32)
    (p.data * from_array(w)).sum().backward()
    (q.data * torch.from_numpy(w)).sum().backward()
    np.testing.assert_array_equal(to_numpy(x.grad), tx.grad.numpy())  # zero at the padding


@pytest.mark.parametrize("lengths,enforce_sorted", CASES)
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("total_length,padding_value", [(None, 0.0), (7, -2.5)])
def test_pad_packed_matches_torch_with_gradients(torch, rng, lengths, enforce_sorted, batch_first, total_length,
                                                 padding_value):
    arr = padded(rng, lengths, False)
    q = torch.nn.utils.rnn.pack_padded_sequence(torch.from_numpy(arr), lengths, enforce_sorted=enforce_sorted)
    d, td = both(q.data.numpy(), torch)
    p = rnn.PackedSequence(d, from_array(q.batch_sizes.numpy()),
                           None if q.sorted_indices is None else from_array(q.sorted_indices.numpy()))
    q = torch.nn.utils.rnn.PackedSequence(td, q.batch_sizes, q.sorted_indices)
    out, lens = rnn.pad_packed_sequence(p, batch_first, padding_value, total_length)
    tout, tlens = torch.nn.utils.rnn.pad_packed_sequence(q, batch_first, padding_value, total_length)
    np.testing.assert_array_equal(to_numpy(out), tout.detach().numpy())
    assert lens.dtype == nnlite.int64 and lens.device.type == "cpu" and lens.tolist() == tlens.tolist()
    w = rng.standard_normal(tuple(tout.shape)).astype(np.float32)
    (out * from_array(w)).sum().backward()
    (tout * torch.from_numpy(w)).sum().backward()
    np.testing.assert_allclose(to_numpy(d.grad), td.grad.numpy(), rtol=1e-6)


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("padding_side", ["right", "left"])
@pytest.mark.parametrize("trailing", [(), (2,), (2, 3)])
def test_pad_sequence_matches_torch_with_gradients(torch, rng, batch_first, padding_side, trailing):
    arrays = [rng.standard_normal((n,) + trailing).astype(np.float32) for n in (3, 0, 5, 1)]
    pairs = [both(a, torch) for a in arrays]
    out = rnn.pad_sequence([p for p, _ in pairs], batch_first, 1.5, padding_side)
    tout = torch.nn.utils.rnn.pad_sequence([t for _, t in pairs], batch_first, 1.5, padding_side)
    np.testing.assert_array_equal(to_numpy(out), tout.detach().numpy())
    w = rng.standard_normal(tuple(tout.shape)).astype(np.float32)
    (out * from_array(w)).sum().backward()
    (tout * torch.from_numpy(w)).sum().backward()
    for (p, t) in pairs:
        np.testing.assert_array_equal(to_numpy(p.grad), t.grad.numpy())


def test_pad_sequence_takes_a_tensor_and_keeps_integer_dtypes(torch):
    ids = [nnlite.tensor([4, 2, 7]), nnlite.tensor([9])]
    out = rnn.pad_sequence(ids, batch_first=True, padding_value=-1)
    assert out.dtype == nnlite.int64 and out.tolist() == [[4, 2, 7], [9, -1, -1]]
    stacked = rnn.pad_sequence(nnlite.arange(6).reshape(2, 3))  # unbound along dim 0: 2 sequences of 3
    assert stacked.tolist() == torch.nn.utils.rnn.pad_sequence(torch.arange(6).reshape(2, 3)).tolist()


@pytest.mark.parametrize("enforce_sorted", [True, False])
def test_pack_sequence_and_unpack_round_trip(torch, rng, enforce_sorted):
    lengths = [4, 3, 1] if enforce_sorted else [1, 4, 3]
    arrays = [rng.standard_normal((n, 2)).astype(np.float32) for n in lengths]
    p = rnn.pack_sequence([from_array(a) for a in arrays], enforce_sorted=enforce_sorted)
    q = torch.nn.utils.rnn.pack_sequence([torch.from_numpy(a) for a in arrays], enforce_sorted=enforce_sorted)
    assert_packed_equal(p, q)
    for got, want in zip(rnn.unpack_sequence(p), arrays):
        np.testing.assert_array_equal(to_numpy(got), want)


@pytest.mark.parametrize("batch_first", [False, True])
def test_pad_pack_round_trip_restores_the_valid_steps(rng, batch_first):
    lengths = [2, 6, 4, 6, 1]
    x = from_array(padded(rng, lengths, batch_first, trailing=(2, 2)))
    back, lens = rnn.pad_packed_sequence(
        rnn.pack_padded_sequence(x, lengths, batch_first=batch_first, enforce_sorted=False), batch_first=batch_first)
    assert lens.tolist() == lengths and tuple(back.shape) == tuple(x.shape)
    for b, n in enumerate(lengths):
        got, want = (back[b], x[b]) if batch_first else (back[:, b], x[:, b])
        np.testing.assert_array_equal(to_numpy(got)[:n], to_numpy(want)[:n])
        assert not to_numpy(got)[n:].any()
    parts = rnn.unpad_sequence(back, lens, batch_first=batch_first)
    assert [tuple(p.shape) for p in parts] == [(n, 2, 2) for n in lengths]


def test_packed_sequence_is_a_tuple_and_converts(torch):
    p = rnn.pack_sequence([nnlite.ones(3, 2), nnlite.ones(1, 2)])
    data, batch_sizes, sorted_indices, unsorted_indices = p
    assert data is p.data and batch_sizes.tolist() == [2, 1, 1] and sorted_indices is None and unsorted_indices is None
    assert isinstance(p, tuple) and len(p) == 4 and not p.is_cuda
    assert p.to(nnlite.float32) is p  # nothing to change
    d = p.double()
    assert isinstance(d, rnn.PackedSequence) and d.data.dtype == nnlite.float64 and d.batch_sizes is p.batch_sizes
    u = rnn.pack_sequence([nnlite.ones(1), nnlite.ones(2)], enforce_sorted=False).long()
    assert u.data.dtype == nnlite.int64 and u.sorted_indices.tolist() == [1, 0] and u.unsorted_indices.tolist() == [1, 0]
    legacy = rnn.PackedSequence((p.data, p.batch_sizes))
    assert legacy.data is p.data and legacy.unsorted_indices is None
    assert rnn.invert_permutation(nnlite.tensor([2, 0, 3, 1])).tolist() == [1, 3, 0, 2]
    assert rnn.invert_permutation(None) is None


def test_exported_like_torch():
    import nnlite.nn.utils.rnn as by_import

    assert nnlite.nn.utils.rnn is by_import
    for name in by_import.__all__:
        assert callable(getattr(nnlite.nn.utils.rnn, name)), name


BAD_PACK = [
    (dict(lengths=[3, 5]), ValueError, "sorted in decreasing order"),
    (dict(lengths=[4, 3, 2]), ValueError, "len(lengths) to be the batch size 2, got 3"),
    (dict(lengths=[4, 0]), ValueError, "greater than 0"),
    (dict(lengths=[6, 2]), ValueError, "exceeds the padded sequence length 5"),
    (dict(lengths=[4.0, 2.0]), TypeError, "integers"),
    (dict(lengths=nnlite.tensor([4.0, 2.0])), TypeError, "float32"),
    (dict(lengths=[[4, 2]]), TypeError, "integers"),
    (dict(lengths=nnlite.tensor([[4, 2]])), ValueError, "1-D"),
    (dict(lengths=4), TypeError, "list of ints"),
    (dict(lengths=[4, 2], batch_first=1), TypeError, "batch_first must be a bool"),
]


@pytest.mark.parametrize("kwargs,exc,text", BAD_PACK)
def test_pack_padded_bad_input(kwargs, exc, text):
    with pytest.raises(exc, match="pack_padded_sequence") as e:
        rnn.pack_padded_sequence(nnlite.zeros(5, 2, 3), **kwargs)
    assert text in str(e.value)


def test_bad_input_elsewhere():
    with pytest.raises(TypeError, match="pack_padded_sequence: input must be a Tensor"):
        rnn.pack_padded_sequence([[1.0]], [1])
    with pytest.raises(ValueError, match="pack_padded_sequence: cannot pack empty"):
        rnn.pack_padded_sequence(nnlite.zeros(3, 0, 2), [])
    p = rnn.pack_sequence([nnlite.ones(3), nnlite.ones(2)])
    with pytest.raises(ValueError, match="pad_packed_sequence: total_length must be at least .* 3, got total_length=2"):
        rnn.pad_packed_sequence(p, total_length=2)
    with pytest.raises(TypeError, match="pad_packed_sequence: sequence must be a PackedSequence"):
        rnn.pad_packed_sequence(nnlite.ones(3, 2))
    with pytest.raises(ValueError, match="pad_sequence: received an empty list"):
        rnn.pad_sequence([])
    with pytest.raises(ValueError, match=r"pad_sequence: every sequence must have the trailing shape \[2\]"):
        rnn.pad_sequence([nnlite.ones(3, 2), nnlite.ones(3, 4)])
    with pytest.raises(ValueError, match="pad_sequence: every sequence .* dtype"):
        rnn.pad_sequence([nnlite.ones(3), nnlite.tensor([1, 2])])
    with pytest.raises(ValueError, match="pad_sequence: padding_side must be 'left' or 'right', got 'up'"):
        rnn.pad_sequence([nnlite.ones(3)], padding_side="up")
    with pytest.raises(TypeError, match="pad_sequence: sequences must be tensors, but element 1 is a list"):
        rnn.pad_sequence([nnlite.ones(3), [1.0]])
    with pytest.raises(ValueError, match="pack_sequence: .*greater than 0"):
        rnn.pack_sequence([nnlite.ones(3), nnlite.ones(0)])
    with pytest.raises(ValueError, match="PackedSequence: batch_sizes must be a 1-D int64 tensor on the CPU"):
        rnn.PackedSequence(nnlite.ones(3), nnlite.tensor([2.0, 1.0]))


@pytest.mark.parametrize("kind", ["LSTM", "GRU"])
def test_recurrent_layers_on_packed_sequences_match_torch(torch, rng, kind):
    # The full path: pack (unsorted), run a bidirectional layer, pad back; outputs,
    # final states and the gradient of the padded input as in torch.
    m = getattr(nnlite.nn, kind)(3, 4, batch_first=True, bidirectional=True)
    t = getattr(torch.nn, kind)(3, 4, batch_first=True, bidirectional=True)
    t.load_state_dict({k: torch.from_numpy(v.numpy()) for k, v in m.state_dict().items()})
    lengths = [2, 5, 3]
    x, tx = both(padded(rng, lengths, True), torch)
    out, state = m(rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False))
    tout, tstate = t(torch.nn.utils.rnn.pack_padded_sequence(tx, lengths, batch_first=True, enforce_sorted=False))
    y, lens = rnn.pad_packed_sequence(out, batch_first=True)
    ty, _ = torch.nn.utils.rnn.pad_packed_sequence(tout, batch_first=True)
    np.testing.assert_allclose(to_numpy(y), ty.detach().numpy(), atol=1e-6)
    h, th = (state[0], tstate[0]) if kind == "LSTM" else (state, tstate)
    np.testing.assert_allclose(to_numpy(h), th.detach().numpy(), atol=1e-6)
    assert lens.tolist() == lengths
    (y.sum() + h.sum()).backward()
    (ty.sum() + th.sum()).backward()
    np.testing.assert_allclose(to_numpy(x.grad), tx.grad.numpy(), atol=1e-5)


def test_lstm_projection_gradient_ignores_stale_memory_past_each_length(torch, rng):
    # Rows of finished sequences must not leak into weight_hr's gradient, even
    # when the buffer they sit in held NaN before: the CPU keeps freed large
    # blocks and hands them out again for the same size, so freeing NaN
    # tensors of h_pre's size [T, N, H] first puts NaN where those rows are.
    T, N, H = 40, 4, 128
    lengths = [40, 30, 20, 10]
    m = nnlite.nn.LSTM(3, H, proj_size=4)
    t = torch.nn.LSTM(3, H, proj_size=4)
    t.load_state_dict({k: torch.from_numpy(v.numpy()) for k, v in m.state_dict().items()})
    x, tx = both(padded(rng, lengths, False), torch)
    stale = [nnlite.full((T, N, H), float("nan")) for _ in range(8)]
    del stale
    y, _ = rnn.pad_packed_sequence(m(rnn.pack_padded_sequence(x, lengths))[0])
    ty, _ = torch.nn.utils.rnn.pad_packed_sequence(t(torch.nn.utils.rnn.pack_padded_sequence(tx, lengths))[0])
    y.sum().backward()
    ty.sum().backward()
    np.testing.assert_allclose(to_numpy(m.weight_hr_l0.grad), t.weight_hr_l0.grad.numpy(), rtol=1e-4, atol=1e-4)
