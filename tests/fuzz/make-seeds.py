#!/usr/bin/env python3
# make-seeds.py — writes the seed corpora in tests/fuzz/corpus/<target>/
#
# Copyright 2026 The Latent Space authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Seeds are small valid files and edge cases of each format, so that the
# fuzzers start past the magic numbers and headers. Files named crash-* are
# inputs that once crashed a target; this script never touches them.
#
#   tests/fuzz/make-seeds.py          (rewrites the seed-* files)

import gzip
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    # Fixed gzip timestamps and no names keep the seeds byte for byte the same.
    assert len(data) < 20000, name
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


def gz(data):
    return gzip.compress(data, mtime=0)


# ---------------------------------------------------------------------------
# IDX (http://yann.lecun.com/exdb/mnist/): 00 00 type n_dims, big-endian sizes

def idx(dims, body=None, type_=8):
    n = 1
    for d in dims:
        n *= d
    if body is None:
        body = bytes((i * 53) % 256 for i in range(n))
    return bytes([0, 0, type_, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + body


def idx_pair(flags, images, labels):
    # The fuzz-idx input: flags, the images' length, the images, the labels.
    return bytes([flags]) + struct.pack("<I", len(images)) + images + labels


def idx_seeds():
    images = idx([3, 4, 4])
    labels = idx([3], bytes([7, 0, 7]))
    # Flags: 1 gzip images, 2 gzip labels, 4 two gzip members,
    # 0/8/16/24 labels passed / next to the images / none / in the options.
    write("idx", "passed", idx_pair(0, images, labels))
    write("idx", "next-to", idx_pair(8, images, labels))
    write("idx", "none", idx_pair(16, images, b""))
    write("idx", "options", idx_pair(24, images, labels))
    write("idx", "gzip", idx_pair(1 | 2 | 8, images, labels))
    write("idx", "gzip-members", idx_pair(1 | 2 | 4, images, labels))
    write("idx", "matrix-square", idx_pair(0, idx([2, 9]), idx([2], b"\1\2")))
    write("idx", "matrix-strip", idx_pair(16, idx([2, 5]), b""))
    write("idx", "text-labels", idx_pair(0, images, b"cat\ndog\ncat\n"))
    write("idx", "few-labels", idx_pair(0, images, idx([2], b"\1\2")))
    write("idx", "truncated", idx_pair(0, images[:-5], labels))
    write("idx", "float-type", idx_pair(0, idx([1, 2, 2], bytes(16), type_=0x0D), labels))
    write("idx", "huge-dims", idx_pair(0, idx([0xFFFFFFFF, 0xFFFFFFFF, 0xFFFF], b""), labels))
    write("idx", "trailing", idx_pair(0, images + b"\0", labels + b"\0"))


# ---------------------------------------------------------------------------
# Model files (layout in src/engine/latent-model-file.h)

def model(input_dim, latent_dim, hidden, activation=0, loss=0, width=0, height=0,
          norm=None, extra_params=0):
    sizes = [input_dim] + hidden + [latent_dim] + hidden[::-1] + [input_dim]
    n_params = sum((a + 1) * b for a, b in zip(sizes, sizes[1:])) + extra_params
    out = b"LATENTAE" + struct.pack("<IIII", 1, input_dim, latent_dim, len(hidden))
    out += b"".join(struct.pack("<I", h) for h in hidden)
    out += struct.pack("<IIIII", activation, loss, width, height, norm is not None)
    if norm is not None:
        mean, scale = norm
        out += struct.pack("<%df" % input_dim, *mean) + struct.pack("<%df" % input_dim, *scale)
    out += struct.pack("<Q", n_params)
    out += b"".join(struct.pack("<f", ((i * 37) % 19 - 9) / 10.0) for i in range(n_params))
    return out + struct.pack("<I", zlib.crc32(out))


def model_seeds():
    # The first byte is the target's flags: 1 puts a correct checksum at the end.
    fix, keep = b"\x01", b"\x00"
    write("model-file", "images-bce", fix + model(4, 2, [3], width=2, height=2))
    write("model-file", "floats-mse-norm",
          fix + model(3, 1, [], activation=2, loss=1,
                      norm=([0.5, -1.0, 2.0], [1.0, 0.25, 3.0])))
    write("model-file", "deep", fix + model(2, 2, [3, 2, 2, 1], activation=1, loss=1))
    write("model-file", "sigmoid-linear", fix + model(5, 3, [4], activation=3) )
    good = model(2, 1, [2], activation=4, loss=1)
    write("model-file", "checked-crc", keep + good)
    write("model-file", "bad-crc", keep + good[:-1] + bytes([good[-1] ^ 0xFF]))
    write("model-file", "truncated", fix + good[:40])
    write("model-file", "extra-bytes", fix + good[:-4] + b"\0\0\0\0" + good[-4:])
    write("model-file", "too-many-params", fix + model(2, 1, [], extra_params=1))
    write("model-file", "version-2", fix + good[:8] + struct.pack("<I", 2) + good[12:])
    write("model-file", "empty", fix)


if __name__ == "__main__":
    idx_seeds()
    model_seeds()
