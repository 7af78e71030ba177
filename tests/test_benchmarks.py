"""The benchmark harness's bookkeeping (not its timings): rows get ratios and
the issue's targets, and the table prints every row."""
import importlib.util
import sys
from pathlib import Path

import pytest

import nnlite

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("benchmarks") is None:
    sys.path.insert(0, str(ROOT))
run = pytest.importorskip("benchmarks.run")
micro = pytest.importorskip("benchmarks.micro")


def test_rows_get_ratios_and_targets():
    rows = [
        {"row": "sgemm", "shape": "1024x1024x1024", "unit": "GFLOP/s", "nnlite": 200.0, "torch": 100.0},
        {"row": "op overhead", "shape": "a+b, 1 elem", "unit": "us/call", "nnlite": 0.6, "torch": 1.0},
        {"row": "memory", "shape": "x", "unit": "MB", "nnlite": 300.0, "torch": 200.0},
    ]
    run.annotate(rows, {"gflops": 230.0})
    assert rows[0]["ratio"] == 2.0 and rows[0]["met"] and rows[0]["target"] == ">= 1.0"
    assert rows[0]["fraction_of_peak"] == pytest.approx(200 / 230) and rows[0]["peak_target_met"]
    assert rows[1]["ratio"] == pytest.approx(0.6) and not rows[1]["met"]
    assert rows[2]["ratio"] == 1.5 and not rows[2]["met"]
    text = run.table(rows)
    assert all(r["shape"] in text for r in rows) and "NO" in text
    md = run.markdown(rows).splitlines()
    assert len(md) == 2 + len(rows) and "87% of peak" in md[2] and "**no**" in md[3]


def test_a_kernel_row_runs_without_torch():
    rows = micro.op_overhead(nnlite, None, quick=True)
    assert len(rows) == 4 and all(r["nnlite"] > 0 and "torch" not in r for r in rows)


def test_peak_estimate_is_threads_times_flop_per_cycle_times_clock(monkeypatch):
    common = pytest.importorskip("benchmarks.common")
    monkeypatch.setenv("NNLITE_BENCH_GHZ", "2.5")
    monkeypatch.setenv("NNLITE_BENCH_FLOP_PER_CYCLE", "64")
    monkeypatch.setattr(common, "measured_fma_gflops", lambda threads, simd: None)
    peak = common.fp32_peak_gflops(2, "avx512")
    assert peak["estimate_gflops"] == 320.0 and peak["gflops"] == 320.0 and peak["measured_gflops"] is None
    monkeypatch.setattr(common, "measured_fma_gflops", lambda threads, simd: {"one_thread": 150.0, "all_threads": 290.0})
    assert common.fp32_peak_gflops(2, "avx512")["gflops"] == 290.0
    monkeypatch.delenv("NNLITE_BENCH_GHZ")
    assert common.fp32_peak_gflops(2, "avx512")["ghz"] == pytest.approx(150 / 64, abs=0.01)


def test_build_comparison_turns_every_change_so_that_below_one_is_faster():
    compare = pytest.importorskip("benchmarks.compare")
    base = [{("sgemm", "s"): {"unit": "GFLOP/s", "ratio": 2.0}, ("mlp", "m"): {"unit": "ms", "ratio": 0.5}},
            {("sgemm", "s"): {"unit": "GFLOP/s", "ratio": 2.2}, ("mlp", "m"): {"unit": "ms", "ratio": 0.7},
             ("extra", "x"): {"unit": "ms"}}]
    new = [{("sgemm", "s"): {"unit": "GFLOP/s", "ratio": 1.05}, ("mlp", "m"): {"unit": "ms", "ratio": 0.3}}]
    rows = {r[0]: r for r in compare.compare(base, new)}
    assert set(rows) == {"sgemm", "mlp"}
    assert rows["sgemm"][3] == pytest.approx(2.1) and rows["sgemm"][5] == pytest.approx(2.0)  # half the rate: slower
    assert rows["mlp"][5] == pytest.approx(0.5)  # half the time: faster


