"""The convolutional VAE: two stride-2 convolutions down, two stride-2
transposed convolutions up (for 28x28 MNIST: 28 -> 14 -> 7 -> 14 -> 28).
ELBO, sampling and reconstruction are the MLP VAE's (models/vae.py)."""
from __future__ import annotations

from numbers import Integral

from .. import Tensor
from ..nn import Conv2d, ConvTranspose2d, Flatten, Linear, ReLU, Sequential
from . import _positive_int
from .vae import _VariationalAutoencoder


class ConvVAE(_VariationalAutoencoder):
    """Encoder: Conv(C->c1, 4, stride 2, pad 1) ReLU, Conv(c1->c2, same) ReLU,
    Linear(c2*H/4*W/4 -> hidden) ReLU, then Linear heads for mu and logvar.
    Decoder: Linear(latent -> hidden) ReLU, Linear(hidden -> c2*H/4*W/4) ReLU,
    ConvTranspose(c2->c1, 4, stride 2, pad 1) ReLU, ConvTranspose(c1->C, same).
    H and W must be multiples of 4."""

    def __init__(self, in_channels: int = 1, image_size=28, channels=(32, 64), hidden_features: int = 256,
                 latent_features: int = 20, likelihood: str = "bernoulli"):
        super().__init__()
        c = _positive_int("ConvVAE", "in_channels", in_channels)
        h, w = (image_size, image_size) if isinstance(image_size, Integral) else tuple(image_size)
        for v in (h, w):
            if isinstance(v, bool) or not isinstance(v, Integral) or v < 4 or v % 4:
                raise ValueError(f"ConvVAE: image_size must be a multiple of 4 (two stride-2 layers), "
                                 f"got {image_size!r}")
        if not isinstance(channels, (tuple, list)) or len(channels) != 2:
            raise ValueError(f"ConvVAE: channels must be a pair (c1, c2), got {channels!r}")
        c1, c2 = (_positive_int("ConvVAE", "each of channels", v) for v in channels)
        self.hidden_features = _positive_int("ConvVAE", "hidden_features", hidden_features)
        self.latent_features = _positive_int("ConvVAE", "latent_features", latent_features)
        self.image_shape = (c, int(h), int(w))
        self._init_likelihood(likelihood)
        self._bottom = (c2, int(h) // 4, int(w) // 4)  # the feature map between conv and linear layers
        flat = c2 * (h // 4) * (w // 4)
        hid = self.hidden_features
        self.encoder = Sequential(Conv2d(c, c1, 4, stride=2, padding=1), ReLU(),
                                  Conv2d(c1, c2, 4, stride=2, padding=1), ReLU(),
                                  Flatten(), Linear(flat, hid), ReLU())
        self.fc_mu = Linear(hid, self.latent_features)
        self.fc_logvar = Linear(hid, self.latent_features)
        self.decoder_input = Sequential(Linear(self.latent_features, hid), ReLU(), Linear(hid, flat), ReLU())
        self.decoder = Sequential(ConvTranspose2d(c2, c1, 4, stride=2, padding=1), ReLU(),
                                  ConvTranspose2d(c1, c, 4, stride=2, padding=1))

    def extra_repr(self):
        return (f"image_shape={self.image_shape}, hidden_features={self.hidden_features}, "
                f"latent_features={self.latent_features}, likelihood={self.likelihood!r}")

    def encode(self, x: Tensor):
        """x [batch, C, H, W] -> (mu, logvar), each [batch, latent]."""
        h = self.encoder(x)
        return self.fc_mu(h), self.fc_logvar(h)

    def decode(self, z: Tensor) -> Tensor:
        """z [batch, latent] -> decoder output [batch, C, H, W]."""
        return self.decoder(self.decoder_input(z).reshape(z.shape[0], *self._bottom))
