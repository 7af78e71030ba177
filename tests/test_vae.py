"""models.VAE / ConvVAE against the same networks in PyTorch (weights copied,
the same posterior noise), the training recipe on a short run, the CLI's
report and bad input."""
import re

import numpy as np
import pytest

import nnlite
from nnlite import cli
from nnlite.models import ConvVAE, VAE, get_model

torch = pytest.importorskip("torch")
tnn, tF = torch.nn, torch.nn.functional


class TorchVAE(tnn.Module):
    """PyTorch's examples/vae model, with a given eps for the posterior sample."""

    def __init__(self, d=784, h=400, k=20):
        super().__init__()
        self.fc1, self.fc21, self.fc22 = tnn.Linear(d, h), tnn.Linear(h, k), tnn.Linear(h, k)
        self.fc3, self.fc4 = tnn.Linear(k, h), tnn.Linear(h, d)

    def encode(self, x):
        h = torch.relu(self.fc1(x.reshape(x.shape[0], -1)))
        return self.fc21(h), self.fc22(h)

    def decode(self, z):
        return self.fc4(torch.relu(self.fc3(z)))


class TorchConvVAE(tnn.Module):
    """ConvVAE's layers under the same names."""

    def __init__(self, c1=8, c2=16, h=32, k=6):
        super().__init__()
        self.encoder = tnn.Sequential(tnn.Conv2d(1, c1, 4, 2, 1), tnn.ReLU(), tnn.Conv2d(c1, c2, 4, 2, 1), tnn.ReLU(),
                                      tnn.Flatten(), tnn.Linear(c2 * 49, h), tnn.ReLU())
        self.fc_mu, self.fc_logvar = tnn.Linear(h, k), tnn.Linear(h, k)
        self.decoder_input = tnn.Sequential(tnn.Linear(k, h), tnn.ReLU(), tnn.Linear(h, c2 * 49), tnn.ReLU())
        self.decoder = tnn.Sequential(tnn.ConvTranspose2d(c2, c1, 4, 2, 1), tnn.ReLU(),
                                      tnn.ConvTranspose2d(c1, 1, 4, 2, 1))
        self.c2 = c2

    def encode(self, x):
        h = self.encoder(x)
        return self.fc_mu(h), self.fc_logvar(h)

    def decode(self, z):
        return self.decoder(self.decoder_input(z).reshape(z.shape[0], self.c2, 7, 7))


def torch_neg_elbo(tm, x, eps, likelihood="bernoulli", log_scale=None):
    """-ELBO per image, PyTorch's way, with the posterior noise ``eps`` given."""
    mu, logvar = tm.encode(x)
    out = tm.decode(mu + eps * torch.exp(0.5 * logvar)).reshape(x.shape)
    if likelihood == "bernoulli":
        nll = tF.binary_cross_entropy_with_logits(out, x, reduction="none")
    else:
        nll = -torch.distributions.Normal(out, log_scale.exp()).log_prob(x)
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), 1)
    return nll.reshape(x.shape[0], -1).sum(1) + kl


def copy_weights(model, tm):
    model.load_state_dict({k: nnlite.from_numpy(v.detach().numpy().copy()) for k, v in tm.state_dict().items()},
                          strict=False)


def images(n, shape=(1, 28, 28), seed=0):
    # Pixels in [0, 1], not binary (as MNIST's are).
    return np.random.default_rng(seed).uniform(0, 1, (n, *shape)).astype(np.float32)


def nnlite_neg_elbo_and_eps(model, x, seed=5):
    """-ELBO per image from nnlite, and the posterior noise it drew: the same
    seed makes randn give the noise rsample draws."""
    nnlite.manual_seed(seed)
    eps = nnlite.randn(x.shape[0], model.latent_features).numpy().copy()
    nnlite.manual_seed(seed)
    return -model.elbo(x), torch.from_numpy(eps)


def grads(model):
    return {k: p.grad.numpy().copy() for k, p in model.named_parameters()}


