"""kl_divergence(p, q) = KL(p || q), dispatched on the pair of types with the
rules registered by @register_kl (the most specific pair wins, as in torch)."""
import math

import nnlite
from nnlite.distributions.bernoulli import Bernoulli
from nnlite.distributions.categorical import Categorical
from nnlite.distributions.independent import Independent
from nnlite.distributions.normal import Normal
from nnlite.distributions.utils import sum_rightmost
from nnlite.nn import functional as F

_KL_REGISTRY = {}  # (type_p, type_q) -> fn(p, q)


def register_kl(type_p, type_q):
    """Decorator: fn(p, q) computes KL(p || q) for p of type_p and q of type_q."""
    def decorator(fn):
        _KL_REGISTRY[(type_p, type_q)] = fn
        return fn
    return decorator


def _lookup(type_p, type_q):
    best, best_rank = None, None
    for (tp, tq), fn in _KL_REGISTRY.items():
        if issubclass(type_p, tp) and issubclass(type_q, tq):
            rank = (type_p.__mro__.index(tp), type_q.__mro__.index(tq))
            if best_rank is None or rank < best_rank:
                best, best_rank = fn, rank
    return best


def kl_divergence(p, q):
    """The Kullback-Leibler divergence KL(p || q) = E_p[log p(x) - log q(x)], in nats.

    Implemented for pairs of the same family: Normal, Bernoulli, Categorical, and Independent
    pairs over one of those; others are added with register_kl.

    Args:
        p (Distribution): the distribution the expectation is taken under.
        q (Distribution): the other one, with a batch shape that broadcasts with p's.

    Returns:
        Tensor: of the broadcast batch shape, >= 0 (inf where q gives probability 0 to an outcome of p).

    Raises:
        NotImplementedError: no rule is registered for the types of p and q.

    Examples:
        >>> import nnlite
        >>> from nnlite.distributions import Normal, kl_divergence
        >>> kl_divergence(Normal(0., 1.), Normal(0., 1.)).item()
        0.0
        >>> round(kl_divergence(Normal(1., 1.), Normal(0., 1.)).item(), 4)
        0.5
    """
    fn = _lookup(type(p), type(q))
    if fn is None:
        raise NotImplementedError(f"kl_divergence: no KL(p || q) is implemented for p of type {type(p).__name__} "
                                  f"and q of type {type(q).__name__}")
    return fn(p, q)


def _where(cond, value, x):
    return nnlite.where(cond, nnlite.full((), value, dtype=x.dtype), x)


@register_kl(Normal, Normal)
def _kl_normal_normal(p, q):
    var_ratio = (p.scale / q.scale).pow(2)
    t1 = ((p.loc - q.loc) / q.scale).pow(2)
    return 0.5 * (var_ratio + t1 - 1 - var_ratio.log())


@register_kl(Bernoulli, Bernoulli)
def _kl_bernoulli_bernoulli(p, q):
    # p log(p/q) + (1-p) log((1-p)/(1-q)) through logits; q = 0 or 1 where p is not gives +inf.
    t1 = p.probs * (F.softplus(-q.logits) - F.softplus(-p.logits))
    t1 = _where(p.probs == 0, 0.0, _where(q.probs == 0, math.inf, t1))
    t2 = (1 - p.probs) * (F.softplus(q.logits) - F.softplus(p.logits))
    t2 = _where(p.probs == 1, 0.0, _where(q.probs == 1, math.inf, t2))
    return t1 + t2


@register_kl(Categorical, Categorical)
def _kl_categorical_categorical(p, q):
    t = p.probs * (p.logits - q.logits)
    t = _where(p.probs == 0, 0.0, _where(q.probs == 0, math.inf, t))
    return t.sum(-1)


@register_kl(Independent, Independent)
def _kl_independent_independent(p, q):
    if p.reinterpreted_batch_ndims != q.reinterpreted_batch_ndims:
        raise NotImplementedError("kl_divergence: Independents that reinterpret different numbers of dims "
                                  f"({p.reinterpreted_batch_ndims} and {q.reinterpreted_batch_ndims})")
    return sum_rightmost(kl_divergence(p.base_dist, q.base_dist), p.reinterpreted_batch_ndims)
