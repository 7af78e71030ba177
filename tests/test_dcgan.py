"""models.DCGAN against PyTorch, its initialisation, a short adversarial run,
and ``nnlite train --model dcgan``."""
import dataclasses
import io
import re

import numpy as np
import pytest

import nnlite
from nnlite import cli
from nnlite.models import DCGAN, get_model

torch = pytest.importorskip("torch")
tnn = torch.nn


def torch_generator(latent, w):
    return tnn.Sequential(
        tnn.ConvTranspose2d(latent, 4 * w, 7, 1, 0, bias=False), tnn.BatchNorm2d(4 * w), tnn.ReLU(),
        tnn.ConvTranspose2d(4 * w, 2 * w, 4, 2, 1, bias=False), tnn.BatchNorm2d(2 * w), tnn.ReLU(),
        tnn.ConvTranspose2d(2 * w, 1, 4, 2, 1), tnn.Tanh())


def torch_discriminator(w):
    return tnn.Sequential(
        tnn.Conv2d(1, w, 4, 2, 1), tnn.LeakyReLU(0.2),
        tnn.Conv2d(w, 2 * w, 4, 2, 1, bias=False), tnn.BatchNorm2d(2 * w), tnn.LeakyReLU(0.2),
        tnn.Conv2d(2 * w, 1, 7, 1, 0), tnn.Flatten(0))


def copy_into(ours, theirs):
    """Copy our state (names main.i.*) into the torch Sequential (names i.*)."""
    state = {k.removeprefix("main."): torch.from_numpy(v.numpy().copy()) for k, v in ours.state_dict().items()}
    theirs.load_state_dict(state)


def grads(module):
    return {k: p.grad for k, p in module.named_parameters()}


@pytest.mark.parametrize("part", ["generator", "discriminator"])
def test_forward_and_gradients_equal_torch(part):
    nnlite.manual_seed(3)
    model = DCGAN(latent_dim=12, width=4)
    ours = getattr(model, part)
    theirs = torch_generator(12, 4) if part == "generator" else torch_discriminator(4)
    copy_into(ours, theirs)
    # The reference runs in float64: the last bias's gradient in eval mode is a
    # sum that cancels to about 2e-4, where float32 rounding (PyTorch's
    # or ours, in whatever order each sums) is as large as the value.
    theirs.double()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 12)) if part == "generator" else rng.uniform(-1, 1, (5, 1, 28, 28))
    x = x.astype(np.float32)
    for train in (True, False):  # batch statistics, then the running statistics both updated
        ours.train(train)
        theirs.train(train)
        xo = nnlite.from_numpy(x).requires_grad_(True)
        xt = torch.from_numpy(x.astype(np.float64)).requires_grad_(True)
        yo = ours(xo)
        yt = theirs(xt.reshape(5, 12, 1, 1) if part == "generator" else xt)
        weights = np.linspace(-1, 1, yt.numel(), dtype=np.float32).reshape(tuple(yt.shape))
        (yo * nnlite.from_numpy(weights)).sum().backward()
        (yt * torch.from_numpy(weights.astype(np.float64))).sum().backward()
        np.testing.assert_allclose(yo.detach().numpy(), yt.detach().numpy(), rtol=1e-4, atol=1e-5)
        np.testing.assert_allclose(xo.grad.numpy(), xt.grad.numpy(), rtol=1e-3, atol=1e-5)
        for name, g in grads(ours).items():
            np.testing.assert_allclose(g.numpy(), grads(theirs)[name.removeprefix("main.")].numpy(), rtol=1e-3,
                                       atol=1e-5, err_msg=name)
        ours.zero_grad()
        theirs.zero_grad()
    for name, b in ours.named_buffers():
        np.testing.assert_allclose(b.numpy(), theirs.state_dict()[name.removeprefix("main.")].numpy(), rtol=1e-5,
                                   atol=1e-6, err_msg=name)


