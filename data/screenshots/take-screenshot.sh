#!/usr/bin/env bash
# take-screenshot.sh OUT.png [BUILD_DIR] — the README screenshot: the window
# training on the bundled digits for TRAIN_SECONDS (default 25), then a 7 drawn
# on the pad through the X server. Needs xvfb, xdotool, imagemagick, dbus-x11.
set -euo pipefail
out=${1:?usage: take-screenshot.sh OUT.png [BUILD_DIR]}
build=${2:-build}
disp=:$(( 500 + RANDOM % 300 ))
Xvfb $disp -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
trap 'kill $app 2>/dev/null; kill $xpid 2>/dev/null' EXIT
sleep 1
DISPLAY=$disp GDK_BACKEND=x11 NO_AT_BRIDGE=1 dbus-run-session -- "$build/src/latent-space" &
app=$!
sleep 3
export DISPLAY=$disp
win=$(xdotool search --onlyvisible --name "Latent Space" | head -1)
xdotool windowfocus --sync $win; xdotool key space
sleep ${TRAIN_SECONDS:-25}
# a 7 on the pad (pad square roughly x 1005-1200, y 112-305 at 1280x800)
xdotool mousemove 1040 140 mousedown 1
for p in "1070 138" "1110 137" "1150 138" "1160 142" "1150 170" "1135 200" "1120 235" "1105 270" "1098 290"; do
  xdotool mousemove $p; sleep 0.05
done
xdotool mouseup 1
xdotool mousemove 600 780
sleep 3
import -window root "$out"
