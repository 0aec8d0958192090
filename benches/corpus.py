#!/usr/bin/env python3
"""Deterministic benchmark corpus for `khlint check`: variants of the fixtures.

    python3 benches/corpus.py OUT_DIR [--plans N]

Writes, for N plans (default 10,000):
  text/  97.5% of N: .txt/.md variants of fixtures/plans/* (province, year, document
         numbers and line wraps changed), in folders of 100;
  docx/  2% of N (200): variants of fixtures/docx/* made by editing word/document.xml;
  pdf/   0.5% of N (50): copies of fixtures/pdf/* (a comment appended, so bytes differ);
  bad/   1% of N on top (100): truncated zips, random bytes, empty files, a zip bomb,
         deeply nested XML, a Word 97 .doc, an encrypted and an image-only PDF.
and MANIFEST.tsv (path, kind good|bad). Same seed, same bytes: the output depends only
on N and the fixtures.
"""

import os
import random
import re
import sys
import textwrap
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIX = os.path.join(ROOT, "fixtures")

PROVINCES = [
    "Ninh Thuận", "Đắk Nông", "Gia Lai", "Bắc Giang", "Đồng Nai", "Lâm Đồng",
    "Quảng Nam", "Nghệ An", "Thanh Hóa", "Hà Tĩnh", "Sơn La", "Điện Biên",
    "Lào Cai", "Yên Bái", "Phú Thọ", "Tây Ninh", "Bến Tre", "Cà Mau",
]
FIXTURE_PROVINCES = ["Ninh Thuận", "Đắk Nông", "Gia Lai", "Bắc Giang", "Đồng Nai"]
YEARS = ["2020", "2021", "2022", "2023", "2024"]


def vary_text(text, rng):
    """A plausible variant: another province, another year, other numbers, rewrapped."""
    province = rng.choice(PROVINCES)
    for p in FIXTURE_PROVINCES:
        text = text.replace(p, province)
    shift = rng.randint(-2, 1)
    text = re.sub(
        r"\b(202[0-5])\b",
        lambda m: str(int(m.group(1)) + shift) if rng.random() < 0.7 else m.group(1),
        text,
    )
    text = re.sub(
        r"\b(\d{2,4})(/KH-UBND)",
        lambda m: f"{rng.randint(10, 3999)}{m.group(2)}",
        text,
    )
    width = rng.randint(70, 110)
    lines = []
    for line in text.split("\n"):
        if len(line) > width + 20 and rng.random() < 0.3 and "|" not in line and "\t" not in line:
            lines.extend(textwrap.wrap(line, width) or [line])
        else:
            lines.append(line)
    return "\n".join(lines)


def vary_docx(src, dst, rng):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                province = rng.choice(PROVINCES)
                for p in FIXTURE_PROVINCES:
                    xml = xml.replace(p, province)
                shift = rng.randint(-2, 1)
                xml = re.sub(r"\b(202[0-4])\b", lambda m: str(int(m.group(1)) + shift), xml)
                data = xml.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 3, 10, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def write(path, data, manifest, kind):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    manifest.append((path, kind))


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = args[0]
    n = int(args[args.index("--plans") + 1]) if "--plans" in args else 10000
    rng = random.Random(20240221)
    manifest = []

    plans_dir = os.path.join(FIX, "plans")
    plans = sorted(os.listdir(plans_dir))
    sources = [(p, open(os.path.join(plans_dir, p), encoding="utf-8").read()) for p in plans]
    n_docx, n_pdf = n * 2 // 100, n * 5 // 1000
    n_text = n - n_docx - n_pdf
    for i in range(n_text):
        name, text = sources[i % len(sources)]
        base, ext = os.path.splitext(name)
        path = os.path.join(out, "text", f"{i // 100:03d}", f"{i:05d}-{base}{ext}")
        write(path, vary_text(text, rng).encode("utf-8"), manifest, "good")

    docx_dir = os.path.join(FIX, "docx")
    docxs = sorted(os.listdir(docx_dir))
    for i in range(n_docx):
        src = os.path.join(docx_dir, docxs[i % len(docxs)])
        path = os.path.join(out, "docx", f"{i:04d}-{docxs[i % len(docxs)]}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        vary_docx(src, path, rng)
        manifest.append((path, "good"))

    pdf_dir = os.path.join(FIX, "pdf")
    pdfs = sorted(os.listdir(pdf_dir))
    for i in range(n_pdf):
        name = pdfs[i % len(pdfs)]
        data = open(os.path.join(pdf_dir, name), "rb").read() + f"\n%khlint-bench {i}\n".encode()
        write(os.path.join(out, "pdf", f"{i:03d}-{name}"), data, manifest, "good")

    bad_dir = os.path.join(FIX, "bad")
    good_docx = open(os.path.join(docx_dir, "dak-rlap-2024.docx"), "rb").read()
    fixed_bad = ["zip-bomb.docx", "deep-nesting.docx", "legacy.doc", "encrypted.pdf", "image-only.pdf"]
    for i in range(n // 100):
        kind = i % 4
        if i < len(fixed_bad):
            name = fixed_bad[i]
            data = open(os.path.join(bad_dir, name), "rb").read()
        elif kind == 0:
            name = "truncated.docx"
            data = good_docx[: rng.randint(100, len(good_docx) - 100)]
        elif kind == 1:
            name = rng.choice(["random.txt", "random.docx", "random.pdf"])
            data = bytes([0]) + rng.randbytes(rng.randint(100, 20000))
        elif kind == 2:
            name = rng.choice(["empty.txt", "empty.docx", "blank.md"])
            data = b"" if name != "blank.md" else b" \n\n \n"
        else:
            name = "truncated-bomb.docx" if i % 8 == 3 else "cut.pdf"
            src = "zip-bomb.docx" if name.endswith("docx") else "dak-rlap-2024.pdf"
            folder = bad_dir if name.endswith("docx") else pdf_dir
            whole = open(os.path.join(folder, src), "rb").read()
            data = whole[: len(whole) // 3] if name.endswith("docx") else whole[:400]
        write(os.path.join(out, "bad", f"{i:03d}-{name}"), data, manifest, "bad")

    with open(os.path.join(out, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        for path, kind in manifest:
            f.write(f"{os.path.relpath(path, out)}\t{kind}\n")
    print(f"{out}: {n_text} text, {n_docx} docx, {n_pdf} pdf, {n // 100} bad")


if __name__ == "__main__":
    main()
