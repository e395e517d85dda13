"""Reference VampPrior VAE (docs/models.md 3.4, single latent) in plain PyTorch on a canonical split
folder, to check the workbench's vamp against an independent implementation on identical data.

usage: python3 pytorch_vamp_reference.py SPLIT_DIR EPOCHS [--warmup 100] [--pseudo-inputs 1000]
           [--likelihood bernoulli|multinomial] [--max-beta 1] [--lr 5e-4] [--batch 200]
           [--no-grad-norm] [--seed 14]
prints the validation NDCG@100 (docs/models.md 2.2) and the seconds of every epoch, then the best as JSON.
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

parser = argparse.ArgumentParser()
parser.add_argument("split_dir")
parser.add_argument("epochs", type=int)
parser.add_argument("--warmup", type=int, default=100)
parser.add_argument("--pseudo-inputs", type=int, default=1000)
parser.add_argument("--likelihood", choices=["bernoulli", "multinomial"], default="bernoulli")
parser.add_argument("--max-beta", type=float, default=1.0)
parser.add_argument("--lr", type=float, default=5e-4)
parser.add_argument("--batch", type=int, default=200)
parser.add_argument("--no-grad-norm", action="store_true")
parser.add_argument("--seed", type=int, default=14)
args = parser.parse_args()
torch.manual_seed(args.seed)
torch.set_num_threads(1)
items = sum(1 for _ in open(f"{args.split_dir}/unique_sid.txt"))


def load(name):
    return np.loadtxt(f"{args.split_dir}/{name}", delimiter=",", skiprows=1, dtype=np.int64)


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


def log_normal(z, mean, logvar):
    """Diagonal Gaussian log density per dimension, log 2 pi included."""
    return -0.5 * (math.log(2 * math.pi) + logvar + (z - mean).pow(2) / logvar.exp())


class Vamp(nn.Module):
    def __init__(self, k, hidden=600, latent=200):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(items, hidden), nn.Tanh())
        self.mean, self.logvar = nn.Linear(hidden, latent), nn.Linear(hidden, latent)
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.Tanh(), nn.Linear(hidden, items))
        for layer in self.modules():
            if isinstance(layer, nn.Linear):  # He normal weights, default biases
                nn.init.normal_(layer.weight, 0.0, math.sqrt(2.0 / layer.in_features))
        self.pseudo = nn.Parameter(torch.empty(items, k).normal_(0.05, 0.01))  # I x K, column k = u_k

    def q(self, x):
        """q(z|x) of rows already normalised (or pseudo-inputs); the dropout is the encoder's first op."""
        h = self.encoder(F.dropout(x, 0.5, self.training))
        return self.mean(h), F.hardtanh(self.logvar(h), -12.0, 4.0)

    def log_prior(self, z):
        means, logvars = self.q(self.pseudo.clamp(0.0, 1.0).t())  # [K, d] each, not L2-normalised
        # sum_d log N(z_d; m_kd, v_kd) for every (user, k) through matrix products; a [B, K, d]
        # broadcast is ~20x slower on one thread. float64 absorbs the expansion's cancellation.
        z, means, logvars = z.double(), means.double(), logvars.double()
        precision = (-logvars).exp()
        squared = z.pow(2) @ precision.t() - 2 * z @ (means * precision).t() + (means.pow(2) * precision).sum(1)
        per_component = -0.5 * (squared + logvars.sum(1) + z.shape[1] * math.log(2 * math.pi))
        return (torch.logsumexp(per_component, 1) - math.log(means.shape[0])).float()

    def forward(self, x):
        mean, logvar = self.q(F.normalize(x))
        z = mean + torch.randn_like(mean) * (0.5 * logvar).exp() if self.training else mean
        return self.decoder(z), z, mean, logvar


def nll(logits, x):
    if args.likelihood == "multinomial":
        return -(F.log_softmax(logits, 1) * x).sum(1)
    p = torch.sigmoid(logits).clamp(1e-5, 1 - 1e-5)
    return -(x * p.log() + (1 - x) * (1 - p).log()).sum(1)


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


model = Vamp(args.pseudo_inputs)
optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
best = (0, 0.0)
for epoch in range(1, args.epochs + 1):
    started = time.time()
    beta = args.max_beta * min(1.0, epoch / args.warmup)
    model.train()
    order = torch.randperm(train.shape[0])
    for start in range(0, train.shape[0], args.batch):
        x = train[order[start : start + args.batch]]
        logits, z, mean, logvar = model(x)
        kl = log_normal(z, mean, logvar).sum(1) - model.log_prior(z)
        loss = nll(logits, x).mean() + beta * kl.mean()
        optimizer.zero_grad()
        loss.backward()
        if not args.no_grad_norm:
            for p in model.parameters():
                p.grad.div_(p.grad.norm() + 1e-7)
        optimizer.step()
    seconds = time.time() - started
    model.eval()
    with torch.no_grad():
        value = ndcg100(model(fold_in)[0], heldout)
    best = max(best, (epoch, value), key=lambda b: b[1])
    print(f"epoch {epoch} validation ndcg@100 {value:.4f} beta {beta:.3f} "
          f"loss {loss.item():.2f} kl {kl.mean().item():.2f} seconds {seconds:.1f}", flush=True)
print(json.dumps({"best_epoch": best[0], "validation_ndcg@100": best[1]}))