@pytest.mark.parametrize("kind", ["mlp", "mlp-gaussian", "conv"])
def test_elbo_gradients_and_reconstruction_equal_torch(kind):
    torch.manual_seed(0)
    if kind == "conv":
        tm, model = TorchConvVAE(), ConvVAE(channels=(8, 16), hidden_features=32, latent_features=6)
    else:
        tm, model = TorchVAE(), VAE(likelihood="gaussian" if kind == "mlp-gaussian" else "bernoulli")
    copy_weights(model, tm)
    x_np = images(5)
    x, tx = nnlite.from_numpy(x_np), torch.from_numpy(x_np)
    neg, eps = nnlite_neg_elbo_and_eps(model, x)
    log_scale = None
    if kind == "mlp-gaussian":
        with nnlite.no_grad():
            model.log_scale.fill_(-0.7)
        log_scale = torch.tensor([-0.7], requires_grad=True)
        neg, eps = nnlite_neg_elbo_and_eps(model, x)
    want = torch_neg_elbo(tm, tx, eps, "gaussian" if log_scale is not None else "bernoulli", log_scale)
    np.testing.assert_allclose(neg.detach().numpy(), want.detach().numpy(), rtol=1e-4, atol=1e-3)
    if log_scale is None:  # nats: -ELBO of [0, 1] pixels under a Bernoulli is positive
        assert neg.detach().numpy().min() > 0

    neg.mean().backward()
    want.mean().backward()
    got = grads(model)
    for name, p in tm.named_parameters():
        np.testing.assert_allclose(got[name], p.grad.numpy(), rtol=1e-3, atol=1e-5, err_msg=name)
    if log_scale is not None:
        np.testing.assert_allclose(got["log_scale"], log_scale.grad.numpy(), rtol=1e-4)

    mean = tm.decode(tm.encode(tx)[0]).reshape(tx.shape)
    mean = torch.sigmoid(mean) if kind != "mlp-gaussian" else mean
    np.testing.assert_allclose(model.reconstruct(x).numpy(), mean.detach().numpy(), rtol=1e-4, atol=1e-5)


def test_forward_loss_sample_and_shapes():
    nnlite.manual_seed(0)
    model = VAE(in_features=12, hidden_features=8, latent_features=3)
    x = nnlite.from_numpy(images(4, (12,)).reshape(4, 12))
    recon, mu, logvar = model(x)
    assert tuple(recon.shape) == (4, 12) and tuple(mu.shape) == tuple(logvar.shape) == (4, 3)
    nnlite.manual_seed(1)
    elbo = model.elbo(x)
    nnlite.manual_seed(1)
    np.testing.assert_allclose(model.loss(x).item(), -elbo.mean().item(), rtol=1e-6)
    nnlite.manual_seed(1)
    np.testing.assert_allclose(model.loss(x, reduction="sum").item(), -elbo.sum().item(), rtol=1e-6)
    # The KL weight scales only the KL term.
    nnlite.manual_seed(1)
    nll, kl = model.elbo_terms(x)
    nnlite.manual_seed(1)
    np.testing.assert_allclose(model.loss(x, kl_weight=0.25).item(), (nll + 0.25 * kl).mean().item(), rtol=1e-6)

    g1, g2 = nnlite.Generator(), nnlite.Generator()
    g1.manual_seed(3), g2.manual_seed(3)
    s1, s2 = model.sample(6, generator=g1), model.sample(6, generator=g2)
    assert tuple(s1.shape) == (6, 1, 1, 12) and np.array_equal(s1.numpy(), s2.numpy())
    assert 0 < s1.numpy().min() and s1.numpy().max() < 1  # Bernoulli means
    assert np.array_equal(model.reconstruct(x).numpy(), model.reconstruct(x).numpy())  # z = mu: no noise
    assert isinstance(get_model("vae"), VAE) and isinstance(get_model("vae", conv=True), ConvVAE)


