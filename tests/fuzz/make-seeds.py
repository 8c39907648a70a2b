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
# CSV and TSV

def csv_input(data, flags=0, column=0, name=None, labels=None):
    # The fuzz-csv input: flags, column byte, [name length, name],
    # [labels length, labels], the data. Flags: 0 guessed label column,
    # 1 a header column's name, 2 a given name, 3 a given name that no column
    # has; 4 a labels file; 8 gzip; 16/32/48 ',' becomes tab/';'/' ';
    # 64 through latent_dataset_load_csv; 128 named .tsv.
    out = bytes([flags | (4 if labels is not None else 0), column])
    if name is not None:
        out += bytes([len(name)]) + name
    if labels is not None:
        out += struct.pack("<I", len(labels)) + labels
    return out + data


def csv_seeds():
    iris = (b"sepal_length,sepal_width,petal_length,species\n"
            b"5.1,3.5,1.4,setosa\n4.9,3.0,1.4,setosa\n7.0,3.2,4.7,versicolor\n"
            b"6.4,3.2,4.5,versicolor\n6.3,3.3,6.0,virginica\n")
    write("csv", "guessed-label", csv_input(iris))
    write("csv", "header-column", csv_input(iris, flags=1, column=3))
    write("csv", "header-column-0", csv_input(iris, flags=1, column=0))
    write("csv", "given-name", csv_input(iris, flags=2, name=b"species"))
    write("csv", "unknown-name", csv_input(iris, flags=3, name=b"nope"))
    write("csv", "tsv", csv_input(iris, flags=16 | 128))
    write("csv", "semicolons", csv_input(iris, flags=32))
    write("csv", "spaces", csv_input(b"1 2 3\n4 5 6\n7 8 9\n", flags=64))
    write("csv", "gzip", csv_input(iris, flags=8, column=1))
    write("csv", "no-header", csv_input(b"0.1,0.2\n0.3,0.4\n0.5,0.6\n"))
    write("csv", "labels-file", csv_input(b"1,2\n3,4\n5,6\n", labels=b"a\nb\na\n"))
    write("csv", "idx-labels-file",
          csv_input(b"1,2\n3,4\n", flags=64, labels=idx([2], b"\3\4")))
    write("csv", "missing", csv_input(b"x,y,label\n1,NA,a\n,2,b\n3,?,\n.,4,a\n"))
    write("csv", "quoted", csv_input(b'"a,b",c,class\n"1",2,"x""y"\n3,4,z\n'))
    write("csv", "bom-crlf", csv_input(b"\xef\xbb\xbfa,b\r\n1,2\r\n3,4\r\n"))
    write("csv", "comments", csv_input(b"# made by hand\na,b\n\n1,2\n# more\n3,4\n"))
    write("csv", "ids-places", csv_input(b"id,lat,lon,v1,v2,pop\n"
                                         b"s1,45.5,7.1,1,0,A\ns2,-12,130,2,1,B\ns3,0,0,0,2,A\n"))
    write("csv", "integer-labels", csv_input(b"v,label\n1,70000\n2,3\n3,70000\n"))
    write("csv", "ragged", csv_input(b"1,2,3\n4,5\n6,7,8,9\n"))
    write("csv", "huge-numbers", csv_input(b"1e308,-1e308\n1e-320,inf\nnan,0x10\n"))
    write("csv", "only-labels", csv_input(b"label\na\nb\n"))
    write("csv", "text-columns", csv_input(b"name,colour,size\nx,red,1\ny,blue,2\nz,red,3\n"))


# ---------------------------------------------------------------------------
# Folders of images

