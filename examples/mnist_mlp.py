"""An MLP (784-512-256-10, dropout 0.2) on the MNIST subset that nnlite ships,
with the same recipe as ``nnlite train`` but fewer epochs. Run:
python examples/mnist_mlp.py [epochs]"""
import sys

from nnlite.training import TrainConfig, fit


def main(epochs=6, verbose=True):
    cfg = TrainConfig(model="mlp", dataset="mnist", epochs=epochs, progress=verbose)

    def report(r):
        if verbose:
            print(f"epoch {r.epoch}/{epochs}: loss {r.loss:.4f}, test accuracy {r.test_accuracy:.4f}")

    _, history = fit(cfg, on_epoch=report)
    return history.final_test_accuracy


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6)
