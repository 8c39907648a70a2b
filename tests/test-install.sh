#!/usr/bin/env bash
# test-install.sh — `meson install` puts a complete application into a DESTDIR
#
# Copyright 2026 The Latent Space authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build tree into a temporary DESTDIR and checks that everything
# a desktop, a software centre and a headless user need is there, then runs
# the installed binary. Usage:
#   test-install.sh BUILD_DIR SOURCE_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID
# (the last five as meson's options give them). Prints TAP.
set -u

build=$1 source=$2 prefix=$3 bindir=$4 datadir=$5 localedir=$6 app_id=$7

# Relative bindir/datadir/localedir are relative to the prefix.
abs() { case $1 in /*) echo "$1" ;; *) echo "$prefix/$1" ;; esac; }
bindir=$(abs "$bindir") datadir=$(abs "$datadir") localedir=$(abs "$localedir")

dest=$(mktemp -d "${TMPDIR:-/tmp}/latent-install-XXXXXX")
trap 'rm -rf "$dest"' EXIT

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)) failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /'; done
}
# file_check DESCRIPTION PATH: a non-empty regular file in the DESTDIR
file_check() {
  if [ -f "$dest$2" ] && [ -s "$dest$2" ]; then ok "$1"; else not_ok "$1" "missing or empty: $2"; fi
}

if log=$(meson install -C "$build" --destdir "$dest" --no-rebuild --quiet 2>&1); then
  ok "meson install --destdir succeeds"
else
  not_ok "meson install --destdir succeeds" "$log"
  echo "1..$n"
  exit 1
fi

exe=$dest$bindir/latent-space
if [ -x "$exe" ]; then ok "the binary is installed"; else not_ok "the binary is installed" "not executable: $bindir/latent-space"; fi
file_check "the desktop file" "$datadir/applications/$app_id.desktop"
file_check "the metainfo" "$datadir/metainfo/$app_id.metainfo.xml"
file_check "the scalable icon" "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
file_check "the symbolic icon" "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
file_check "the settings schema" "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
file_check "the bundled digits (images)" "$datadir/latent-space/datasets/mnist-10k-images-idx3-ubyte.gz"
file_check "the bundled digits (labels)" "$datadir/latent-space/datasets/mnist-10k-labels-idx1-ubyte.gz"
file_check "the digits' provenance" "$datadir/latent-space/datasets/README.md"

# The merged desktop file and metainfo must carry the translations too.
desktop=$dest$datadir/applications/$app_id.desktop
metainfo=$dest$datadir/metainfo/$app_id.metainfo.xml
for lang in $(grep -v '^#' "$source/po/LINGUAS"); do
  mo=$localedir/$lang/LC_MESSAGES/latent-space.mo
  if [ -s "$dest$mo" ] && msgunfmt "$dest$mo" >/dev/null 2>&1; then
    ok "translation $lang is installed"
  else
    not_ok "translation $lang is installed" "missing or not a valid catalogue: $mo"
  fi
  if grep -q "^Comment\[$lang\]=" "$desktop" 2>/dev/null; then
    ok "the desktop file has the $lang comment"
  else
    not_ok "the desktop file has the $lang comment" "no Comment[$lang] in $desktop"
  fi
  if grep -q "<summary xml:lang=\"$lang\">" "$metainfo" 2>/dev/null; then
    ok "the metainfo has the $lang summary"
  else
    not_ok "the metainfo has the $lang summary" "no <summary xml:lang=\"$lang\"> in $metainfo"
  fi
done

# The installed schema compiles on its own, as the post-install step does it.
if out=$(glib-compile-schemas --strict --dry-run "$dest$datadir/glib-2.0/schemas" 2>&1); then
  ok "the installed schema compiles"
else
  not_ok "the installed schema compiles" "$out"
fi

# The installed binary runs from the DESTDIR, away from the build tree (the
# digits are compiled into it).
if out=$(cd "$dest" && OPENBLAS_NUM_THREADS=1 timeout 120 "$exe" --headless --epochs 1 --layers 32 --latent 2 --max-points 2000 --json 2>&1 >"$dest/out.json"); then
  if python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(0 if r["epochs"] == 1 and r["samples"] > 0 else 1)' "$dest/out.json" 2>/dev/null; then
    ok "the installed binary trains one epoch headless"
  else
    not_ok "the installed binary trains one epoch headless" "stdout is not the JSON result:" "$(head -c 2000 "$dest/out.json")"
  fi
else
  not_ok "the installed binary trains one epoch headless" "exit status $?" "$out"
fi

echo "1..$n"
[ $failed -eq 0 ]
