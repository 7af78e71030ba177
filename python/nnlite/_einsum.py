"""einsum as a chain of two-operand contractions, each one permute/reshape/bmm.

Every contraction moves the indices into (batch, left-only, contracted) and
(batch, contracted, right-only) order so one batched matmul does the work; the
autograd of permute, reshape and bmm gives torch's gradients for free.
"""
from . import _C


def _parse(equation, count):
    eq = equation.replace(" ", "")
    if "." in eq:
        raise ValueError(f"einsum: ellipsis ('...') is not supported, got {equation!r}")
    lhs, arrow, out = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) != count:
        raise ValueError(f"einsum: equation {equation!r} names {len(terms)} operands, got {count}")
    if not arrow:  # implicit output: the indices used once, sorted
        letters = "".join(terms)
        out = "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    for term in terms + [out]:
        if len(set(term)) != len(term):
            raise ValueError(f"einsum: repeated index within one term ({term!r}) is not supported")
        if not all(c.isalpha() for c in term):
            raise ValueError(f"einsum: indices must be letters, got {term!r}")
    return terms, out


def _sum_unneeded(t, term, keep):
    """Sum the indices of `term` that no later operand nor the output needs."""
    drop = [i for i, c in enumerate(term) if c not in keep]
    if drop:
        t = t.sum(drop)
        term = "".join(c for c in term if c in keep)
    return t, term


def _arrange(t, term, order, sizes):
    """Permute `t` to `order` and broadcast size-1 indices; skips the no-op steps."""
    perm = [term.index(c) for c in order]
    if perm != list(range(len(perm))):
        t = t.permute(perm)
    shape = [sizes[c] for c in order]
    return t if list(t.shape) == shape else t.expand(shape)


def _contract(a, ta, b, tb, keep):
    sizes = dict(zip(ta, a.shape))
    for c, s in zip(tb, b.shape):
        if c in sizes and sizes[c] != s and 1 not in (sizes[c], s):
            raise ValueError(f"einsum: index {c!r} has size {sizes[c]} and {s}")
        sizes[c] = max(sizes.get(c, s), s)
    batch = [c for c in ta if c in tb and c in keep]
    summed = [c for c in ta if c in tb and c not in keep]
    left = [c for c in ta if c not in tb]
    right = [c for c in tb if c not in ta]

    def prod(cs):
        p = 1
        for c in cs:
            p *= sizes[c]
        return p

    a = _arrange(a, ta, batch + left + summed, sizes)
    b = _arrange(b, tb, batch + summed + right, sizes)
    a = a.reshape([prod(batch), prod(left), prod(summed)])
    b = b.reshape([prod(batch), prod(summed), prod(right)])
    r = _C.bmm(a, b).reshape([sizes[c] for c in batch + left + right])
    return r, "".join(batch + left + right)


def einsum(equation, *operands):
    """torch.einsum for letters without ellipsis or repeated indices in a term."""
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    if not operands:
        raise ValueError("einsum: expected at least one operand")
    terms, out = _parse(equation, len(operands))
    for t, term in zip(operands, terms):
        if t.dim() != len(term):
            raise ValueError(f"einsum: term {term!r} has {len(term)} indices but its operand has "
                             f"{t.dim()} dimensions")
    later = ["".join(terms[i + 1:]) + out for i in range(len(terms))]
    acc, tacc = _sum_unneeded(operands[0], terms[0], later[0])
    for i in range(1, len(operands)):
        b, tb = _sum_unneeded(operands[i], terms[i], later[i] + tacc)
        acc, tacc = _sum_unneeded(acc, tacc, tb + later[i])
        acc, tacc = _contract(acc, tacc, b, tb, later[i])
    acc, tacc = _sum_unneeded(acc, tacc, out)
    missing = [c for c in out if c not in tacc]
    if missing:
        raise ValueError(f"einsum: output index {missing[0]!r} appears in no operand")
    return acc.permute([tacc.index(c) for c in out]) if out else acc.reshape([])
