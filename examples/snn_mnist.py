"""A spiking MLP (784-500-10, leaky integrate-and-fire, 25 time steps) on the
MNIST subset that nnlite ships, trained with surrogate gradients as in
snnTorch's tutorial 5: the image is a constant input current at every step,
the loss is the cross entropy of the output membrane at each step, and the
prediction is the output neuron that spikes most. Each layer's time loop is
one C++ op (``Leaky.sequence``). Run:
python examples/snn_mnist.py [--epochs N] [--limit N]"""
import argparse

import nnlite
import nnlite.snn as snn
from nnlite import nn
from nnlite.data import DataLoader, Subset
from nnlite.data.datasets import MNIST

NUM_STEPS = 25


class SpikingMLP(nn.Module):
    def __init__(self, hidden=500, beta=0.95):
        super().__init__()
        self.fc1 = nn.Linear(784, hidden)
        self.lif1 = snn.Leaky(beta=beta)
        self.fc2 = nn.Linear(hidden, 10)
        self.lif2 = snn.Leaky(beta=beta)

    def forward(self, x):
        """x [B, 784] -> output spikes and membrane, both [T, B, 10], and the hidden spikes."""
        cur1 = self.fc1(x).unsqueeze(0).expand(NUM_STEPS, x.shape[0], self.fc1.out_features)
        spk1, _ = self.lif1.sequence(cur1, self.lif1.init_leaky())
        cur2 = self.fc2(spk1)
        spk2, mem2 = self.lif2.sequence(cur2, self.lif2.init_leaky())
        return spk2, mem2, spk1


def evaluate(model, loader):
    correct = total = 0
    with nnlite.no_grad():
        for x, y in loader:
            spk, _, _ = model(x.reshape(x.shape[0], -1))
            correct += snn.functional.accuracy_rate(spk, y) * x.shape[0]
            total += x.shape[0]
    return correct / total


def main(epochs=1, limit=None, batch_size=128, lr=5e-4, verbose=True, seed=0):
    nnlite.manual_seed(seed)
    train, test = MNIST(train=True), MNIST(train=False)
    if limit is not None:
        train, test = Subset(train, range(min(limit, len(train)))), Subset(test, range(min(limit, len(test))))
    train_loader = DataLoader(train, batch_size=batch_size, shuffle=True)
    test_loader = DataLoader(test, batch_size=256)
    model = SpikingMLP()
    opt = nnlite.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999))
    loss_fn = snn.functional.ce_rate_loss()
    for epoch in range(epochs):
        spikes = neurons = 0.0
        for x, y in train_loader:
            _, mem2, spk1 = model(x.reshape(x.shape[0], -1))
            loss = loss_fn(mem2, y)  # cross entropy of the membrane, averaged over steps
            opt.zero_grad()
            loss.backward()
            opt.step()
            spikes += spk1.sum().item()
            neurons += spk1.numel()
        accuracy = evaluate(model, test_loader)
        if verbose:
            print(f"epoch {epoch + 1}/{epochs}: loss {loss.item():.4f}, test accuracy {accuracy:.4f}, "
                  f"average hidden firing rate {spikes / neurons:.4f} spikes/step")
    return accuracy, spikes / neurons


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N train and test images")
    parser.add_argument("--lr", type=float, default=5e-4)
    args = parser.parse_args()
    main(args.epochs, args.limit, lr=args.lr)