@pytest.mark.parametrize("make, match", [
    (lambda: VAE(in_features=0), r"VAE: in_features must be a positive integer, got 0"),
    (lambda: VAE(latent_features=-2), r"VAE: latent_features .* got -2"),
    (lambda: VAE(hidden_features=2.5), r"VAE: hidden_features .* got 2.5"),
    (lambda: VAE(likelihood="poisson"), r"VAE: likelihood must be one of 'bernoulli', 'gaussian', got 'poisson'"),
    (lambda: VAE(in_features=10, image_shape=(1, 3, 3)), r"VAE: image_shape .* 10, got \(1, 3, 3\)"),
    (lambda: ConvVAE(image_size=30), r"ConvVAE: image_size must be a multiple of 4 .* got 30"),
    (lambda: ConvVAE(channels=(8,)), r"ConvVAE: channels must be a pair"),
    (lambda: ConvVAE(likelihood="laplace"), r"ConvVAE: likelihood .* got 'laplace'"),
    (lambda: VAE().sample(0), r"VAE.sample: n must be a positive integer, got 0"),
    (lambda: VAE()(nnlite.zeros(2, 1, 28, 27)), r"VAE: expected images of shape \[batch, 1, 28, 28\] or "
                                                 r"\[batch, 784\], got \[2, 1, 28, 27\]"),
    (lambda: VAE().elbo(nnlite.zeros(3, 100)), r"VAE: expected images .* got \[3, 100\]"),
    (lambda: ConvVAE().reconstruct(nnlite.zeros(784)), r"ConvVAE: expected images .* got \[784\]"),
    (lambda: VAE().loss(nnlite.zeros(1, 784), reduction="none"), r"VAE.loss: reduction .* got 'none'"),
])
def test_bad_input_names_the_model_and_the_value(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_recipe_short_run_learns(one_thread):
    # The first 3 of the default recipe's 20 epochs (about 3 s): about 145
    # nats/image; the full run's figure (about 115) is in the README.
    from nnlite.training.vae import RECIPE, mnist_images, train_vae

    nnlite.manual_seed(0)
    model = VAE()
    history = train_vae(model, mnist_images(True), mnist_images(False), epochs=3,
                        batch_size=RECIPE["batch_size"], lr=RECIPE["lr"], seed=0)
    first, last = history[0].test_neg_elbo, history[-1].test_neg_elbo
    assert last < first and last <= 150  # an untrained model scores about 545


def test_cli_reports_per_epoch_and_the_final_line(capsys, tmp_path, one_thread):
    from PIL import Image

    plot, save = tmp_path / "vae.png", tmp_path / "vae.safetensors"
    code = cli.main(["train", "--model", "vae", "--epochs", "2", "--limit", "300", "--batch-size", "64",
                     "--threads", "1", "--no-progress", "--plot", str(plot), "--save", str(save)])
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.strip().splitlines()
    assert re.fullmatch(r"epoch 1/2: train -ELBO \d+\.\d\d, test -ELBO \d+\.\d\d nats/image \(\d+\.\d s\)", lines[1])
    final = [ln for ln in lines if ln.startswith("final test -ELBO")]
    assert len(final) == 1 and re.fullmatch(r"final test -ELBO: \d+\.\d\d nats/image \(\d+\.\d s of training\)",
                                            final[0])
    epoch2 = float(re.search(r"test -ELBO (\d+\.\d\d)", lines[2]).group(1))
    assert float(final[0].split()[3]) == epoch2
    with Image.open(plot) as im:
        assert im.size == (8 * 30 + 2, 8 * 30 + 2)  # 8x8 images of 28 pixels, padding 2 (torchvision's layout)
    state = nnlite.load(str(save))
    assert set(state) == {"fc1.weight", "fc1.bias", "fc21.weight", "fc21.bias", "fc22.weight", "fc22.bias",
                          "fc3.weight", "fc3.bias", "fc4.weight", "fc4.bias"}


@pytest.mark.parametrize("argv, match", [
    (["--dataset", "cifar10", "--data-dir", "."], "28x28 grey images"),
    (["--label-smoothing", "0.1"], "--label-smoothing is for the classifiers"),
    (["--confusion"], "--confusion is for the classifiers"),
])
def test_cli_refuses_classifier_options(capsys, argv, match):
    assert cli.main(["train", "--model", "vae", "--epochs", "1", "--no-progress", *argv]) == 2
    err = capsys.readouterr().err
    assert match in err and len(err.strip().splitlines()) == 1
