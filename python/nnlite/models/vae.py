"""Variational autoencoders (Kingma and Welling 2014).

``VAE`` is the MLP of PyTorch's examples/vae (784-400-20 by default):
encoder Linear + ReLU, then two heads for the posterior's mean and log-variance;
decoder latent -> hidden -> ReLU -> pixels. ``ConvVAE`` (models/conv_vae.py)
is the same model with a convolutional encoder and a transposed-convolution
decoder. Both share the ELBO, sampling and reconstruction below.

The posterior q(z|x) = N(mu, exp(logvar)) is sampled by reparameterisation
(``Normal(mu, std).rsample()``), the prior is N(0, I), and the KL term is the
analytic one. The decoder's likelihood p(x|z) is ``"bernoulli"`` (the decoder
gives logits; -log p is BCE-with-logits summed over pixels, pixels in [0, 1]
need not be binary) or ``"gaussian"`` (the decoder gives the mean; one learned
standard deviation shared by all pixels, ``log_scale``).
"""
from __future__ import annotations

import math
from numbers import Integral
from typing import Tuple

from .. import Tensor, no_grad, randn, sigmoid, zeros
from ..distributions import Normal
from ..nn import Linear, Module, Parameter, ReLU, functional as F
from . import _positive_int, register_model

LIKELIHOODS = ("bernoulli", "gaussian")
_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def _likelihood(owner: str, value) -> str:
    if value not in LIKELIHOODS:
        raise ValueError(f"{owner}: likelihood must be one of {', '.join(map(repr, LIKELIHOODS))}, got {value!r}")
    return value


