"""F.bilinear as two matmuls: y[n, o] = x1[n] @ W[o] @ x2[n] + b[o]."""

__all__ = ["bilinear"]


def bilinear(input1, input2, weight, bias=None):
    """input1 [*, in1], input2 [*, in2], weight [out, in1, in2], bias [out] -> [*, out]."""
    if weight.dim() != 3:
        raise ValueError(f"bilinear: weight must be [out, in1, in2] but got shape {tuple(weight.shape)}")
    out, in1, in2 = tuple(weight.shape)
    if input1.dim() == 0 or input1.size(-1) != in1 or input2.dim() == 0 or input2.size(-1) != in2:
        raise ValueError(f"bilinear: inputs of shapes {tuple(input1.shape)} and {tuple(input2.shape)} do not end "
                         f"in the weight's in1 = {in1} and in2 = {in2}")
    if tuple(input1.shape)[:-1] != tuple(input2.shape)[:-1]:
        raise ValueError(f"bilinear: inputs of shapes {tuple(input1.shape)} and {tuple(input2.shape)} must have "
                         "the same leading dims")
    lead = list(tuple(input1.shape)[:-1])
    # [*, in1] @ [in1, out * in2] -> [*, out, in2], then the dot with x2 along in2.
    t = input1.matmul(weight.permute(1, 0, 2).reshape(in1, out * in2)).reshape(lead + [out, in2])
    y = (t * input2.unsqueeze(-2)).sum(dim=-1)
    return y if bias is None else y + bias