def test_losses_equal_torch_bce_with_logits():
    nnlite.manual_seed(1)
    model = DCGAN(latent_dim=8, width=4)
    real = nnlite.rand(6, 1, 28, 28) * 2 - 1
    fake = model(model.noise(6))
    d = torch_discriminator(4)
    copy_into(model.discriminator, d)
    bce = tnn.BCEWithLogitsLoss()
    rt, ft = torch.from_numpy(real.numpy().copy()), torch.from_numpy(fake.detach().numpy().copy())
    want_d = bce(d(rt), torch.ones(6)) + bce(d(ft), torch.zeros(6))
    assert model.discriminator_loss(real, fake).item() == pytest.approx(want_d.item(), rel=1e-5)
    assert model.generator_loss(fake).item() == pytest.approx(bce(d(ft), torch.ones(6)).item(), rel=1e-5)


def test_generator_loss_does_not_train_the_generator_through_the_discriminator_loss():
    model = DCGAN(latent_dim=8, width=4)
    fake = model(model.noise(4))
    model.discriminator_loss(nnlite.zeros(4, 1, 28, 28), fake).backward()
    assert all(p.grad is None for p in model.generator.parameters())
    assert all(p.grad is not None for p in model.discriminator.parameters())


def test_dcgan_init_statistics():
    nnlite.manual_seed(0)
    model = DCGAN(latent_dim=100, width=64)
    convs = [m for m in model.modules() if isinstance(m, (nnlite.nn.Conv2d, nnlite.nn.ConvTranspose2d))]
    norms = [m for m in model.modules() if isinstance(m, nnlite.nn.BatchNorm2d)]
    assert len(convs) == 6 and len(norms) == 3
    for conv in convs:
        w = conv.weight.detach().numpy()
        assert abs(w.mean()) < 0.003 and w.std() == pytest.approx(0.02, rel=0.1), conv
        if conv.bias is not None:
            assert not conv.bias.detach().numpy().any()
    scales = np.concatenate([n.weight.detach().numpy() for n in norms])
    assert abs(scales.mean() - 1) < 0.005 and scales.std() == pytest.approx(0.02, rel=0.2)
    assert not np.concatenate([n.bias.detach().numpy() for n in norms]).any()


def test_shapes_sampling_and_zoo():
    model = get_model("dcgan", latent_dim=16, width=8)
    assert isinstance(model, DCGAN)
    g = nnlite.Generator()
    g.manual_seed(5)
    a = model.sample(3, generator=g)
    g.manual_seed(5)
    b = model.sample(3, generator=g)
    assert tuple(a.shape) == (3, 1, 28, 28) and not a.requires_grad
    assert np.array_equal(a.numpy(), b.numpy())
    assert a.min().item() >= -1 and a.max().item() <= 1
    assert tuple(model.discriminator(a).shape) == (3,)
    assert tuple(model(nnlite.randn(2, 16, 1, 1)).shape) == (2, 1, 28, 28)


