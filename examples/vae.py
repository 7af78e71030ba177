"""A variational autoencoder on the MNIST subset that nnlite ships, as in
PyTorch's examples/vae: encode, sample z by reparameterisation, decode to
Bernoulli logits, minimise -ELBO = BCE (summed over pixels) + KL. The
default is the 784-400-20 MLP with batches of 32 and Adam 1e-3; ``--conv``
trains the convolutional VAE instead. Prints the test -ELBO in nats per image
after each epoch; ``--plot PATH`` saves test images, their reconstructions and
samples. Run:
python examples/vae.py [--epochs N] [--conv] [--limit N] [--plot vae.png]"""
import argparse

import nnlite
from nnlite.data import DataLoader, Subset
from nnlite.data.datasets import MNIST
from nnlite.models import ConvVAE, VAE


def main(epochs=10, batch_size=32, lr=1e-3, conv=False, limit=None, plot=None, verbose=True, seed=0):
    """Train and return the final test -ELBO in nats per image."""
    nnlite.manual_seed(seed)
    train, test = MNIST(train=True), MNIST(train=False)  # pixels in [0, 1]
    if limit is not None:
        train, test = Subset(train, range(min(limit, len(train)))), Subset(test, range(min(limit, len(test))))
    train_loader = DataLoader(train, batch_size=batch_size, shuffle=True)
    test_loader = DataLoader(test, batch_size=500)
    model = ConvVAE() if conv else VAE()
    opt = nnlite.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(1, epochs + 1):
        model.train()
        total = 0.0
        for x, _ in train_loader:
            loss = model.loss(x)  # -ELBO per image, averaged over the batch
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * x.shape[0]
        model.eval()
        with nnlite.no_grad():
            test_loss = -sum(model.elbo(x).sum().item() for x, _ in test_loader) / len(test)
        if verbose:
            print(f"epoch {epoch}: train -ELBO {total / len(train):.2f}, test -ELBO {test_loss:.2f} nats/image")
    if plot:
        x = nnlite.stack([test[i][0] for i in range(8)])
        g = nnlite.Generator()
        g.manual_seed(seed)
        grid = nnlite.cat([x, model.reconstruct(x), model.sample(48, generator=g)], 0)
        nnlite.utils.save_image(grid, plot, nrow=8)
        if verbose:
            print(f"saved test images (row 1), reconstructions (row 2) and samples to {plot}")
    return test_loss


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--conv", action="store_true", help="the convolutional VAE")
    p.add_argument("--limit", type=int, default=None, help="use only the first N train and N test images")
    p.add_argument("--plot", default=None, help="PNG of test images, reconstructions and samples")
    a = p.parse_args()
    main(a.epochs, a.batch_size, a.lr, a.conv, a.limit, a.plot)
