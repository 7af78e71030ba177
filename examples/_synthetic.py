"""A linearly separable two-class problem in the plane, shared by the
classic-model examples: points on either side of a fixed line, with a margin
so that a linear classifier can separate them exactly."""
import nnlite


def separable_blobs(n=400, margin=0.5, seed=0):
    """(x [n, 2] float32, t [n] float32 in {-1, +1}). The true boundary is
    x0 + 2*x1 = 1; points closer to it than ``margin`` are pushed outwards,
    so both classes are separated by a gap of 2*margin/|(1,2)|."""
    nnlite.manual_seed(seed)
    x = nnlite.randn(n, 2) * 2.0
    w = nnlite.tensor([1.0, 2.0])
    score = nnlite.matmul(x, w) - 1.0
    t = nnlite.where(score >= 0, nnlite.ones(n), -nnlite.ones(n))
    # Move each point along w so that |score| >= margin * |w|.
    norm = float((w * w).sum().item()) ** 0.5
    short = nnlite.clamp(margin * norm - score * t, min=0.0)  # how far inside the margin
    x = x + (short * t / (norm * norm)).unsqueeze(1) * w.unsqueeze(0)
    return x, t
