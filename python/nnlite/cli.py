"""The ``nnlite`` command: ``nnlite train`` trains a zoo model, ``nnlite info``
describes the installation. Bad arguments give one line on stderr and exit
status 2; no traceback."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import List, Optional


class UsageError(Exception):
    """A bad command line or setting: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage before an error; one line is clearer.
    def error(self, message):
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _positive_int(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got '{text}'") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {v}")
    return v


def _positive_float(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number, got '{text}'") from None
    if not v > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text}")
    return v


def _non_negative_float(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got '{text}'") from None
    if not v >= 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text}")
    return v


def build_parser() -> argparse.ArgumentParser:
    from nnlite.models import list_models
    from nnlite.models.training import DATASETS, OPTIMIZERS, TrainConfig

    d = TrainConfig()
    parser = _Parser(prog="nnlite", description="nnlite: a small, fast deep-learning library.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    sub.add_parser("info", help="print the version, SIMD level, threads and CUDA support")

    t = sub.add_parser("train", help="train a zoo model on an image dataset",
                       description="Train a model of the zoo and print the test accuracy after each epoch. "
                                   "With no options: an MLP on the MNIST subset that nnlite ships.")
    t.add_argument("--model", default=d.model,
                   help=f"zoo model: {', '.join(list_models())} (default {d.model})")
    t.add_argument("--dataset", default=d.dataset, choices=sorted(DATASETS), help=f"default {d.dataset}")
    t.add_argument("--data-dir", default=None,
                   help="directory of the dataset's IDX files (raw or .gz); default: MNIST's embedded subset")
    t.add_argument("--epochs", type=_positive_int, default=d.epochs, help=f"default {d.epochs}")
    t.add_argument("--batch-size", type=_positive_int, default=d.batch_size, help=f"default {d.batch_size}")
    t.add_argument("--optimizer", default=d.optimizer, choices=sorted(OPTIMIZERS), help=f"default {d.optimizer}")
    t.add_argument("--lr", type=_positive_float, default=None,
                   help="peak learning rate (default: sgd 0.05, adam/adamw 0.001)")
    t.add_argument("--weight-decay", type=_non_negative_float, default=None,
                   help="default: sgd 5e-4, adam 0, adamw 0.01")
    t.add_argument("--label-smoothing", type=_non_negative_float, default=d.label_smoothing,
                   help=f"default {d.label_smoothing}")
    t.add_argument("--warmup-epochs", type=_non_negative_float, default=d.warmup_epochs,
                   help=f"linear warm-up before the cosine decay (default {d.warmup_epochs})")
    t.add_argument("--seed", type=int, default=d.seed, help=f"seeds weights, dropout and shuffling (default {d.seed})")
    t.add_argument("--threads", type=_positive_int, default=None, help="CPU threads (nnlite.set_num_threads)")
    t.add_argument("--limit", type=_positive_int, default=None,
                   help="use only the first N training and N test samples (quick checks)")
    t.add_argument("--save", metavar="PATH", default=None, help="save the trained state dict (.npz)")
    t.add_argument("--plot", metavar="PATH", default=None, help="save a PNG of loss and accuracy per epoch")
    t.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def cmd_info(out=None) -> int:
    import nnlite

    out = out if out is not None else sys.stdout
    lines = [
        f"nnlite {nnlite.__version__}",
        f"SIMD level: {nnlite._C.simd_level()}",
        f"threads: {nnlite.get_num_threads()}",
        f"CUDA compiled: {'yes' if nnlite.cuda.is_compiled() else 'no'}",
        f"CUDA available: {'yes' if nnlite.cuda.is_available() else 'no'}",
    ]
    print("\n".join(lines), file=out)
    return 0


def save_state_dict(model, path: str) -> None:
    """numpy.savez of {name: array}, written to a temporary file in the target
    directory and renamed into place so a crash never leaves half a file."""
    import numpy as np

    arrays = {name: t.detach().numpy() for name, t in model.state_dict().items()}
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".nnlite-save-", suffix=".npz", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _import_pyplot():
    try:
        import matplotlib
    except ImportError:
        raise UsageError("--plot needs matplotlib, which is not installed (pip install matplotlib)") from None
    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.pyplot as plt

    return plt


def save_plot(history, path: str, plt) -> None:
    epochs = [r.epoch for r in history.epochs]
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
    ax_loss.plot(epochs, [r.loss for r in history.epochs], marker="o")
    ax_loss.set(title="training loss", xlabel="epoch", ylabel="loss")
    ax_acc.plot(epochs, [r.train_accuracy for r in history.epochs], marker="o", label="train")
    ax_acc.plot(epochs, [r.test_accuracy for r in history.epochs], marker="o", label="test")
    ax_acc.set(title="accuracy", xlabel="epoch", ylabel="accuracy")
    ax_acc.legend()
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, format="png")
    plt.close(fig)


def _check_output_path(option: str, path: Optional[str]) -> None:
    if path is None:
        return
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise UsageError(f"{option}: directory '{directory}' does not exist")


def cmd_train(args, out=None) -> int:
    import nnlite
    from nnlite.models.training import TrainConfig, check_config, fit, load_datasets

    out = out if out is not None else sys.stdout
    cfg = TrainConfig(model=args.model, dataset=args.dataset, data_dir=args.data_dir, epochs=args.epochs,
                      batch_size=args.batch_size, optimizer=args.optimizer, lr=args.lr,
                      weight_decay=args.weight_decay, label_smoothing=args.label_smoothing,
                      warmup_epochs=args.warmup_epochs, seed=args.seed, limit=args.limit,
                      progress=not args.no_progress)
    # Check everything that can fail before spending time on training.
    try:
        check_config(cfg)
    except ValueError as e:
        raise UsageError(str(e)) from None
    if args.data_dir is not None and not os.path.isdir(args.data_dir):
        raise UsageError(f"--data-dir: directory '{args.data_dir}' does not exist")
    _check_output_path("--save", args.save)
    _check_output_path("--plot", args.plot)
    plt = _import_pyplot() if args.plot else None
    if args.threads is not None:
        nnlite.set_num_threads(args.threads)

    def report(r):
        print(f"epoch {r.epoch}/{cfg.epochs}: loss {r.loss:.4f}, train accuracy {r.train_accuracy:.4f}, "
              f"test accuracy {r.test_accuracy:.4f} ({r.seconds:.1f} s, {r.samples_per_second:.0f} samples/s)",
              file=out, flush=True)

    try:
        datasets = load_datasets(cfg)
    except (FileNotFoundError, ValueError) as e:  # missing or malformed data files
        raise UsageError(str(e)) from None
    model, history = fit(cfg, on_epoch=report, datasets=datasets)
    total = sum(r.seconds for r in history.epochs)
    print(f"final test accuracy: {history.final_test_accuracy:.4f} ({total:.1f} s of training)", file=out)
    if args.save:
        save_state_dict(model, args.save)
        print(f"saved the state dict to {args.save}", file=out)
    if plt is not None:
        save_plot(history, args.plot, plt)
        print(f"saved the plot to {args.plot}", file=out)
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command == "info":
            return cmd_info()
        return cmd_train(args)
    except UsageError as e:
        print(f"nnlite: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nnlite: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
