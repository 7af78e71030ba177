"""A DCGAN (Radford et al. 2016) that learns to draw MNIST digits from the
subset nnlite ships. Each step trains the discriminator on a real and a fake
batch, then the generator to make the discriminator call its fakes real.
A grid of samples from fixed latents is saved after every epoch. Run:
python examples/dcgan.py [--epochs N] [--limit N] [--out DIR]

(``nnlite train --model dcgan`` runs the same recipe and scores the samples
with a digit classifier.)"""
import argparse
import os

import nnlite
from nnlite.data.datasets import MNIST
from nnlite.models import DCGAN
from nnlite.utils import save_image


def main(epochs=1, limit=None, batch_size=64, width=32, out="dcgan_samples", seed=0, verbose=True):
    nnlite.manual_seed(seed)
    pixels = MNIST(train=True).data[:limit]  # uint8 [N, 28, 28]
    images = (pixels.float() * (2.0 / 255.0) - 1.0).unsqueeze(1)  # [N, 1, 28, 28] in [-1, 1], Tanh's range
    model = DCGAN(latent_dim=100, width=width)
    opt_d = nnlite.optim.Adam(model.discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_g = nnlite.optim.Adam(model.generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    fixed = model.noise(64)  # the same latents every epoch, to watch them turn into digits
    os.makedirs(out, exist_ok=True)
    for epoch in range(1, epochs + 1):
        model.train()
        order = nnlite.randperm(images.shape[0])
        for start in range(0, images.shape[0], batch_size):
            real = images.index_select(0, order[start:start + batch_size])
            fake = model(model.noise(real.shape[0]))
            loss_d = model.discriminator_loss(real, fake)  # fakes detached: this step moves D only
            opt_d.zero_grad()
            loss_d.backward()
            opt_d.step()
            loss_g = model.generator_loss(fake)  # -log D(G(z)): G's gradients
            opt_g.zero_grad()
            loss_g.backward()
            opt_g.step()
        model.eval()
        with nnlite.no_grad():
            grid = model(fixed)
        path = os.path.join(out, f"epoch_{epoch:03d}.png")
        save_image((grid + 1.0) * 0.5, path, nrow=8)
        if verbose:
            print(f"epoch {epoch}: loss D {loss_d.item():.3f}, loss G {loss_g.item():.3f}, samples in {path}")
    return model, loss_d.item(), loss_g.item()


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--limit", type=int, default=None, help="train on the first N images only")
    p.add_argument("--out", default="dcgan_samples", help="directory for the sample grids")
    a = p.parse_args()
    main(epochs=a.epochs, limit=a.limit, out=a.out)
