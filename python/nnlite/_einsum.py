"""einsum as a chain of two-operand contractions, each one permute/reshape/bmm.

Every contraction moves the indices into (batch, left-only, contracted) and
(batch, contracted, right-only) order so one batched matmul does the work; the
autograd of permute, reshape and bmm gives torch's gradients for free.
"""
from . import _C


def _expand_ellipsis(eq, operands):
    """Spell each '...' as letters the equation does not use, one per broadcast dimension,
    right-aligned across operands as torch broadcasts them. An implicit output starts with
    them; an explicit output without '...' sums them."""
    lhs, arrow, out = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) != len(operands):
        return eq  # _parse reports the count
    spans = []
    for term, t in zip(terms, operands):
        if term.count("...") > 1 or term.replace("...", "").count("."):
            raise ValueError(f"einsum: a term may hold one ellipsis ('...'), got {term!r}")
        named = len(term) - 3 if "..." in term else len(term)
        if "..." in term and t.dim() < named:
            raise ValueError(f"einsum: term {term!r} names {named} dimensions but its operand has {t.dim()}")
        spans.append(t.dim() - named if "..." in term else 0)
    if out.replace("...", "").count(".") or out.count("...") > 1:
        raise ValueError(f"einsum: the output may hold one ellipsis ('...'), got {out!r}")
    free = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" if c not in eq]
    width = max(spans)
    if width > len(free):
        raise ValueError(f"einsum: too many dimensions under '...' ({width})")
    letters = "".join(free[:width])
    terms = [term.replace("...", letters[width - n:]) for term, n in zip(terms, spans)]
    if not arrow:
        joined = "".join(terms)
        out = letters + "".join(sorted(c for c in set(joined) if joined.count(c) == 1 and c not in letters))
    else:
        out = out.replace("...", letters)
    return ",".join(terms) + "->" + out


def _parse(equation, count):
    eq = equation.replace(" ", "")
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
    """torch.einsum: letters and '...' (broadcast dimensions), no index repeated within a term."""
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    if not operands:
        raise ValueError("einsum: expected at least one operand")
    equation = equation.replace(" ", "")
    if "." in equation:
        equation = _expand_ellipsis(equation, operands)
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
