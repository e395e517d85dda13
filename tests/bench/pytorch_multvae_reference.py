"""Reference Mult-VAE training in plain PyTorch on a canonical split folder, to check the
workbench's multvae against an independent implementation on identical data.

usage: python3 pytorch_multvae_reference.py SPLIT_DIR EPOCHS [ANNEAL_STEPS]
prints the validation NDCG@100 (docs/models.md 2.2) every 5 epochs and the best as JSON.
"""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

split_dir, epochs = sys.argv[1], int(sys.argv[2])
anneal_steps = int(sys.argv[3]) if len(sys.argv) > 3 else 200000
torch.manual_seed(98765)
torch.set_num_threads(1)
items = sum(1 for _ in open(f"{split_dir}/unique_sid.txt"))


def load(name, first=None):
    pairs = np.loadtxt(f"{split_dir}/{name}", delimiter=",", skiprows=1, dtype=np.int64)
    return pairs


def dense(pairs, first, users):
    rows = torch.zeros(users, items)
    rows[torch.from_numpy(pairs[:, 0] - first), torch.from_numpy(pairs[:, 1])] = 1.0
    return rows


train_pairs = load("train.csv")
train = dense(train_pairs, 0, int(train_pairs[:, 0].max()) + 1)
tr, te = load("validation_tr.csv"), load("validation_te.csv")
first = min(tr[:, 0].min(), te[:, 0].min())
users = max(tr[:, 0].max(), te[:, 0].max()) - first + 1
fold_in, heldout = dense(tr, first, users), dense(te, first, users)


class MultVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(items, 600), nn.Tanh(), nn.Linear(600, 400))
        self.decoder = nn.Sequential(nn.Linear(200, 600), nn.Tanh(), nn.Linear(600, items))
        for layer in list(self.encoder) + list(self.decoder):
            if isinstance(layer, nn.Linear):
                nn.init.xavier_uniform_(layer.weight)
                nn.init.trunc_normal_(layer.bias, std=0.001, a=-0.002, b=0.002)

    def forward(self, x):
        h = self.encoder(F.dropout(F.normalize(x), 0.5, self.training))
        mu, logvar = h[:, :200], h[:, 200:]
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.decoder(z), mu, logvar


def ndcg100(scores, held):
    scores = scores.masked_fill(fold_in > 0, -float("inf"))
    top = scores.topk(100, dim=1).indices
    hits = held.gather(1, top)
    discounts = 1.0 / torch.log2(torch.arange(2, 102, dtype=torch.float))
    dcg = (hits * discounts).sum(1)
    n = held.sum(1)
    idcg = torch.stack([discounts[: int(min(k, 100))].sum() for k in n])
    keep = n > 0
    return (dcg[keep] / idcg[keep]).mean().item()


model = MultVAE()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
step, best = 0, (0, 0.0)
for epoch in range(1, epochs + 1):
    model.train()
    order = torch.randperm(train.shape[0])
    for start in range(0, train.shape[0], 500):
        x = train[order[start : start + 500]]
        logits, mu, logvar = model(x)
        nll = -(F.log_softmax(logits, 1) * x).sum(1).mean()
        kl = (0.5 * (logvar.exp() + mu.pow(2) - 1 - logvar).sum(1)).mean()
        loss = nll + min(0.2, step / anneal_steps) * kl
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        step += 1
    if epoch % 5 == 0 or epoch == epochs:
        model.eval()
        with torch.no_grad():
            value = ndcg100(model(fold_in)[0], heldout)
        best = max(best, (epoch, value), key=lambda b: b[1])
        print(f"epoch {epoch} validation ndcg@100 {value:.4f}", flush=True)
print(json.dumps({"best_epoch": best[0], "validation_ndcg@100": best[1]}))
