"""atheris driver for the Python-side parsers (not in CI: needs atheris).

    PYTHONPATH=python python fuzz/python/run_atheris.py safe_pickle \
        fuzz/python/corpus/safe_pickle -atheris_runs=1000000

The first argument names a target of targets.py; the rest go to libFuzzer
(corpus folders, -max_total_time=S, -rss_limit_mb=..., ...). Seeds live in
fuzz/python/seeds/<target> (make_seeds.py writes them); pass a scratch copy
as the corpus folder, since libFuzzer adds the inputs it finds there.
A crash input libFuzzer saves goes into fuzz/python/crashes/<target>/ once
fixed, so the replay test keeps checking it.
"""
import sys

import atheris

with atheris.instrument_imports(include=["nnlite", "PIL", "pickle", "pickletools"]):
    import targets
    from PIL import Image

    Image.init()  # Pillow imports its format plugins lazily: load them here, instrumented


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in targets.TARGETS:
        sys.exit(f"usage: run_atheris.py {{{','.join(targets.TARGETS)}}} [libFuzzer arguments]")
    target = targets.TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0]] + sys.argv[2:], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
