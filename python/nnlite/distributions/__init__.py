"""Probability distributions with torch.distributions' API: sample and
rsample (where reparameterisable), log_prob, entropy, mean and variance,
batch and event shapes, parameter checks (validate_args), and kl_divergence."""
from nnlite.distributions import constraints  # noqa: F401
from nnlite.distributions.bernoulli import Bernoulli
from nnlite.distributions.categorical import Categorical
from nnlite.distributions.distribution import Distribution
from nnlite.distributions.independent import Independent
from nnlite.distributions.kl import kl_divergence, register_kl
from nnlite.distributions.normal import Normal

__all__ = ["Distribution", "Normal", "Bernoulli", "Categorical", "Independent", "kl_divergence", "register_kl",
           "constraints"]