def png(width, height, grey):
    def chunk(kind, body):
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)
    rows = b"".join(b"\0" + bytes((grey + 17 * (x + y)) % 256 for x in range(width))
                    for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def ppm(width, height):
    body = bytes((i * 7) % 256 for i in range(width * height * 3))
    return b"P6\n%d %d\n255\n" % (width, height) + body


def bmp(width, height):
    row = bytes((x * 40) % 256 for x in range(width * 3))
    row += b"\0" * (-len(row) % 4)
    pixels = row * height
    header = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    offset = 14 + len(header)
    return b"BM" + struct.pack("<IHHI", offset + len(pixels), 0, 0, offset) + header + pixels


def entry(name, content=b"", flags=0):
    # One fuzz-folder record. Flags: 1 a folder; 2 content is pixels saved
    # as PNG, 4 as BMP (first byte the width, then RGB rows); 8 with alpha.
    return bytes([flags, len(name)]) + name + struct.pack("<H", len(content)) + content


def pixels(width, rows, channels=3):
    return bytes([width - 1]) + bytes((i * 29) % 256 for i in range(width * rows * channels))


def folder_seeds():
    # The first byte is the image size: 0 the default, 8 … 47 as they are
    # (below 8 is refused), 0xF0 … 0xFF the largest sizes and past them.
    write("folder", "classes", bytes([8]) + entry(b"cats/a.png", png(6, 4, 0))
          + entry(b"cats/b.ppm", ppm(3, 5)) + entry(b"dogs/c.bmp", bmp(4, 4))
          + entry(b"dogs/d.png", png(5, 5, 90)))
    write("folder", "flat", bytes([12]) + entry(b"one.png", png(8, 8, 10))
          + entry(b"two.bmp", bmp(2, 3)))
    write("folder", "default-size", bytes([0]) + entry(b"x.ppm", ppm(4, 4)))
    write("folder", "too-small", bytes([7]) + entry(b"x.ppm", ppm(4, 4)))
    write("folder", "largest", bytes([0xF8]) + entry(b"x.png", png(2, 2, 0)))
    write("folder", "too-large", bytes([0xF9]) + entry(b"x.png", png(2, 2, 0)))
    write("folder", "encoded", bytes([9]) + entry(b"a/p", pixels(3, 4), flags=2)
          + entry(b"b/q", pixels(5, 2, 4), flags=4 | 8)
          + entry(b"b/r", pixels(2, 2, 4), flags=2 | 8))
    write("folder", "not-images", bytes([8]) + entry(b"notes.txt", b"hello\n")
          + entry(b"a/broken.png", png(4, 4, 0)[:30]) + entry(b"a/ok.png", png(4, 4, 0))
          + entry(b"b/empty.png") + entry(b"c/x", b"P6\n99999 99999\n255\n"))
    write("folder", "no-images", bytes([8]) + entry(b"readme", b"nothing here")
          + entry(b"empty", flags=1))
    write("folder", "hidden-and-nested", bytes([8]) + entry(b".hidden.png", png(3, 3, 0))
          + entry(b"a/.x.png", png(3, 3, 0)) + entry(b"a/b", flags=1)
          + entry(b"a/b/c.png", png(3, 3, 0))
          + entry(b"top.png", png(3, 3, 0)))
    write("folder", "empty", b"")


# ---------------------------------------------------------------------------
# Any file, loader picked from its content

def dataset_seeds():
    write("dataset", "idx-images", idx([2, 3, 3]))
    write("dataset", "idx-labels", idx([3], b"\0\1\2"))
    write("dataset", "idx-matrix-gz", gz(idx([3, 4])))
    write("dataset", "csv", b"a,b,label\n1,2,x\n3,4,y\n")
    write("dataset", "tsv-gz", gz(b"1\t2\n3\t4\n"))
    write("dataset", "gz-two-members", gz(b"a;b\n1;2\n") + gz(b"3;4\n"))
    write("dataset", "gz-truncated", gz(idx([2, 2, 2]))[:20])
    write("dataset", "binary", bytes(range(256)))
    write("dataset", "empty", b"")


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
    write("model-file", "sigmoid-linear", fix + model(5, 3, [4], activation=3))
    good = model(2, 1, [2], activation=4, loss=1)
    write("model-file", "checked-crc", keep + good)
    write("model-file", "bad-crc", keep + good[:-1] + bytes([good[-1] ^ 0xFF]))
    write("model-file", "truncated", fix + good[:40])
    write("model-file", "extra-bytes", fix + good[:-4] + b"\0\0\0\0" + good[-4:])
    write("model-file", "too-many-params", fix + model(2, 1, [], extra_params=1))
    write("model-file", "version-2", fix + good[:8] + struct.pack("<I", 2) + good[12:])
    write("model-file", "empty", fix)


if __name__ == "__main__":
    dataset_seeds()
    idx_seeds()
    csv_seeds()
    folder_seeds()
    model_seeds()
