#!/bin/sh
# gmt_frames.sh - GMT (modern mode) drawing each date as its own session,
# as a GMT user would loop: land, the areas of each party, lines, towns
# with labels, at 1600x1200 pixels (16 x 12 cm at 254 dpi).
# usage: gmt_frames.sh PREPARED OUTDIR DATE...
set -eu
prep=$1 out=$2
shift 2
mkdir -p "$out"
read -r x0 y0 x1 y1 <"$prep/extent.txt"
n=0
for d in "$@"; do
  name=$(printf '%s/%05d' "$out" "$n")
  az=$(awk -F, '$2=="AZ"{printf "'"$prep"'/gmt/plain/%s.gmt ", $1}' "$prep/state/$d.csv")
  nk=$(awk -F, '$2=="NK"{printf "'"$prep"'/gmt/plain/%s.gmt ", $1}' "$prep/state/$d.csv")
  am=$(awk -F, '$2=="AM"{printf "'"$prep"'/gmt/plain/%s.gmt ", $1}' "$prep/state/$d.csv")
  gmt begin "$name" png E254 >/dev/null
  gmt set MAP_FRAME_TYPE plain MAP_FRAME_PEN 0.5p
  gmt basemap -R$x0/$x1/$y0/$y1 -JX16c/12c -B0 -B+g215/227/236
  gmt plot "$prep/gmt/plain/_land.gmt" -G243/241/236 -W0.5p,169/163/154
  cat "$prep"/gmt/plain/[a-z]*.gmt | gmt plot -G212/212/212 -W0.4p,white
  [ -n "$az" ] && cat $az | gmt plot -G75/147/207 -W0.4p,white
  [ -n "$nk" ] && cat $nk | gmt plot -G234/165/58 -W0.4p,white
  [ -n "$am" ] && cat $am | gmt plot -G201/130/78 -W0.4p,white
  gmt plot "$prep/gmt/plain/_lines.gmt" -W0.8p,90/90/90
  tail -n +2 "$prep/gmt/_towns.csv" | awk -F, '{print $1, $2}' |
    gmt plot -Sc0.15c -Gwhite -W0.5p,34/34/34
  tail -n +2 "$prep/gmt/_towns.csv" | awk -F, '{print $1, $2, $3}' |
    gmt text -F+f7p,Helvetica+jLM -D0.15c/0
  gmt end
  n=$((n + 1))
done
