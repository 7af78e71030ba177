"""``nnlite train --model dcgan``: adversarial training on MNIST, scored by a classifier.

The recipe (chosen on the embedded 4,000-image MNIST subset): pixels scaled
to [-1, 1], DCGAN of width 32 (``models.DCGAN``), Adam lr 2e-4 with betas
(0.5, 0.999) for both players, held for the first half of the run and then
decayed linearly towards 0 (the players' oscillation dies down, so the last
generator draws cleaner digits), batch 32 (a GAN's progress follows its
step count more than its epochs), one discriminator step then one generator
step per batch (the generator reuses the batch's fakes), 40 epochs. The
generator kept at the end is the exponential moving average of its weights
over the steps (decay 0.999, about the last 1,000 steps), which smooths out
the last oscillations of the game; its batch-norm running statistics are then
re-estimated from 50 batches of its own samples. Grids show it too.

After every epoch a grid of 64 samples from fixed latents is written as a
PNG: ``--plot DIR`` (an existing directory) writes ``DIR/dcgan_epoch_NNN.png``,
``--plot FILE.png`` writes ``FILE_epoch_NNN.png``; without ``--plot`` the
grids go to ``./dcgan_samples/``.

At the end a LeNet-5 is trained in the same run on the same training images
(the LeNet recipe of ``nnlite train --model lenet5`` without label smoothing,
which would cap its confidence near 0.91 and so hide what the score
measures), and 1,000 generated digits are scored with it: the last line is
``final sample score: mean top-class probability P, K of 10 classes``.
"""
from __future__ import annotations

import copy
import dataclasses
import os
import time
from pathlib import Path

import nnlite
from nnlite import optim
from nnlite.models import DCGAN
from nnlite.training.loop import fit
from nnlite.training.recipes import TrainConfig, model_device
from nnlite.utils import save_image

EPOCHS = 40
BATCH_SIZE = 32
LR = 2e-4
BETAS = (0.5, 0.999)
WIDTH = 32
CLASSIFIER_EPOCHS = 15  # the MNIST recipe's
SCORED_SAMPLES = 1000
GRID_SAMPLES = 64
EMA_DECAY = 0.999
RECALIBRATION_BATCHES = 50
DEFAULT_PLOT_DIR = "dcgan_samples"

# Options of the classifier recipe that mean nothing for a GAN, with the value
# that says "not given" (argparse's default).
_UNUSED = {"weight_decay": None, "label_smoothing": None, "warmup_epochs": None, "augment": None,
           "download": False, "checkpoint_dir": None, "resume": None, "confusion": False}


def _usage_error(message: str):
    from nnlite.cli import UsageError

    return UsageError(f"--model dcgan: {message}")


def check_options(cfg: TrainConfig) -> None:
    for name, unset in _UNUSED.items():
        if getattr(cfg, name) != unset:
            raise _usage_error(f"--{name.replace('_', '-')} does not apply to GAN training")
    if cfg.dataset != "mnist":
        raise _usage_error(f"the recipe and its digit classifier are for MNIST, not {cfg.dataset}")
    if cfg.optimizer == "adamw":
        raise _usage_error("both players train with Adam (betas 0.5, 0.999); --optimizer adamw does not apply")


def training_images(cfg: TrainConfig) -> nnlite.Tensor:
    """The MNIST training images [N, 1, 28, 28] scaled to [-1, 1] (the generator's Tanh range)."""
    from nnlite.data.datasets import MNIST

    data = MNIST(cfg.data_dir, train=True).data
    if cfg.limit is not None:
        data = data[:cfg.limit]
    return (data.float() * (2.0 / 255.0) - 1.0).unsqueeze(1)


def plot_path(plot, epoch: int) -> Path:
    """Where the sample grid of ``epoch`` goes (see the module docstring)."""
    name = f"dcgan_epoch_{epoch:03d}.png"
    if plot is None:
        return Path(DEFAULT_PLOT_DIR) / name
    plot = Path(plot)
    if plot.is_dir():
        return plot / name
    return plot.with_name(f"{plot.stem}_epoch_{epoch:03d}{plot.suffix or '.png'}")


def epoch_lr(lr: float, epoch: int, epochs: int) -> float:
    """``lr`` for the first half of the run, then a linear decay: epoch e of the
    second half trains at lr * (epochs - e + 1) / (epochs - half + 1)."""
    half = epochs // 2
    return lr if epoch <= half else lr * (epochs - epoch + 1) / (epochs - half + 1)


def ema_update(average: nnlite.nn.Module, current: nnlite.nn.Module, decay: float) -> None:
    """average <- decay * average + (1 - decay) * current, parameter by parameter."""
    with nnlite.no_grad():
        for a, c in zip(average.parameters(), current.parameters()):
            a.mul_(decay).add_(c, alpha=1.0 - decay)


def recalibrate_batch_norm(generator: nnlite.nn.Module, latent_dim: int, batch_size: int) -> None:
    """Re-estimate the running statistics of ``generator``'s batch norms from
    its own samples (averaged weights come with no statistics of their own):
    after 50 batches at momentum 0.1 the old statistics weigh 0.9^50 < 1%."""
    generator.train()
    with nnlite.no_grad():
        for _ in range(RECALIBRATION_BATCHES):
            generator(nnlite.randn(batch_size, latent_dim, device=model_device(generator)))
    generator.eval()


