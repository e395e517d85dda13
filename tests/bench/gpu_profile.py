"""Where a Mult-VAE training epoch spends its GPU time, for the gpu-check report (docs/gpu.md).

The same epoch as the workbench's multvae ([I-600-200-600-I], tanh, dropout 0.5 on the
L2-normalised input, first layer as a weighted embedding bag over the user's items,
multinomial likelihood, Adam 1e-3, batch 500), on random data of a given shape kept on the
GPU, written in plain PyTorch. It prints one JSON object: seconds per epoch in fp32 and
bf16 (autocast) and, per precision, the kernels that take the most GPU time in a profiled
stretch of batches. Not a test: a measurement to read beside `vaecf bench`.

usage: python3 gpu_profile.py USERS ITEMS MEAN_POSITIVES [DEVICE]   (DEVICE: cuda, or cpu to rehearse)
"""
import json
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

users, items, mean_positives = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
device = torch.device(sys.argv[4] if len(sys.argv) > 4 else "cuda")
activity_kind = torch.profiler.ProfilerActivity.CUDA if device.type == "cuda" else torch.profiler.ProfilerActivity.CPU


def synchronize():
    if device.type == "cuda":
        torch.cuda.synchronize()

torch.manual_seed(1)

# Zipf-like item popularity and log-normal user activity, as the synthetic data has.
popularity = 1.0 / torch.arange(1, items + 1, dtype=torch.float64, device=device)
activity = torch.exp(torch.log(torch.tensor(mean_positives)) - 0.32 + 0.8 * torch.randn(users)).clamp(5, items // 2)
counts = activity.round().long().to(device)
offsets_all = torch.cat([torch.zeros(1, dtype=torch.long, device=device), counts.cumsum(0)])
flat_items = torch.multinomial(popularity, int(counts.sum()), replacement=True)


class MultVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.first = nn.Parameter(torch.randn(items, 600) * 0.01)
        self.first_bias = nn.Parameter(torch.zeros(600))
        self.encoder = nn.Linear(600, 400)
        self.decoder = nn.Sequential(nn.Linear(200, 600), nn.Tanh(), nn.Linear(600, items))

    def forward(self, batch_items, batch_offsets, weights):
        kept = F.dropout(weights, 0.5, self.training)
        h = torch.tanh(F.embedding_bag(batch_items, self.first, batch_offsets, mode="sum",
                                       per_sample_weights=kept) + self.first_bias)
        h = self.encoder(h)
        mu, logvar = h[:, :200], h[:, 200:]
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.decoder(z), mu, logvar


def batches():
    order = torch.randperm(users, device=device)
    for start in range(0, users, 500):
        rows = order[start:start + 500]
        sizes = counts[rows]
        starts = offsets_all[rows]
        total = int(sizes.sum())
        row_of = torch.repeat_interleave(torch.arange(len(rows), device=device), sizes, output_size=total)
        offsets = sizes.cumsum(0) - sizes
        source = starts[row_of] + torch.arange(total, device=device) - offsets[row_of]
        batch_items = flat_items[source]
        dense = torch.zeros(len(rows), items, device=device)
        dense[row_of, batch_items] = 1.0
        weights = 1.0 / sizes.float().sqrt()[row_of]
        yield batch_items, offsets, weights, dense


def run_epoch(model, optimizer, precision, limit=None):
    """Trains one epoch, or its first `limit` batches; returns the number of batches."""
    done = 0
    for batch_items, offsets, weights, dense in batches():
        if done == limit:
            break
        done += 1
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=precision == "bf16"):
            logits, mu, logvar = model(batch_items, offsets, weights)
        nll = -(F.log_softmax(logits.float(), 1) * dense).sum(1).mean()
        kl = (0.5 * (logvar.float().exp() + mu.float().pow(2) - 1 - logvar.float()).sum(1)).mean()
        loss = nll + 0.2 * kl
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss.item()  # the workbench reads each update's scalars once
    return done


def device_time(event):
    names = ("self_device_time_total", "self_cuda_time_total") if device.type == "cuda" else ("self_cpu_time_total",)
    for name in names:
        if hasattr(event, name):
            return getattr(event, name)
    return 0.0


result = {"users": users, "items": items, "positives": int(counts.sum()), "torch": torch.__version__,
          "device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu", "precisions": {}}
for precision in ("fp32", "bf16"):
    model = MultVAE().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    run_epoch(model, optimizer, precision)  # warm-up
    synchronize()
    started = time.perf_counter()
    run_epoch(model, optimizer, precision)
    synchronize()
    seconds = time.perf_counter() - started
    with torch.profiler.profile(activities=[activity_kind]) as profile:
        profiled = run_epoch(model, optimizer, precision, limit=50)
        synchronize()
    kernels = sorted(profile.key_averages(), key=device_time, reverse=True)
    total = sum(device_time(k) for k in kernels) or 1.0
    result["precisions"][precision] = {
        "seconds_per_epoch": seconds,
        "profiled_batches": profiled,
        "busy_ms_per_batch": total / 1000.0 / profiled,
        "top_kernels": [{"name": k.key[:120], "share": device_time(k) / total,
                         "ms_per_batch": device_time(k) / 1000.0 / profiled} for k in kernels[:10]],
    }
print(json.dumps(result))
