"""A spiking MLP on the MNIST subset that nnlite ships: the recipe of
``nnlite train --model snn`` (nnlite/training/snn.py), run from a script.

784-1000-10 leaky integrate-and-fire layers over 25 time steps, rate-coded
input (pixel intensity = spike probability per step), surrogate gradients
(fast sigmoid), the cross entropy of the output membrane at every step,
Adam with a cosine schedule; the prediction is the output neuron that
spikes most. Each Linear sees all 25 steps as one matrix product and each
layer's time loop is one C++ op (``snn.Leaky.sequence``). Run:
python examples/snn_mnist.py [--epochs N] [--limit N] [--lr LR]"""
import argparse
import sys

from nnlite.training import snn as recipe


def main(epochs=recipe.DEFAULTS["epochs"], limit=None, batch_size=recipe.DEFAULTS["batch_size"],
         lr=recipe.DEFAULTS["lr"], verbose=True, seed=0):
    """Train; returns (test accuracy, average hidden firing rate in spikes per neuron per step)."""
    accuracy, rate, _, _ = recipe.train(epochs, batch_size, lr, seed=seed, limit=limit,
                                        out=sys.stdout if verbose else None)
    if verbose:
        print(f"test accuracy {accuracy:.4f}, average hidden firing rate {rate:.4f} spikes per neuron per step")
    return accuracy, rate


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=recipe.DEFAULTS["epochs"])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N train and test images")
    parser.add_argument("--lr", type=float, default=recipe.DEFAULTS["lr"])
    args = parser.parse_args()
    main(args.epochs, args.limit, lr=args.lr)