@pytest.mark.parametrize("make, message", [
    (lambda: DCGAN(latent_dim=0), r"DCGAN: latent_dim must be a positive integer, got 0"),
    (lambda: DCGAN(width=2.5), r"DCGAN: width must be a positive integer, got 2.5"),
    (lambda: DCGAN(width=4).sample(0), r"DCGAN: number of samples must be a positive integer, got 0"),
    (lambda: DCGAN(latent_dim=8, width=4)(nnlite.zeros(2, 9)),
     r"DCGAN generator: expected a latent batch of shape \[N, 8\] or \[N, 8, 1, 1\], got \[2, 9\]"),
    (lambda: DCGAN(width=4).discriminator(nnlite.zeros(2, 1, 32, 32)),
     r"DCGAN discriminator: expected images of shape \[N, 1, 28, 28\], got \[2, 1, 32, 32\]"),
    (lambda: DCGAN(width=4).generator_loss(nnlite.zeros(2, 784)),
     r"DCGAN generator_loss: expected images of shape \[N, 1, 28, 28\], got \[2, 784\]"),
])
def test_bad_input_names_the_model_and_value(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_short_training_moves_the_losses_and_beats_noise():
    # 6 epochs on 512 digits, width 16, batch 16 (192 steps; about 7 s, and
    # 5 s for the scoring LeNet-5). On so few images the discriminator wins
    # the early game: its loss falls to under half its first epoch's, and the
    # generator's (non-saturating) loss at least doubles. The samples still
    # look more like digits than noise does to the LeNet-5: mean top-class
    # probability at least 0.45 and 0.2 above uniform noise's (measured: 0.64
    # against 0.18, all 10 classes; real test digits score 0.98).
    from nnlite.training import dcgan as recipe
    from nnlite.training.recipes import TrainConfig

    cfg = TrainConfig(model="dcgan", limit=512, seed=0)
    images = recipe.training_images(cfg)
    assert tuple(images.shape) == (512, 1, 28, 28) and images.min().item() == -1 and images.max().item() == 1
    nnlite.manual_seed(0)
    model = DCGAN(width=16)
    opt_d = nnlite.optim.Adam(model.discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_g = nnlite.optim.Adam(model.generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    shuffle = nnlite.Generator()
    shuffle.manual_seed(0)
    losses = [recipe.train_epoch(model, images, opt_d, opt_g, 16, shuffle) for _ in range(6)]
    assert losses[-1][0] < 0.5 * losses[0][0] and losses[-1][1] > 2 * losses[0][1], losses
    classifier = recipe.train_classifier(dataclasses.replace(cfg, limit=1000), io.StringIO())
    model.eval()
    noise_score, _ = recipe.sample_score(classifier, nnlite.rand(1000, 1, 28, 28) * 2 - 1)
    score, classes = recipe.sample_score(classifier, model.sample(1000))
    assert score >= 0.45 and score > noise_score + 0.2 and classes >= 8, (score, classes, noise_score)


def test_cli_writes_a_grid_per_epoch_and_ends_with_the_score(tmp_path, capsys):
    assert cli.main(["train", "--model", "dcgan", "--epochs", "2", "--limit", "128", "--no-progress",
                     "--plot", str(tmp_path / "grid.png"), "--save", str(tmp_path / "gan.safetensors")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"final sample score: mean top-class probability (0|1)\.\d{3}, ([1-9]|10) of 10 classes",
                        lines[-1]), lines[-1]
    assert [line.split(":")[0] for line in lines if line.startswith("epoch")] == ["epoch 1/2", "epoch 2/2"]
    for epoch in (1, 2):
        png = tmp_path / f"grid_epoch_{epoch:03d}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    state = nnlite.load(str(tmp_path / "gan.safetensors"))
    assert "generator.main.0.weight" in state


@pytest.mark.parametrize("option", [["--confusion"], ["--label-smoothing", "0.1"], ["--optimizer", "adamw"],
                                    ["--dataset", "fashion-mnist", "--data-dir", "."]])
def test_cli_refuses_options_that_do_not_apply(option, capsys):
    assert cli.main(["train", "--model", "dcgan", "--no-progress", *option]) == 2
    assert "--model dcgan" in capsys.readouterr().err


def test_example_runs_one_short_epoch(tmp_path):
    # examples/dcgan.py, loaded as tests/test_examples.py loads the examples.
    import importlib.util
    import pathlib

    path = pathlib.Path(__file__).resolve().parents[1] / "examples" / "dcgan.py"
    spec = importlib.util.spec_from_file_location("example_dcgan", path)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    model, loss_d, loss_g = example.main(epochs=1, limit=64, width=8, out=str(tmp_path), verbose=False)
    assert isinstance(model, DCGAN) and np.isfinite(loss_d) and np.isfinite(loss_g)
    assert (tmp_path / "epoch_001.png").read_bytes()[:4] == b"\x89PNG"
