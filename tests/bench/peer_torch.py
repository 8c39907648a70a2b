#!/usr/bin/env python3
# peer_torch.py — the same autoencoder trained with PyTorch, as the peer to beat
#
# Copyright 2026 The Latent Space authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Trains the 784-500-500-2000-10 ReLU autoencoder (linear code, sigmoid output
# with binary cross-entropy summed over pixels and averaged over the batch, Adam
# lr 1e-3, batch 256) on the bundled digits with the given number of threads,
# and prints its throughput counted as bench-train counts it: 2 flops per
# multiply-add of every product of forward and backward, the first layer's
# input gradient excluded (autograd skips it too, as the input needs none).
# With --cluster it then runs k-means (k = 10) on the codes and prints the
# clustering accuracy (Hungarian matching) and NMI against the labels.
#
#   peer_torch.py [--threads 2] [--epochs 3] [--cluster]

import argparse
import gzip
import os
import struct
import sys
import time

import numpy as np

SIZES = [784, 500, 500, 2000, 10, 2000, 500, 500, 784]
BATCH = 256
HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.join(HERE, "..", "..", "data", "datasets")


def read_idx(path):
    """An IDX file (gzip-compressed) as a numpy array of its declared shape."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"peer_torch.py: {path} is not an IDX file of unsigned bytes")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != int(np.prod(dims)):
        sys.exit(f"peer_torch.py: {path} holds {body.size} bytes, its header says {np.prod(dims)}")
    return body.reshape(dims)


def flops_per_sample():
    macs = [SIZES[i] * SIZES[i + 1] for i in range(len(SIZES) - 1)]
    return 6.0 * sum(macs) - 2.0 * macs[0]


def cluster_accuracy(labels, clusters):
    from scipy.optimize import linear_sum_assignment

    k = max(labels.max(), clusters.max()) + 1
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (clusters, labels), 1)
    rows, cols = linear_sum_assignment(-counts)
    return counts[rows, cols].sum() / labels.size


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cluster", action="store_true",
                        help="k-means on the codes afterwards; print ACC and NMI")
    parser.add_argument("--images", default=os.path.join(DATASETS, "mnist-10k-images-idx3-ubyte.gz"))
    parser.add_argument("--labels", default=os.path.join(DATASETS, "mnist-10k-labels-idx1-ubyte.gz"))
    args = parser.parse_args()

    import torch
    from torch import nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    images = read_idx(args.images)
    x = torch.from_numpy(images.reshape(images.shape[0], -1).astype(np.float32) / 255.0)
    n = x.shape[0]

    layers = []
    for i in range(len(SIZES) - 1):
        layers.append(nn.Linear(SIZES[i], SIZES[i + 1]))
        # Hidden layers are ReLU; the code (index 3) and the output are linear
        # (the output's sigmoid is inside the loss).
        if i not in (3, len(SIZES) - 2):
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers)
    encoder = model[:7]
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.BCEWithLogitsLoss(reduction="sum")

    def step(batch):
        optimiser.zero_grad(set_to_none=True)
        loss = loss_fn(model(batch), batch) / batch.shape[0]
        loss.backward()
        optimiser.step()
        return loss.item()

    generator = torch.Generator().manual_seed(args.seed)
    step(x[:BATCH])  # warm up: allocations, thread pool

    samples = 0
    loss = float("nan")
    start = time.perf_counter()
    for epoch in range(args.epochs):
        order = torch.randperm(n, generator=generator)
        for first in range(0, n - BATCH + 1, BATCH):
            loss = step(x[order[first:first + BATCH]])
            samples += BATCH
        print(f"epoch {epoch + 1}: loss {loss:.2f}", flush=True)
    elapsed = time.perf_counter() - start

    rate = samples / elapsed
    gflops = rate * flops_per_sample() / 1e9
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s): "
          f"{rate:.0f} samples/s, {gflops:.1f} GFLOP/s over {args.epochs} epochs")

    acc = nmi = None
    if args.cluster:
        from sklearn.cluster import KMeans
        from sklearn.metrics import normalized_mutual_info_score

        labels = read_idx(args.labels).astype(np.int64)
        with torch.no_grad():
            z = encoder(x).numpy()
        clusters = KMeans(n_clusters=10, n_init=10, random_state=args.seed).fit_predict(z)
        acc = cluster_accuracy(labels, clusters)
        nmi = normalized_mutual_info_score(labels, clusters)
        print(f"k-means on the codes: ACC {acc:.3f}, NMI {nmi:.3f}")

    result = f"RESULT samples_per_s={rate:.1f} gflops={gflops:.2f}"
    if acc is not None:
        result += f" acc={acc:.4f} nmi={nmi:.4f}"
    print(result)


if __name__ == "__main__":
    main()