def test_sequence_rows_run_without_torch():
    sequence = pytest.importorskip("benchmarks.sequence")
    row = sequence.sdpa_forward_backward(nnlite, None, (1, 2, 8, 4), repeats=1)
    assert row["row"] == "sdpa forward+backward" and row["shape"] == "1x2x8x4" and row["nnlite"] > 0
    assert "torch" not in row
    row = sequence.rnn_train_step(nnlite, None, "GRU", seq=3, batch=2, repeats=1)
    assert row["row"] == "gru training step" and row["nnlite"] > 0
    assert run.target_of(row) == ("max", 0.8) and run.target_of({"row": "latency", "shape": "lstm"}) == ("max", 0.5)


def test_distributed_benchmark_runs_and_its_model_adds_up(tmp_path):
    """python -m benchmarks.distributed --quick end to end (no timing asserted), and the
    throughput model's arithmetic on made-up numbers."""
    import json
    import shutil
    import subprocess

    dist_bench = pytest.importorskip("benchmarks.distributed")
    alpha, beta = dist_bench.fit_allreduce([{"bytes": b, "nnlite": 1e-5 + b / 2e9} for b in (4, 4096, 1 << 20)])
    assert alpha == pytest.approx(1e-5, rel=1e-3) and beta == pytest.approx(2e9, rel=1e-3)  # 2 (N-1)/N = 1 at N=2
    assert dist_bench.predict_step(0.5, 1e9, 0.25, 0.0, 1e9, 4) == pytest.approx(0.5 + 0.75 * 1.5)
    assert dist_bench.predict_step(0.5, 1e9, 0.25, 0.0, 1e9, 1) == 0.5
    if importlib.util.find_spec("mpi4py") is None or shutil.which("mpiexec") is None:
        pytest.skip("mpi4py/mpiexec not installed")
    out = tmp_path / "d.json"
    run_ = subprocess.run([sys.executable, "-m", "benchmarks.distributed", "--quick", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ,
                               "PYTHONPATH": str(Path(nnlite.__file__).resolve().parents[1])})
    assert run_.returncode == 0, run_.stdout + run_.stderr
    result = json.loads(out.read_text())
    assert [r["bytes"] for r in result["allreduce"]][:3] == [4, 256, 4096]
    assert {"no_sync", "overlap", "no_overlap"} <= set(result["ddp"]["two"])
    assert [r["workers"] for r in result["prediction"]] == [8, 256, 1024]
def test_inference_rows_gain_an_onnxruntime_column():
    pytest.importorskip("onnxruntime")
    models = pytest.importorskip("benchmarks.models")
    for name, shape in (("lenet5", (1, 28, 28)), ("mlp", (784,)), ("resnet20", (3, 32, 32))):
        row = models.inference(nnlite, None, name, shape, 2, 1, "latency")
        assert row["nnlite"] > 0 and row["ort"] > 0 and row["graph"] > 0 and "torch" not in row
        run.annotate([row], {"gflops": 1.0})
        assert row["ratio_ort"] == pytest.approx(row["nnlite"] / row["ort"]) and row["target_ort"] == "<= 1.0"
    assert "ort/own" in run.table([row]) and "onnxruntime" in run.markdown([row])


def test_under_load_rows_run_with_a_busy_child():
    pytest.importorskip("onnxruntime")
    under_load = pytest.importorskip("benchmarks.under_load")
    with under_load.busy_neighbour() as children:
        assert children[0].poll() is None  # spinning
    assert children[0].poll() is not None  # killed on leaving
    models = pytest.importorskip("benchmarks.models")
    row = models.inference(nnlite, None, "resnet20", (3, 32, 32), 1, 1, "under load")
    assert row["ort"] > 0


def test_sgemm_gains_numpy_with_openblas_own_kernel(monkeypatch):
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")  # the child must drop it
    rows = micro.sgemm(nnlite, None, quick=True, shapes=[(64, 64, 64)])
    assert rows[0]["numpy_own"] > 0 and rows[0]["numpy_kernel"]
    own = pytest.importorskip("benchmarks.openblas_child")
    out = own.measure([(8, 8, 8)], 1, 1)
    assert set(out) == {"kernel", "threads", "gflops"} and out["gflops"]["8x8x8"] > 0
