"""Code that uses nnlite's main API as a user would; tests/test_stubs.py runs
mypy on it (with examples/), so the stubs and annotations must accept it."""
import nnlite
import nnlite.nn as nn
import nnlite.nn.functional as F
from nnlite import Tensor
from nnlite.data import DataLoader, TensorDataset


def reductions(x: Tensor) -> Tensor:
    total: Tensor = x.sum(dim=(0, 1), keepdim=True) + x.mean(dim=0).sum()
    largest: Tensor = nnlite.amax(x, dim=[0])
    return total + largest + x.var(dim=None, unbiased=False).to(nnlite.float32)


def creation() -> Tensor:
    a = nnlite.zeros(2, 3, dtype=nnlite.float64)
    b = nnlite.tensor([[1.0, 2.0, 3.0]], dtype=nnlite.float64, device="cpu")
    c = nnlite.where(a > 0, a, 0.5)
    return (a + b * 2 - c).squeeze(0).reshape(3, 2).permute(1, 0)


def train_step() -> float:
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
    opt = nnlite.optim.SGD(model.parameters(), lr=0.1)
    data = TensorDataset(nnlite.randn(16, 4), nnlite.randint(0, 2, (16,)))
    loss_value = 0.0
    for x, y in DataLoader(data, batch_size=8, shuffle=True):
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        loss_value = loss.item()
    return loss_value


if __name__ == "__main__":
    print(reductions(nnlite.ones(2, 3)), creation(), train_step())
