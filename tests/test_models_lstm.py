"""The zoo's row-by-row LSTM classifier (``nnlite train --model lstm``,
sequential MNIST): its layout against the same model in torch, its input
checks, its recipe, and a short training run that learns."""
import numpy as np
import pytest

import nnlite
from nnlite import models
from nnlite.training import TrainConfig, fit
from nnlite.training.recipes import build_model, resolve_config


def test_matches_torch_with_the_same_weights(torch):
    m = models.get_model("lstm")
    assert isinstance(m, models.LSTMClassifier) and sum(p.numel() for p in m.parameters()) == 164362
    lstm, fc = torch.nn.LSTM(28, 128, batch_first=True, bidirectional=True), torch.nn.Linear(256, 10)
    for name, p in m.state_dict().items():
        owner, key = (lstm, name[5:]) if name.startswith("lstm.") else (fc, name[3:])
        getattr(owner, key).data.copy_(torch.from_numpy(p.numpy()))
    x = np.random.default_rng(0).standard_normal((3, 1, 28, 28)).astype(np.float32)
    _, (h, _) = lstm(torch.from_numpy(x).reshape(3, 28, 28))  # h [2 directions, 3, 128]
    want = fc(torch.cat([h[0], h[1]], 1)).detach().numpy()
    np.testing.assert_allclose(m(nnlite.tensor(x)).detach().numpy(), want, atol=1e-5)


def test_reads_rows_of_all_channels_and_checks_its_input():
    m = models.lstm(num_classes=3, in_channels=2, image_width=5, hidden_size=8, num_layers=2, bidirectional=False)
    assert tuple(m(nnlite.zeros(4, 2, 7, 5)).shape) == (4, 3)  # any number of rows
    for shape in ((4, 1, 7, 5), (4, 2, 7, 6), (2, 7, 5)):
        with pytest.raises(ValueError, match=r"LSTMClassifier: expected input of shape \[N, 2, H, 5\]"):
            m(nnlite.zeros(*shape))
    with pytest.raises(ValueError, match="LSTMClassifier: hidden_size must be a positive integer"):
        models.lstm(hidden_size=0)


def test_recipe_and_sizing():
    cfg = resolve_config(TrainConfig(model="lstm"))
    assert cfg.epochs == 20 and cfg.lr == 0.2 and cfg.weight_decay == 1e-3 and cfg.batch_size == 64
    assert resolve_config(TrainConfig(model="lstm", optimizer="adam")).weight_decay == 0.0
    assert resolve_config(TrainConfig(model="lstm", epochs=3, lr=0.1)).epochs == 3
    lenet = resolve_config(TrainConfig(model="lenet5"))  # other models keep the dataset's recipe
    assert lenet.lr == 0.05 and lenet.weight_decay == 5e-4
    assert build_model(TrainConfig(model="lstm", dataset="fashion-mnist")).image_width == 28


def test_short_run_learns_sequential_mnist():
    # The full recipe (20 epochs on the 4,000 embedded images) reaches about 97.5%;
    # 4 epochs already put it far above chance.
    _, history = fit(TrainConfig(model="lstm", epochs=4, progress=False))
    assert history.final_test_accuracy >= 0.88, history.epochs