class _VariationalAutoencoder(Module):
    """What every VAE here shares. A subclass sets ``image_shape`` (C, H, W) and
    ``latent_features``, and defines ``encode(x) -> (mu, logvar)`` for x of
    ``image_shape`` with a batch dim, and ``decode(z)`` -> [batch, *image_shape]."""

    def _init_likelihood(self, likelihood: str) -> None:
        self.likelihood = _likelihood(type(self).__name__, likelihood)
        if likelihood == "gaussian":
            # log sigma of p(x|z): learned with the rest, starts at sigma = 1.
            self.log_scale = Parameter(zeros(1))

    def _images(self, x) -> Tuple[Tensor, tuple]:
        """x as [batch, C, H, W] and the shape to give results back in.

        Accepted: [batch, C, H, W], or [batch, C*H*W] (flat images, as in the
        PyTorch example)."""
        name, shape = type(self).__name__, tuple(self.image_shape)
        if not isinstance(x, Tensor):
            raise TypeError(f"{name}: expected a Tensor of images, got {type(x).__name__}")
        flat = math.prod(shape)
        if x.dim() == 4 and tuple(x.shape[1:]) == shape or x.dim() == 2 and x.shape[1] == flat:
            return x.reshape(x.shape[0], *shape), tuple(x.shape)
        raise ValueError(f"{name}: expected images of shape [batch, {', '.join(map(str, shape))}] or "
                         f"[batch, {flat}], got {list(x.shape)}")

    # ---- the model -------------------------------------------------------------

    def forward(self, x: Tensor):
        """(recon, mu, logvar): recon is the decoder's output for one posterior
        sample (logits for the Bernoulli likelihood, the mean for the Gaussian)
        in x's shape; mu and logvar are [batch, latent_features]."""
        images, shape = self._images(x)
        mu, logvar = self.encode(images)
        z = Normal(mu, (0.5 * logvar).exp(), validate_args=False).rsample()
        return self.decode(z).reshape(shape), mu, logvar

    def _neg_log_likelihood(self, recon: Tensor, x: Tensor) -> Tensor:
        """-log p(x|z) per image, [batch]: summed over pixels."""
        if self.likelihood == "bernoulli":
            nll = F.binary_cross_entropy_with_logits(recon, x, reduction="none")
        else:
            scale = self.log_scale.exp()
            nll = 0.5 * ((x - recon) / scale) ** 2 + self.log_scale + _HALF_LOG_2PI
        return nll.reshape(x.shape[0], -1).sum(1)

    @staticmethod
    def kl(mu: Tensor, logvar: Tensor) -> Tensor:
        """KL(N(mu, exp(logvar)) || N(0, I)) per image, [batch], analytic."""
        return -0.5 * (1 + logvar - mu * mu - logvar.exp()).sum(1)

    def elbo_terms(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        """(-log p(x|z), KL) per image, each [batch], for one posterior sample."""
        images, _ = self._images(x)
        recon, mu, logvar = self.forward(images)
        return self._neg_log_likelihood(recon, images), self.kl(mu, logvar)

    def elbo(self, x: Tensor) -> Tensor:
        """The evidence lower bound log p(x) >= E_q[log p(x|z)] - KL(q || p), per
        image in nats, [batch], estimated with one posterior sample."""
        nll, kl = self.elbo_terms(x)
        return -(nll + kl)

    def loss(self, x: Tensor, kl_weight: float = 1.0, reduction: str = "mean") -> Tensor:
        """-ELBO averaged (``"mean"``) or summed (``"sum"``, as PyTorch's example
        trains) over the batch; ``kl_weight`` < 1 scales the KL term (warm-up)."""
        if reduction not in ("mean", "sum"):
            raise ValueError(f"{type(self).__name__}.loss: reduction must be 'mean' or 'sum', got {reduction!r}")
        nll, kl = self.elbo_terms(x)
        per_image = nll + kl if kl_weight == 1.0 else nll + kl * float(kl_weight)
        return per_image.mean() if reduction == "mean" else per_image.sum()

    def _mean_of(self, out: Tensor) -> Tensor:
        """The mean of p(x|z) from the decoder's output."""
        return sigmoid(out) if self.likelihood == "bernoulli" else out

    def sample(self, n: int, generator=None) -> Tensor:
        """``n`` images [n, C, H, W]: the mean of p(x|z) for z drawn from the prior."""
        n = _positive_int(f"{type(self).__name__}.sample", "n", n)
        with no_grad():
            z = randn(n, self.latent_features, generator=generator, device=next(self.parameters()).device)
            return self._mean_of(self.decode(z))

    def reconstruct(self, x: Tensor) -> Tensor:
        """The mean of p(x|z) at the posterior mean z = mu, in x's shape (deterministic)."""
        images, shape = self._images(x)
        with no_grad():
            mu, _ = self.encode(images)
            return self._mean_of(self.decode(mu)).reshape(shape)


class VAE(_VariationalAutoencoder):
    """The MLP VAE: in_features -> hidden_features (ReLU) -> mu, logvar of
    ``latent_features``; latent -> hidden (ReLU) -> in_features.

    Attribute names follow PyTorch's examples/vae (fc1, fc21, fc22, fc3, fc4),
    so its state dict loads as is. Images of ``image_shape`` (default (1, 28, 28)
    when in_features is 784, else (in_features,) treated as 1x1xN) or flat."""

    def __init__(self, in_features: int = 784, hidden_features: int = 400, latent_features: int = 20,
                 likelihood: str = "bernoulli", image_shape=None):
        super().__init__()
        self.in_features = _positive_int("VAE", "in_features", in_features)
        self.hidden_features = _positive_int("VAE", "hidden_features", hidden_features)
        self.latent_features = _positive_int("VAE", "latent_features", latent_features)
        self.image_shape = _image_shape(self.in_features, image_shape)
        self._init_likelihood(likelihood)
        self.fc1 = Linear(self.in_features, self.hidden_features)
        self.fc21 = Linear(self.hidden_features, self.latent_features)
        self.fc22 = Linear(self.hidden_features, self.latent_features)
        self.fc3 = Linear(self.latent_features, self.hidden_features)
        self.fc4 = Linear(self.hidden_features, self.in_features)
        self.relu = ReLU()

    def extra_repr(self):
        return (f"in_features={self.in_features}, hidden_features={self.hidden_features}, "
                f"latent_features={self.latent_features}, likelihood={self.likelihood!r}")

    def encode(self, x: Tensor):
        """x [batch, *image_shape] -> (mu, logvar), each [batch, latent]."""
        h = self.relu(self.fc1(x.reshape(x.shape[0], self.in_features)))
        return self.fc21(h), self.fc22(h)

    def decode(self, z: Tensor) -> Tensor:
        """z [batch, latent] -> decoder output [batch, *image_shape]."""
        out = self.fc4(self.relu(self.fc3(z)))
        return out.reshape(z.shape[0], *self.image_shape)


def _image_shape(in_features: int, image_shape) -> tuple:
    if image_shape is None:
        return (1, 28, 28) if in_features == 784 else (1, 1, in_features)
    shape = tuple(image_shape) if isinstance(image_shape, (tuple, list)) else None
    if (shape is None or len(shape) != 3 or any(isinstance(s, bool) or not isinstance(s, Integral) or s < 1
                                                for s in shape) or math.prod(shape) != in_features):
        raise ValueError(f"VAE: image_shape must be 3 positive integers (C, H, W) whose product is in_features "
                         f"{in_features}, got {image_shape!r}")
    return tuple(int(s) for s in shape)


@register_model("vae")
def vae(conv: bool = False, **kwargs):
    """The zoo's VAE: the 784-400-20 MLP ``VAE(**kwargs)``, or with ``conv=True`` ``ConvVAE(**kwargs)``."""
    if conv:
        from .conv_vae import ConvVAE

        return ConvVAE(**kwargs)
    return VAE(**kwargs)
