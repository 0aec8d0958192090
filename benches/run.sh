#!/usr/bin/env bash
# Batch benchmark of `khlint check` against rg, pandoc and pdftotext on one corpus.
#
#   benches/run.sh [N_PLANS] [CORPUS_DIR]     (defaults: 10000, $TMPDIR/khlint-corpus-N)
#
# Builds the release binary, generates the corpus with benches/corpus.py (reused when
# present), then reports throughput, peak memory and the ratios to the baselines, and
# checks the salted corpus (exit code 2, every good file checked, every bad one reported).
# Needs: ripgrep, pandoc, poppler-utils, GNU time (/usr/bin/time), python3.
# Baselines get the same parallelism as khlint (JOBS, default: number of cores).
set -euo pipefail

N=${1:-10000}
CORPUS=${2:-${TMPDIR:-/tmp}/khlint-corpus-$N}
JOBS=${JOBS:-$(nproc)}
cd "$(dirname "$0")/.."
cargo build --release --quiet
KHLINT=$PWD/target/release/khlint
[ -f "$CORPUS/MANIFEST.tsv" ] || python3 benches/corpus.py "$CORPUS" --plans "$N"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# timed NAME CMD...: wall seconds (ms resolution: GNU time's %e rounds to 10 ms, too
# coarse for rg), peak RSS (KiB), exit code of CMD into $OUT/NAME.time
timed() {
    local name=$1
    shift
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f "%M %x" -o "$OUT/$name.rss" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || true
    t1=$(date +%s%N)
    echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') $(tail -1 "$OUT/$name.rss")" >"$OUT/$name.time"
}
secs() { tail -1 "$OUT/$1.time" | cut -d' ' -f1; }
rss_mb() { tail -1 "$OUT/$1.time" | awk '{printf "%.0f", $2 / 1024}'; }
status() { tail -1 "$OUT/$1.time" | cut -d' ' -f3; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
bytes() { du -sb "$1" | cut -f1; }

# Warm the page cache so that every tool reads from memory.
cat "$CORPUS"/text/*/* "$CORPUS"/docx/* "$CORPUS"/pdf/* >/dev/null

text_files=$(find "$CORPUS/text" -type f | wc -l)
text_mb=$(awk -v b="$(bytes "$CORPUS/text")" 'BEGIN { printf "%.1f", b / 1048576 }')
timed khlint_text "$KHLINT" check --format concise --no-progress -j "$JOBS" "$CORPUS/text"
timed rg_text rg -j "$JOBS" -c 'Quyết định số [0-9]+/QĐ-TTg' "$CORPUS/text"
kt=$(secs khlint_text)
rt=$(secs rg_text)
echo "== text: $text_files files, $text_mb MB"
echo "khlint check: ${kt} s, $(awk -v m="$text_mb" -v t="$kt" 'BEGIN { printf "%.1f", m / t }') MB/s, $(awk -v n="$text_files" -v t="$kt" 'BEGIN { printf "%.0f", n / t }') files/s, peak RSS $(rss_mb khlint_text) MB"
echo "rg citation search: ${rt} s, peak RSS $(rss_mb rg_text) MB"
echo "ratio khlint / rg: $(ratio "$kt" "$rt")x (target <= 10x)"

docx_files=$(find "$CORPUS/docx" -type f | wc -l)
timed khlint_docx "$KHLINT" check --format concise --no-progress -j "$JOBS" "$CORPUS/docx"
timed pandoc_docx sh -c "find '$CORPUS/docx' -type f -print0 | xargs -0 -n 1 -P $JOBS pandoc -t plain"
kd=$(secs khlint_docx)
pd=$(secs pandoc_docx)
echo "== docx: $docx_files files, $(bytes "$CORPUS/docx") bytes"
echo "khlint check: ${kd} s ($(awk -v n="$docx_files" -v t="$kd" 'BEGIN { printf "%.0f", n / t }') files/s); pandoc -t plain: ${pd} s"
echo "pandoc / khlint: $(ratio "$pd" "$kd")x faster (target >= 20x)"

# The .pdf target: no slower than pdftotext plus khlint on pdftotext's text.
pdf_files=$(find "$CORPUS/pdf" -type f | wc -l)
mkdir -p "$OUT/pdftext"
timed khlint_pdf "$KHLINT" check --format concise --no-progress -j "$JOBS" "$CORPUS/pdf"
timed khlint_pdf_builtin "$KHLINT" check --pdf-reader builtin --format concise --no-progress -j "$JOBS" "$CORPUS/pdf"
timed pdftotext_pdf sh -c "find '$CORPUS/pdf' -type f -print0 | xargs -0 -I{} -P $JOBS sh -c 'pdftotext -layout -enc UTF-8 \"\$1\" \"$OUT/pdftext/\$(basename \"\$1\").txt\"' _ {}"
timed khlint_pdftext "$KHLINT" check --format concise --no-progress -j "$JOBS" "$OUT/pdftext"
kp=$(secs khlint_pdf)
kpb=$(secs khlint_pdf_builtin)
pp=$(secs pdftotext_pdf)
pt=$(secs khlint_pdftext)
base=$(awk -v a="$pp" -v b="$pt" 'BEGIN { printf "%.3f", a + b }')
echo "== pdf: $pdf_files files"
echo "khlint check: ${kp} s (Poppler reader), ${kpb} s (built-in reader)"
echo "pdftotext: ${pp} s; + khlint on its text: ${pt} s; together ${base} s"
echo "khlint / (pdftotext + text path): $(ratio "$kp" "$base")x (target <= 1x)"

timed khlint_all "$KHLINT" check --format json --no-progress -j "$JOBS" --summary-format csv "$CORPUS"
check=$(python3 - "$OUT/khlint_all.out" "$CORPUS" <<'EOF'
import json, os, sys
report = json.load(open(sys.argv[1]))
corpus = sys.argv[2]
kind = {}
for line in open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8"):
    path, k = line.rstrip("\n").split("\t")
    kind[os.path.normpath(os.path.join(corpus, path))] = k
seen = {os.path.normpath(f["path"]): f for f in report["files"]}
missing = set(kind) - set(seen)
good_failed = [p for p, k in kind.items() if k == "good" and seen.get(p, {}).get("error")]
bad_passed = [p for p, k in kind.items() if k == "bad" and p in seen and not seen[p].get("error")]
print(f"files reported {len(seen)} of {len(kind)}; missing {len(missing)}; "
      f"good files with an error {len(good_failed)}; bad files not reported {len(bad_passed)}")
for p in sorted(good_failed)[:5] + sorted(bad_passed)[:5] + sorted(missing)[:5]:
    print("  ", p, seen.get(p, {}).get("error"))
EOF
)
echo "== salted corpus (json): exit code $(status khlint_all) (expected 2)"
echo "$check"
echo "wall $(secs khlint_all) s, peak RSS $(rss_mb khlint_all) MB (JSON streamed)"
echo "read failures by kind:"
grep '^failed,' "$OUT/khlint_all.err" | sed 's/^failed,/  /'
