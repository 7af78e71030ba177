"""pixel_shuffle / pixel_unshuffle: a reshape, a permute and a reshape (exact,
and the gradient is the inverse permutation). Sizes are -1 or read from a
tensor's shape, never computed, so an exported graph follows other input
sizes."""

__all__ = ["pixel_shuffle", "pixel_unshuffle"]


def _check(op, name, value, input):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{op}: {name} must be a positive integer but got {value!r}")
    if input.dim() < 3:
        raise ValueError(f"{op}: input must have at least 3 dims [*, C, H, W] but got shape {tuple(input.shape)}")


def pixel_shuffle(input, upscale_factor):
    """[*, C r^2, H, W] -> [*, C, H r, W r]."""
    op = "pixel_shuffle"
    _check(op, "upscale_factor", upscale_factor, input)
    *batch, c, h, w = tuple(input.shape)
    r = upscale_factor
    if c % (r * r) != 0:
        raise ValueError(f"{op}: the channel count {c} must be divisible by upscale_factor^2 = {r * r}")
    nb = len(batch)
    x = input.reshape(batch + [-1, r, r, h, w])
    # [*, oc, r_h, r_w, h, w] -> [*, oc, h, r_h, w, r_w] -> [*, oc, h r, w r]
    x = x.permute(list(range(nb)) + [nb, nb + 3, nb + 1, nb + 4, nb + 2])
    return x.flatten(nb + 3, nb + 4).flatten(nb + 1, nb + 2)


def pixel_unshuffle(input, downscale_factor):
    """[*, C, H r, W r] -> [*, C r^2, H, W]."""
    op = "pixel_unshuffle"
    _check(op, "downscale_factor", downscale_factor, input)
    *batch, c, h, w = tuple(input.shape)
    r = downscale_factor
    if h % r or w % r:
        raise ValueError(f"{op}: height {h} and width {w} must be divisible by downscale_factor {r}")
    nb = len(batch)
    x = input.reshape(batch + [c, -1, r, w])
    x = x.reshape(batch + [c, x.shape[nb + 1], r, -1, r])
    # [*, c, oh, r_h, ow, r_w] -> [*, c, r_h, r_w, oh, ow] -> [*, c r^2, oh, ow]
    x = x.permute(list(range(nb)) + [nb, nb + 2, nb + 4, nb + 1, nb + 3])
    return x.flatten(nb, nb + 2)
