"""A character-level LSTM language model on any text file (default: nnlite's
own README). The first 90% of the text trains it, the last 10% validates it;
it prints the validation bits per character against the unigram baseline
(each character predicted by its frequency in the training text, whatever
came before), then samples text from the model.

    python examples/char_lstm.py [--text FILE] [--epochs 20] [--hidden 256] [--sample 300]
"""
import argparse
import math
from pathlib import Path

import numpy as np

import nnlite
from nnlite import nn

README = Path(__file__).resolve().parents[1] / "README.md"


class CharLSTM(nn.Module):
    """Embedding -> LSTM -> linear read-out of the next character's logits."""

    def __init__(self, vocab, hidden, embed=32, layers=1):
        super().__init__()
        self.embed = nn.Embedding(vocab, embed)
        self.lstm = nn.LSTM(embed, hidden, num_layers=layers, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, ids, state=None):
        """ids [B, T] int64 -> (logits [B, T, vocab], state)."""
        out, state = self.lstm(self.embed(ids), state)
        return self.head(out), state


def unigram_bits(train_ids, valid_ids, vocab):
    """Validation cross-entropy in bits/char of character frequencies counted
    on the training text (add-one smoothed, so unseen characters cost finite bits)."""
    counts = np.bincount(train_ids, minlength=vocab) + 1.0
    return float(-np.log2(counts[valid_ids] / counts.sum()).mean())


def bits_per_char(model, ids):
    """Mean cross-entropy in bits of predicting ids[1:] from what came before."""
    with nnlite.no_grad():
        seq = nnlite.tensor(ids).unsqueeze(0)
        logits, _ = model(seq[:, :-1])
        loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), seq[0, 1:])
    return loss.item() / math.log(2)


def batches(ids, seq_len, batch, rng):
    """Windows of seq_len + 1 characters from a random offset, shuffled, as
    (input [B, T], target [B, T]) int64 pairs."""
    start = int(rng.integers(0, seq_len))
    n = (len(ids) - start - 1) // seq_len
    windows = np.stack([ids[start + i * seq_len: start + (i + 1) * seq_len + 1] for i in range(n)])
    windows = windows[rng.permutation(n)]
    for i in range(0, n, batch):
        w = nnlite.tensor(windows[i:i + batch])
        yield w[:, :-1], w[:, 1:]


def sample(model, chars, length, prime="\n", temperature=0.8, seed=0):
    """length characters drawn one at a time, the state carried between steps."""
    index = {c: i for i, c in enumerate(chars)}
    gen = nnlite.Generator().manual_seed(seed)
    out, state = [], None
    with nnlite.no_grad():
        ids = nnlite.tensor([[index.get(c, 0) for c in prime]])
        for _ in range(length):
            logits, state = model(ids, state)
            probs = nn.functional.softmax(logits[0, -1] / temperature, dim=0)
            nxt = nnlite.multinomial(probs, 1, generator=gen)
            out.append(chars[int(nxt.item())])
            ids = nxt.reshape(1, 1)
    return "".join(out)


def main(text=README, epochs=20, hidden=256, seq_len=100, batch=16, lr=3e-3, sample_len=300, seed=0, verbose=True):
    """Train; returns (validation bits/char, unigram bits/char, sampled text)."""
    data = Path(text).read_text(encoding="utf-8")
    chars = sorted(set(data))
    lookup = {c: i for i, c in enumerate(chars)}
    ids = np.array([lookup[c] for c in data], dtype=np.int64)
    cut = int(len(ids) * 0.9)
    train_ids, valid_ids = ids[:cut], ids[cut:]
    if len(train_ids) <= seq_len + 1 or len(valid_ids) < 2:
        raise ValueError(f"char_lstm: the text has {len(ids)} characters, too few for windows of {seq_len}")
    nnlite.manual_seed(seed)
    model = CharLSTM(len(chars), hidden)
    opt = nnlite.optim.Adam(model.parameters(), lr=lr)
    rng = np.random.default_rng(seed)
    baseline = unigram_bits(train_ids, valid_ids, len(chars))
    for epoch in range(1, epochs + 1):
        model.train()
        for x, y in batches(train_ids, seq_len, batch, rng):
            logits, _ = model(x)
            loss = nn.functional.cross_entropy(logits.reshape(-1, len(chars)), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
        model.eval()
        bpc = bits_per_char(model, valid_ids)
        if verbose:
            print(f"epoch {epoch}/{epochs}: train loss {loss.item() / math.log(2):.3f} bits/char, "
                  f"validation {bpc:.3f} bits/char (unigram baseline {baseline:.3f})")
    text_out = sample(model, chars, sample_len, seed=seed)
    if verbose:
        print(f"{len(chars)} characters, {len(train_ids)} for training; validation bits per character "
              f"{bpc:.3f}, unigram baseline {baseline:.3f}")
        print("sample:\n" + text_out)
    return bpc, baseline, text_out


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--text", default=str(README), help="a UTF-8 text file (default: the project's README)")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--sample", type=int, default=300, help="characters to sample after training")
    a = p.parse_args()
    main(a.text, a.epochs, a.hidden, sample_len=a.sample)
