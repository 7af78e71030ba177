"""models.DBN: greedy pretraining feeds each RBM the previous one's hidden means,
the classifier is the MLP the RBMs define, and ``nnlite train --model dbn``
runs its own loop (a short run with a stated lower bar; the full recipe's
97.7% is a real run reported in the README)."""
import numpy as np
import pytest

import nnlite
from nnlite import cli
from nnlite.models import DBN, get_model


def test_forward_is_the_sigmoid_mlp_of_the_rbms():
    nnlite.manual_seed(0)
    m = DBN(12, (5, 4), 3)
    x = nnlite.rand(6, 12)
    h = x.numpy()
    for rbm in m.rbms:
        h = 1 / (1 + np.exp(-(h @ rbm.weight.detach().numpy().T + rbm.hidden_bias.detach().numpy())))
    want = h @ m.classifier.weight.detach().numpy().T + m.classifier.bias.detach().numpy()
    np.testing.assert_allclose(m(x).detach().numpy(), want, rtol=1e-5, atol=1e-5)
    # Fine-tuning moves the RBMs' own parameters.
    m(x).sum().backward()
    assert m.rbms[0].weight.grad is not None and m.rbms[1].hidden_bias.grad is not None


def test_pretraining_trains_each_layer_on_the_previous_means():
    nnlite.manual_seed(0)
    m = DBN(16, (8, 6), 2)
    data = nnlite.tensor(np.tile(np.array([[1, 0] * 8, [0, 1] * 8], np.float32), (16, 1)))
    before = [r.weight.detach().numpy().copy() for r in m.rbms]
    seen = []
    m.pretrain(data, epochs=30, batch_size=8, lr=0.1, callback=lambda layer, epoch: seen.append((layer, epoch)))
    assert seen[0] == (1, 1) and seen[-1] == (2, 30) and len(seen) == 60
    assert all(not np.allclose(b, r.weight.detach().numpy()) for b, r in zip(before, m.rbms))
    assert m.rbms[0].pseudo_log_likelihood(data).mean().item() > -4.0  # the two patterns are learnt


def test_zoo_builder_and_bad_input():
    assert isinstance(get_model("dbn"), DBN)
    with pytest.raises(ValueError, match=r"DBN: expected inputs with 784 features .* got shape \[2, 10\]"):
        get_model("dbn")(nnlite.zeros(2, 10))
    with pytest.raises(ValueError, match=r"DBN: hidden must be a non-empty sequence of layer sizes, got \(\)"):
        DBN(784, ())


def test_train_dbn_short_run(capsys):
    # 1,000 train and test images, 5 fine-tuning epochs (the pretraining keeps its 10 epochs per RBM):
    # 87% with seed 0 here; 80% leaves room for rounding differences between machines.
    assert cli.main(["train", "--model", "dbn", "--limit", "1000", "--epochs", "5", "--threads", "1",
                     "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "pretrain RBM 2/2 epoch 10/10: test pseudo-log-likelihood" in out
    final = [line for line in out.splitlines() if line.startswith("final test accuracy:")]
    assert len(final) == 1 and float(final[0].split()[3]) >= 0.80, out


@pytest.mark.parametrize("argv, message", [
    (["--confusion"], "--model dbn: --confusion is not supported"),
    (["--dataset", "cifar10", "--data-dir", "."], "--model dbn: trains on 28x28 grey images"),
])
def test_train_dbn_refuses_options_it_cannot_honour(argv, message, capsys):
    assert cli.main(["train", "--model", "dbn", "--no-progress"] + argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