def train_epoch(model: DCGAN, images, opt_d, opt_g, batch_size: int, shuffle: nnlite.Generator, average=None):
    """One pass over ``images``; returns the mean discriminator and generator losses.
    ``average``, if given, is a copy of the generator kept as the moving average of its weights."""
    n = images.shape[0]
    order = nnlite.randperm(n, generator=shuffle).to(images.device)
    total_d = total_g = 0.0
    steps = 0
    for start in range(0, n, batch_size):
        real = images.index_select(0, order[start:start + batch_size])
        fake = model.generator(model.noise(real.shape[0]))
        loss_d = model.discriminator_loss(real, fake)
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        # The generator's step sees the discriminator just updated, as in the paper's algorithm.
        loss_g = model.generator_loss(fake)
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        if average is not None:
            ema_update(average, model.generator, EMA_DECAY)
        total_d += loss_d.item()
        total_g += loss_g.item()
        steps += 1
    return total_d / steps, total_g / steps


def train_classifier(cfg: TrainConfig, out):
    """LeNet-5 on the same training images (see the module docstring)."""
    lenet_cfg = dataclasses.replace(TrainConfig(), model="lenet5", dataset=cfg.dataset, data_dir=cfg.data_dir,
                                    epochs=CLASSIFIER_EPOCHS, label_smoothing=0.0, seed=cfg.seed,
                                    limit=cfg.limit, progress=False, device=cfg.device)
    start = time.perf_counter()
    classifier, history = fit(lenet_cfg)
    print(f"scoring classifier: LeNet-5, {CLASSIFIER_EPOCHS} epochs, test accuracy "
          f"{history.final_test_accuracy:.4f} ({time.perf_counter() - start:.1f} s)", file=out, flush=True)
    classifier.eval()
    return classifier


def sample_score(classifier, images):
    """(mean top-class probability, number of distinct predicted classes) of
    ``images`` [N, 1, 28, 28] in [-1, 1], as the MNIST classifier sees them."""
    from nnlite.data.datasets import MNIST

    x = ((images + 1.0) * 0.5 - MNIST.mean) * (1.0 / MNIST.std)  # the classifier's standardised inputs
    with nnlite.no_grad():
        probs = nnlite.softmax(classifier(x), dim=1)
    top, labels = probs.max(dim=1)
    return top.mean().item(), len(set(labels.tolist()))


def run(cfg: TrainConfig, args, out) -> int:
    check_options(cfg)
    epochs = cfg.epochs or EPOCHS
    batch_size = cfg.batch_size or BATCH_SIZE
    lr = cfg.lr or LR
    try:
        images = training_images(cfg).to(cfg.device)
    except (OSError, ValueError) as e:
        raise _usage_error(str(e)) from None
    if args.plot is None:
        os.makedirs(DEFAULT_PLOT_DIR, exist_ok=True)
    nnlite.manual_seed(cfg.seed)
    model = DCGAN(width=WIDTH).to(cfg.device)
    opt_d = optim.Adam(model.discriminator.parameters(), lr=lr, betas=BETAS)
    opt_g = optim.Adam(model.generator.parameters(), lr=lr, betas=BETAS)
    fixed = nnlite.Generator()
    fixed.manual_seed(cfg.seed + 1)
    fixed_latents = model.noise(GRID_SAMPLES, fixed)
    shuffle = nnlite.Generator()
    shuffle.manual_seed(cfg.seed + 2)
    average = copy.deepcopy(model.generator)
    print(f"DCGAN (width {WIDTH}, latent 100) on {images.shape[0]} MNIST images: {epochs} epochs, batch "
          f"{batch_size}, Adam lr {lr:g}", file=out, flush=True)
    started = time.perf_counter()
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        for opt in (opt_d, opt_g):
            for group in opt.param_groups:
                group["lr"] = epoch_lr(lr, epoch, epochs)
        model.train()
        loss_d, loss_g = train_epoch(model, images, opt_d, opt_g, batch_size, shuffle, average)
        recalibrate_batch_norm(average, model.latent_dim, batch_size)
        with nnlite.no_grad():
            grid = average(fixed_latents)
        path = plot_path(args.plot, epoch)
        save_image((grid + 1.0) * 0.5, path, nrow=8)
        print(f"epoch {epoch}/{epochs}: loss D {loss_d:.4f}, loss G {loss_g:.4f} ({time.perf_counter() - t0:.1f} s), samples in {path}", file=out, flush=True)
    print(f"GAN training: {time.perf_counter() - started:.1f} s", file=out, flush=True)
    model.generator.load_state_dict(average.state_dict())  # the averaged generator, its statistics re-estimated
    model.eval()
    if args.save:
        from nnlite.cli import save_state_dict

        save_state_dict(model, args.save)
        print(f"saved the state dict to {args.save}", file=out)
    classifier = train_classifier(cfg, out)
    score_gen = nnlite.Generator()
    score_gen.manual_seed(cfg.seed + 3)
    samples = model.sample(SCORED_SAMPLES, score_gen)
    mean_top, classes = sample_score(classifier, samples)
    print(f"final sample score: mean top-class probability {mean_top:.3f}, {classes} of 10 classes", file=out)
    return 0
