"""The ``nnlite`` command: ``nnlite train`` trains a zoo model, ``nnlite info``
describes the installation. Bad arguments give one line on stderr and exit
status 2; no traceback."""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional


class UsageError(Exception):
    """A bad command line or setting: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage before an error; one line is clearer.
    def error(self, message):
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _checked(cast, accept, expected):
    """An argparse type: `cast` the text, then keep it only when `accept` holds."""

    def parse(text: str):
        try:
            v = cast(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, got '{text}'") from None
        if not accept(v):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text}")
        return v

    return parse


_positive_int = _checked(int, lambda v: v >= 1, "a positive integer")
_non_negative_int = _checked(int, lambda v: v >= 0, "an integer >= 0")
_positive_float = _checked(float, lambda v: v > 0, "a positive number")
_non_negative_float = _checked(float, lambda v: v >= 0, "a number >= 0")


def build_parser() -> argparse.ArgumentParser:
    from nnlite.models import list_models
    from nnlite.training.recipes import DATASETS, MODEL_RECIPES, OPTIMIZERS, RECIPES, TrainConfig

    d = TrainConfig()
    mn, cf = RECIPES["mnist"], RECIPES["cifar"]

    def per_dataset(key):
        models = "".join(f"; {m} model {r[key]}" for m, r in MODEL_RECIPES.items() if key in r)
        return f"default {mn[key]} for MNIST, {cf[key]} for CIFAR{models}"

    parser = _Parser(prog="nnlite", description="nnlite: a small, fast deep-learning library.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    sub.add_parser("info", help="print the version, SIMD level, threads and CUDA support")

    t = sub.add_parser("train", help="train a zoo model on an image dataset",
                       description="Train a model of the zoo and print the test accuracy (top-1 and top-5) after "
                                   "each epoch. With no options: an MLP on the MNIST subset that nnlite ships. "
                                   "Settings not given follow the dataset's recipe. Under 'mpiexec -n N' it trains "
                                   "data-parallel: --batch-size is the global batch, split over the N ranks, "
                                   "--threads the threads of all ranks together; rank 0 prints and writes.")
    t.add_argument("--model", default=d.model,
                   help=f"zoo model: {', '.join(list_models())} (default {d.model})")
    t.add_argument("--dataset", default=d.dataset, choices=sorted(DATASETS), help=f"default {d.dataset}")
    t.add_argument("--data-dir", default=None,
                   help="directory of the dataset's files: the IDX files (raw or .gz) for MNIST and "
                        "Fashion-MNIST, the binary batches (cifar-10-batches-bin, cifar-100-binary) for CIFAR; "
                        "default: MNIST's embedded subset")
    t.add_argument("--download", action="store_true",
                   help="CIFAR: fetch the dataset from its official address into --data-dir (checksum verified) "
                        "unless it is there already")
    t.add_argument("--epochs", type=_positive_int, default=None, help=per_dataset("epochs"))
    t.add_argument("--batch-size", type=_positive_int, default=None, help=per_dataset("batch_size"))
    t.add_argument("--optimizer", default=d.optimizer, choices=sorted(OPTIMIZERS), help=f"default {d.optimizer}")
    t.add_argument("--lr", type=_positive_float, default=None,
                   help=f"peak learning rate (default: sgd {per_dataset('sgd_lr')[8:]}; adam/adamw 0.001)")
    t.add_argument("--weight-decay", type=_non_negative_float, default=None,
                   help="default: sgd 5e-4" + "".join(f" ({m} model {r['sgd_weight_decay']})" for m, r in
                                                       MODEL_RECIPES.items() if "sgd_weight_decay" in r)
                        + ", adam 0, adamw 0.01")
    t.add_argument("--label-smoothing", type=_non_negative_float, default=None, help=per_dataset("label_smoothing"))
    t.add_argument("--warmup-epochs", type=_non_negative_float, default=None,
                   help=f"linear warm-up before the cosine decay ({per_dataset('warmup_epochs')})")
    t.add_argument("--augment", action=argparse.BooleanOptionalAction, default=None,
                   help="random crops (padding 4) and horizontal flips of the training images "
                        "(default: on for CIFAR, off for MNIST)")
    t.add_argument("--seed", type=int, default=d.seed, help=f"seeds weights, dropout and shuffling (default {d.seed})")
    t.add_argument("--device", default=d.device,
                   help="where the model trains: cpu, cuda or cuda:N (default cpu); batches move there as they load")
    t.add_argument("--threads", type=_positive_int, default=None,
                   help="CPU threads (nnlite.set_num_threads; under mpiexec shared by the ranks)")
    t.add_argument("--workers", type=_non_negative_int, default=d.num_workers,
                   help="data loader threads (DataLoader's num_workers; default 0, with which the native "
                        "loader of MNIST and CIFAR runs one background thread)")
    t.add_argument("--limit", type=_positive_int, default=None,
                   help="use only the first N training and N test samples (quick checks)")
    t.add_argument("--checkpoint-dir", metavar="DIR", default=None,
                   help="write a checkpoint (model, optimizer, schedule) to DIR after every epoch")
    t.add_argument("--keep-checkpoints", type=_non_negative_int, default=d.keep_checkpoints,
                   help=f"keep only the newest N checkpoints, 0 for all (default {d.keep_checkpoints})")
    t.add_argument("--resume", metavar="PATH", nargs="?", const="latest", default=None,
                   help="continue from a checkpoint file, or with no PATH from the newest one in --checkpoint-dir")
    t.add_argument("--confusion", action="store_true", help="print the test confusion matrix at the end")
    t.add_argument("--save", metavar="PATH", default=None, help="save the trained state dict (safetensors; nnlite.load or the safetensors package read it)")
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
    """The state dict as a safetensors file, written atomically by nnlite.save."""
    import nnlite

    nnlite.save(model.state_dict(), os.path.abspath(path))


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


def format_confusion(matrix) -> str:
    """The confusion matrix as a table: one row per true class, one column per
    predicted class, with the class indices as headers."""
    rows = matrix.tolist()
    width = max(len(str(len(rows) - 1)), max((len(str(v)) for row in rows for v in row), default=1))
    head = "true\\pred " + " ".join(f"{j:>{width}}" for j in range(len(rows)))
    lines = [head] + [f"{i:>9} " + " ".join(f"{v:>{width}}" for v in row) for i, row in enumerate(rows)]
    return "\n".join(lines)


def cmd_train(args, out=None) -> int:
    import nnlite
    from nnlite.training import TrainConfig, TrainingRun, check_config
    from nnlite.training.parallel import DataParallel, launched_world_size
    from nnlite.training.tasks import task_runner

    out = out if out is not None else sys.stdout
    try:
        launched = launched_world_size()
    except ValueError as e:
        raise UsageError(str(e)) from None
    if launched > 1 and task_runner(args.model) is not None:
        raise UsageError(f"model {args.model} trains in one process; run it without mpiexec")
    cfg = TrainConfig(model=args.model, dataset=args.dataset, data_dir=args.data_dir, epochs=args.epochs,
                      batch_size=args.batch_size, optimizer=args.optimizer, lr=args.lr,
                      weight_decay=args.weight_decay, label_smoothing=args.label_smoothing,
                      warmup_epochs=args.warmup_epochs, augment=args.augment, download=args.download,
                      seed=args.seed, limit=args.limit, progress=not args.no_progress,
                      checkpoint_dir=args.checkpoint_dir, keep_checkpoints=args.keep_checkpoints, resume=args.resume,
                      confusion=args.confusion, num_workers=args.workers, device=args.device)
    # Check everything that can fail before spending time on training.
    if args.data_dir is not None and not os.path.isdir(args.data_dir):
        raise UsageError(f"--data-dir: directory '{args.data_dir}' does not exist")
    if args.checkpoint_dir is not None and not os.path.isdir(args.checkpoint_dir):
        raise UsageError(f"--checkpoint-dir: directory '{args.checkpoint_dir}' does not exist")
    if args.resume == "latest" and args.checkpoint_dir is None:
        raise UsageError("--resume without a PATH needs --checkpoint-dir (it resumes from the newest checkpoint there)")
    try:
        check_config(cfg)
    except ValueError as e:
        raise UsageError(str(e)) from None
    _check_output_path("--save", args.save)
    _check_output_path("--plot", args.plot)
    parallel = DataParallel() if launched > 1 else None
    if parallel is not None:
        parallel.share_threads(args.threads)
    elif args.threads is not None:
        nnlite.set_num_threads(args.threads)
    runner = task_runner(cfg.model)
    if runner is not None:   # a generative model: its own loop, report and --plot (training/tasks.py)
        return runner(cfg, args, out)
    plt = _import_pyplot() if args.plot else None
    if parallel is not None and not parallel.is_main:   # rank 0 alone prints, plots and saves
        out, args.save, plt = open(os.devnull, "w"), None, None
        cfg.progress = False

    # Missing, malformed or undownloadable data files, a checkpoint that does
    # not fit, a model that does not fit the data: one line, no traceback.
    try:
        run = TrainingRun(cfg, parallel=parallel)
    except (OSError, ValueError) as e:
        raise UsageError(str(e)) from None
    cfg = run.cfg
    if run.history.start_epoch:
        print(f"resumed from {run.resumed_from} after epoch {run.history.start_epoch}", file=out)

    def report(r):
        print(f"epoch {r.epoch}/{cfg.epochs}: loss {r.loss:.4f}, train accuracy {r.train_accuracy:.4f}, "
              f"test accuracy {r.test_accuracy:.4f}, top-5 {r.test_top5:.4f} "
              f"({r.seconds:.1f} s, {r.samples_per_second:.0f} samples/s)", file=out, flush=True)

    history = run.run(on_epoch=report)
    model = run.model
    total = sum(r.seconds for r in history.epochs)
    print(f"final test accuracy: {history.final_test_accuracy:.4f} ({total:.1f} s of training)", file=out)
    if history.confusion is not None:
        print("confusion matrix (rows: true class, columns: predicted class):", file=out)
        print(format_confusion(history.confusion), file=out)
    if cfg.checkpoint_dir is not None:
        print(f"checkpoints in {cfg.checkpoint_dir}", file=out)
    if args.save:
        save_state_dict(model, args.save)
        print(f"saved the state dict to {args.save}", file=out)
    if plt is not None:
        save_plot(history, args.plot, plt)
        print(f"saved the plot to {args.plot}", file=out)
    if parallel is not None:
        parallel.finish()
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
