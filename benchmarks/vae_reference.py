"""PyTorch's examples/vae recipe on the MNIST subset nnlite ships: the figure
``nnlite train --model vae`` is compared with.

784-400-20 MLP VAE, Bernoulli decoder, Adam 1e-3, batch 128, 20 epochs, shuffled
batches; the test -ELBO is the mean over the 1000 test images of the BCE summed
over pixels plus the analytic KL, with one posterior sample, on pixels in
[0, 1] (not binarised), as the PyTorch example evaluates. Run:
python -m benchmarks.vae_reference [--epochs N] [--seed S]"""
import argparse
import time

import numpy as np


def mnist_arrays():
    """(train, test) float32 arrays [N, 784] in [0, 1], from nnlite's embedded MNIST."""
    from nnlite.data.datasets import MNIST

    out = []
    for train in (True, False):
        d = MNIST(train=train)
        x, _ = d.get_batch(list(range(len(d))))
        out.append(np.asarray(x).reshape(len(d), 784).astype(np.float32))
    return out


def torch_vae(seed=0):
    import torch
    from torch import nn

    class VAE(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1, self.fc21, self.fc22 = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
            self.fc3, self.fc4 = nn.Linear(20, 400), nn.Linear(400, 784)

        def forward(self, x):
            h = torch.relu(self.fc1(x))
            mu, logvar = self.fc21(h), self.fc22(h)
            z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
            return self.fc4(torch.relu(self.fc3(z))), mu, logvar

    torch.manual_seed(seed)
    return VAE()


def neg_elbo_sum(torch, logits, x, mu, logvar):
    bce = torch.nn.functional.binary_cross_entropy_with_logits(logits, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kl


def run(epochs=20, seed=0, verbose=True):
    """Train PyTorch's recipe; returns the final test -ELBO in nats per image."""
    import torch

    torch.set_num_threads(1)
    train, test = (torch.from_numpy(a) for a in mnist_arrays())
    model = torch_vae(seed)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        model.train()
        total = 0.0
        for idx in torch.randperm(len(train)).split(128):
            x = train[idx]
            logits, mu, logvar = model(x)
            loss = neg_elbo_sum(torch, logits, x, mu, logvar)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        model.eval()
        with torch.no_grad():
            test_loss = 0.0
            for x in test.split(128):
                logits, mu, logvar = model(x)
                test_loss += neg_elbo_sum(torch, logits, x, mu, logvar).item()
            test_loss /= len(test)
        if verbose:
            print(f"epoch {epoch}/{epochs}: train -ELBO {total / len(train):.2f}, test -ELBO {test_loss:.2f} "
                  f"({time.perf_counter() - start:.1f} s)")
    if verbose:
        print(f"torch final test -ELBO: {test_loss:.2f} nats/image")
    return test_loss


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    run(a.epochs, a.seed)
