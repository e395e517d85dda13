"""A straightforward PyTorch Mult-VAE training epoch, the yardstick for `vaecf bench`.

It trains exactly what the workbench's multvae does (docs/models.md 3.2: [I-600-200-600-I],
tanh, dropout 0.5, multinomial likelihood, per-step KL annealing, Adam 1e-3, batch 500)
the way the papers' scripts do: dense rows, one process, no tricks.

usage: python3 pytorch_multvae_epoch.py SPLIT_DIR THREADS   (SPLIT_DIR from `vaecf split`)
prints one JSON object with the median seconds per epoch over three timed epochs.
"""
import json
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

split_dir, threads = sys.argv[1], int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(98765)

items = sum(1 for _ in open(f"{split_dir}/unique_sid.txt"))
pairs = np.loadtxt(f"{split_dir}/train.csv", delimiter=",", skiprows=1, dtype=np.int64)
users = int(pairs[:, 0].max()) + 1
rows = torch.zeros(users, items)
rows[torch.from_numpy(pairs[:, 0]), torch.from_numpy(pairs[:, 1])] = 1.0


class MultVAE(nn.Module):
    def __init__(self, items):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(items, 600), nn.Tanh(), nn.Linear(600, 400))
        self.decoder = nn.Sequential(nn.Linear(200, 600), nn.Tanh(), nn.Linear(600, items))

    def forward(self, x):
        h = self.encoder(F.dropout(F.normalize(x), 0.5, self.training))
        mu, logvar = h[:, :200], h[:, 200:]
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.decoder(z), mu, logvar


model = MultVAE(items)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)


def train_epoch(step):
    order = torch.randperm(users)
    for start in range(0, users, 500):
        x = rows[order[start : start + 500]]
        logits, mu, logvar = model(x)
        nll = -(F.log_softmax(logits, 1) * x).sum(1).mean()
        kl = (0.5 * (logvar.exp() + mu.pow(2) - 1 - logvar).sum(1)).mean()
        loss = nll + min(0.2, step / 200000) * kl
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        step += 1
    return step


step = train_epoch(0)  # warm-up
seconds = []
for _ in range(3):
    start = time.perf_counter()
    step = train_epoch(step)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"users": users, "items": items, "threads": threads,
                  "seconds_per_epoch": statistics.median(seconds)}))
