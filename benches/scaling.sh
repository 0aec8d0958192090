#!/usr/bin/env bash
# Scaling benchmark: `khlint check` time on the same text at 1, 4 and 16 MB, to show that
# time grows linearly with the input (issue 17: a quadratic stage took 38 s at 4 MB).
#
#   benches/scaling.sh [KHLINT]      (default: builds and uses target/release/khlint)
#
# Shapes: the fixture plans concatenated (many lines), the same with every newline
# replaced by a space (one line of 16 MB), and `x\n` repeated (one-word paragraphs).
# Prints seconds, peak RSS and the ratio of each size's time to the 1 MB time: about 4
# and 16 when linear. Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
    KHLINT=$1
else
    cargo build --release --quiet
    KHLINT=$PWD/target/release/khlint
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
python3 - "$OUT" <<'PY'
import glob, sys
out = sys.argv[1]
plans = [open(f, 'rb').read() for f in sorted(glob.glob('fixtures/plans/*.txt')) + sorted(glob.glob('fixtures/plans/*.md'))]
for mb in (1, 4, 16):
    size = mb << 20
    text = bytearray()
    i = 0
    while len(text) < size:
        text += plans[i % len(plans)] + b'\n'
        i += 1
    text = bytes(text[:size]).rsplit(b'\n', 1)[0] + b'\n'
    open(f'{out}/lines_{mb}.txt', 'wb').write(text)
    open(f'{out}/oneline_{mb}.txt', 'wb').write(text.replace(b'\n', b' '))
    open(f'{out}/x_{mb}.txt', 'wb').write(b'x\n' * (size // 2))
PY
printf '%-10s %6s %8s %8s %6s\n' shape MB seconds rss_MB ratio
for shape in lines oneline x; do
    base=
    for mb in 1 4 16; do
        f=$OUT/${shape}_$mb.txt
        t0=$(date +%s%N)
        /usr/bin/time -f "%M" -o "$OUT/rss" "$KHLINT" check "$f" --format json >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
        [ -n "$base" ] || base=$secs
        ratio=$(awk -v a="$secs" -v b="$base" 'BEGIN { printf "%.1f", a / b }')
        printf '%-10s %6s %8s %8s %6s\n' "$shape" "$mb" "$secs" "$(( $(tail -1 "$OUT/rss") / 1024 ))" "$ratio"
    done
done
