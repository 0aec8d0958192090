#!/usr/bin/env python3
"""Accuracy of khlint on the real corpus (../shared/corpus): prints a Markdown report.

    python3 benches/accuracy.py [BINARY] [--before OLD_BINARY] [--corpus DIR] [--labels FILE]

BINARY defaults to target/release/khlint, else target/debug/khlint. With --before, every
number gets a second column from OLD_BINARY, and the findings of the two are compared.

  web-excerpts/ (30 labelled plan excerpts, labels.json): `khlint extract --format json`;
      header fields (number, date, place, issuer) and legal bases against the hand labels.
  web-official/ (212 whole official documents): `khlint check --format json`; the KH-UBND
      plans among them (header type KẾ HOẠCH and a number with /KH-) have every error and
      warning hand-labelled in benches/accuracy-labels.json (true defect / misreading).
  web-excerpts/ again with `khlint check`: findings per excerpt, the ones a truncated excerpt
      is expected to get (missing sections, signature, recipients) apart from the rest.
  web-official/ document types (`extract`'s document_type) against the hand labels of
      benches/doctype-labels.json (labelled without looking at khlint's output).
  fixtures/nd30/ (plans laid out with the ND30 Word template, and printed to PDF): the
      .txt, .docx and .pdf of each plan give the same header, legal bases and findings.

Standard library only (Python 3.11).
"""

import argparse
import collections
import difflib
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# Rules a truncated excerpt (header and preamble only) is expected to trigger.
EXPECTED_ON_EXCERPTS = ("missing-section", "missing-signature", "missing-recipients")
HEADER_FIELDS = ("number", "date", "place", "issuer")
FORMS_MEASURE = "same plan as .txt, .docx, .pdf: header, bases, findings equal"


# ---------------------------------------------------------------- normalisation

# Old and new placement of the tone mark on oa, oe, uy ("Hoá" / "Hóa", "Uỷ" / "Ủy").
_TONE = {}
for _old, _new in (("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
                   ("oé", "óe"), ("oè", "òe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
                   ("uý", "úy"), ("uỳ", "ùy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy")):
    _TONE[_old] = _new


def fold(s):
    """Lower case, NFC, one tone-mark placement, single spaces."""
    s = unicodedata.normalize("NFC", s or "").lower()
    # Only where the syllable ends there: "hoá" is "hóa", "hoạch" stays "hoạch".
    s = re.sub("(" + "|".join(_TONE) + r")(?!\w)", lambda m: _TONE[m.group(1)], s)
    return re.sub(r"\s+", " ", s).strip()


def norm_number(s):
    """Document numbers: case-insensitive, without spaces (the labels' convention)."""
    return re.sub(r"\s+", "", fold(s)) if s else None


def norm_issuer(s):
    s = fold(s)
    s = s.replace("ủy ban nhân dân", "ubnd")
    return s or None


def norm_kind(s):
    """'Chương trình hành động' is a 'Chương trình', 'Kế hoạch hành động' a 'Kế hoạch'."""
    s = fold(s)
    return re.sub(r" hành động$", "", s)


# ---------------------------------------------------------------- running khlint

def run_json(binary, args):
    p = subprocess.run([binary] + args, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{binary} {' '.join(args)}: exit {p.returncode}\n{p.stderr}")
    return json.loads(p.stdout)


def extract(binary, path):
    return run_json(binary, ["extract", "--format", "json", path])


def check(binary, paths, lang="en"):
    """Findings per file name: one `check` run over the given files."""
    out = run_json(binary, ["check", "--format", "json", "--lang", lang, "--exit-zero",
                            "--no-progress"] + paths)
    res = {}
    for f in out["files"]:
        if f.get("error"):
            sys.exit(f"{f['path']}: {f['error']}")
        res[os.path.basename(f["path"])] = [
            {"rule": d["rule"], "severity": d["severity"], "line": d["line"],
             "message": d["message"]}
            for d in f["diagnostics"]
        ]
    return res


# ---------------------------------------------------------------- header and legal bases

def score_header(labels, extractions):
    """Per field: correct / wrong / missing, and the details of the misses."""
    counts = {f: collections.Counter() for f in HEADER_FIELDS}
    counts["issuer_incomplete"] = collections.Counter()
    details = []
    for lab in labels:
        want = lab["doc"]
        got = extractions[lab["file"]]["header"]
        for field in HEADER_FIELDS:
            w, g = want.get(field), got.get(field)
            if field == "number":
                ok = norm_number(w) == norm_number(g)
            elif field == "issuer":
                ok = norm_issuer(w) == norm_issuer(g)
            else:
                ok = fold(w) == fold(g)
            verdict = "correct" if ok else ("missing" if g is None else "wrong")
            bucket = field
            if field == "issuer" and not want.get("issuer_header_complete", True):
                bucket = "issuer_incomplete"
                if not ok and g is not None and norm_issuer(w).startswith(norm_issuer(g)):
                    verdict = "partial"
            counts[bucket][verdict] += 1
            if verdict != "correct":
                details.append((lab["file"], field if bucket == field else "issuer*",
                                w, g, verdict))
    return counts, details


def score_bases(labels, extractions):
    """Precision and recall of (kind, number) pairs of the legal bases."""
    tp = fp = fn = 0
    ignored_optional = unverifiable = nested_fp = kind_only = 0
    misses, falses = [], []
    for lab in labels:
        name = lab["file"]
        required, optional_numbers, optional_kinds = set(), set(), set()
        for b in lab["legal_bases"]:
            if b.get("number") is None:
                optional_kinds.add(norm_kind(b["kind"]))
            elif fold(b["kind"]) == "tờ trình":
                optional_numbers.add(norm_number(b["number"]))
            else:
                required.add((norm_kind(b["kind"]), norm_number(b["number"])))
        nested = {norm_number(n) for n in lab.get("nested_refs", [])}
        got = {}
        for c in extractions[name]["citations"]:
            if c["role"] != "legal_basis":
                continue
            key = (norm_kind(c["kind"]), norm_number(c["number"]))
            got.setdefault(key, c["line"])
        matched_lines = [line for key, line in got.items() if key in required]
        last = max(matched_lines, default=0)
        required_numbers = {n for _, n in required}
        for key, line in sorted(got.items(), key=lambda kv: kv[1]):
            kind, number = key
            if key in required:
                tp += 1
            elif number in optional_numbers or (
                    kind in optional_kinds and not re.search(r"\d", number)):
                ignored_optional += 1
            elif lab.get("truncated") and line > last:
                unverifiable += 1
            else:
                fp += 1
                why = "nested reference" if number in nested else (
                    "right number, other kind" if number in required_numbers else "not a basis")
                nested_fp += why == "nested reference"
                kind_only += why == "right number, other kind"
                falses.append((name, f"{kind} {number}", line, why))
        for key in sorted(required - set(got)):
            fn += 1
            misses.append((name, f"{key[0]} {key[1]}"))
    return {
        "tp": tp, "fp": fp, "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "ignored_optional": ignored_optional, "unverifiable": unverifiable,
        "nested_fp": nested_fp, "kind_only": kind_only,
        "misses": misses, "falses": falses,
    }


# ---------------------------------------------------------------- findings

def load_labels(path):
    data = json.load(open(path, encoding="utf-8"))
    table = collections.defaultdict(list)
    for e in data["findings"]:
        table[(e["file"], e["rule"], e["line"])].append(e)
    return table


def label_of(table, name, d):
    for e in table.get((name, d["rule"], d["line"]), []):
        if e["excerpt"] in d["message"]:
            return e["verdict"]
    return None


def is_plan(header):
    return fold(header.get("doc_type")) == "kế hoạch" and "/kh-" in (norm_number(
        header.get("number")) or "")


def evaluate(binary, corpus, labels_path, vietnamese=False):
    exc_dir = os.path.join(corpus, "web-excerpts")
    off_dir = os.path.join(corpus, "web-official")
    labels = json.load(open(os.path.join(exc_dir, "labels.json"), encoding="utf-8"))
    extractions = {lab["file"]: extract(binary, os.path.join(exc_dir, lab["file"]))
                   for lab in labels}
    r = {"binary": binary}
    r["header"], r["header_details"] = score_header(labels, extractions)
    r["bases"] = score_bases(labels, extractions)

    off_files = sorted(f for f in os.listdir(off_dir) if f.endswith((".md", ".txt")))
    official = {f: extract(binary, os.path.join(off_dir, f)) for f in off_files}
    headers = {f: official[f]["header"] for f in off_files}
    r["doctypes"] = score_doctypes(official, DOCTYPE_LABELS)
    plans = [f for f in off_files if is_plan(headers[f])]
    r["plans"] = plans
    r["plan_numbers"] = {f: headers[f].get("number") for f in plans}
    r["near_plans"] = [f for f in off_files if f not in plans and (
        fold(headers[f].get("doc_type")) == "kế hoạch"
        or "/kh-" in (norm_number(headers[f].get("number")) or ""))]
    r["official_files"] = off_files
    findings = check(binary, [os.path.join(off_dir, f) for f in off_files])
    r["official"] = findings
    table = load_labels(labels_path)
    r["plan_labels"] = {
        f: [(d, label_of(table, f, d)) for d in findings.get(f, [])
            if d["severity"] in ("error", "warning")]
        for f in plans
    }
    exc_files = [lab["file"] for lab in labels]
    r["excerpts"] = check(binary, [os.path.join(exc_dir, f) for f in exc_files])
    r["excerpt_files"] = exc_files
    r["forms"] = score_forms(binary)
    if vietnamese:  # only to compare two binaries in the default language too
        r["vi"] = check(binary, [os.path.join(off_dir, f) for f in off_files]
                        + [os.path.join(exc_dir, f) for f in exc_files], lang="vi")
    return r


DOCTYPE_LABELS = os.path.join(ROOT, "benches", "doctype-labels.json")


def score_doctypes(extractions, labels_path):
    """Document types against the labels: right, wrong (with what), and the plans (a Kế
    hoạch, or a decision that issues one) that would not get the plan rules."""
    labels = json.load(open(labels_path, encoding="utf-8"))
    right, wrong, plans_skipped = 0, [], []
    for f, x in extractions.items():
        lab = labels.get(f)
        t = x.get("document_type")
        if lab is None or t is None:
            return None  # an older binary, or an unlabelled corpus
        got = (t.get("name") or "(unknown)") if t["is_document"] else "Not a document"
        if got == lab["type"]:
            right += 1
        else:
            wrong.append((f, lab["type"], got))
        if (lab["type"] == "Kế hoạch" or lab.get("attached") == "Kế hoạch") and not t["is_plan"]:
            plans_skipped.append(f)
    return {"right": right, "total": len(extractions), "wrong": wrong,
            "plans_skipped": plans_skipped}


# ---------------------------------------------------------------- one plan, three forms

# Findings a plain-text copy alone can have: the Markdown bold of the Word file it was
# copied from ("**KT. CHỦ TỊCH") is formatting in the .docx and ink in the .pdf.
TEXT_ONLY_RULES = ("stray-artifact",)


def without_places(v):
    """Facts and fields without those that say where (lines differ between forms)."""
    if isinstance(v, dict):
        return {k: without_places(x) for k, x in v.items()
                if k not in ("line", "locations", "issuer_from") and not k.endswith("_line")}
    if isinstance(v, list):
        return [without_places(x) for x in v]
    return v


def form_view(binary, path, text_form):
    e = extract(binary, path)
    bases = [[c["kind"], c["number"], c["date"], c["issuer"]]
             for c in e["citations"] if c["role"] == "legal_basis"]
    out = run_json(binary, ["check", "--format", "json", "--exit-zero", "--no-progress", path])
    findings = sorted(json.dumps([d["rule"], d["severity"], without_places(d["facts"])],
                                 ensure_ascii=False, sort_keys=True)
                      for d in out["files"][0]["diagnostics"]
                      if not (text_form and d["rule"] in TEXT_ONLY_RULES))
    return {"header": without_places(e["header"]), "bases": bases, "findings": findings}


def score_forms(binary):
    """Per ND30 fixture: whether its .docx and .pdf read as its .txt (fixtures/nd30/make.py
    names the sources)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "nd30", os.path.join(ROOT, "fixtures", "nd30", "make.py"))
    nd30 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(nd30)
    res = {}
    for name, source in nd30.SOURCES.items():
        text = form_view(binary, str(source), True)
        res[name] = {form: form_view(binary, os.path.join(ROOT, "fixtures", "nd30",
                                                          f"{name}.{form}"), False) == text
                     for form in ("docx", "pdf")}
    return res


# ---------------------------------------------------------------- rendering

def pct(x):
    return "n/a" if x is None else f"{100 * x:.1f}%"


def mean(n, d):
    return f"{n / d:.2f}" if d else "n/a"


def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def plan_stats(r):
    per_rule = collections.defaultdict(collections.Counter)
    per_file = {}
    for f in r["plans"]:
        c = collections.Counter()
        for d, verdict in r["plan_labels"][f]:
            c[d["severity"]] += 1
            c[verdict or "unlabelled"] += 1
            per_rule[d["rule"]][d["severity"]] += 1
            per_rule[d["rule"]][verdict or "unlabelled"] += 1
        per_file[f] = c
    return per_rule, per_file


def findings_per_rule(findings, files):
    c = collections.Counter()
    for f in files:
        for d in findings.get(f, []):
            c[(d["rule"], d["severity"])] += 1
    return c


def render(runs):
    now = runs[0]
    cols = ["now"] + (["before"] if len(runs) > 1 else [])
    out = []
    w = out.append

    def both(fn):
        return [fn(r) for r in runs]

    # Summary
    w("## Summary\n")
    rows = []
    for field in HEADER_FIELDS:
        rows.append([f"header {field}: correct"] + both(
            lambda r, f=field: f"{r['header'][f]['correct']}/{sum(r['header'][f].values())}"))
    rows.append(["legal bases: precision"] + both(lambda r: pct(r["bases"]["precision"])))
    rows.append(["legal bases: recall"] + both(lambda r: pct(r["bases"]["recall"])))
    n_plans = len(now["plans"])
    rows.append(["document types (web-official): correct"] + both(
        lambda r: f"{r['doctypes']['right']}/{r['doctypes']['total']}" if r["doctypes"] else "n/a"))
    rows.append(["labelled plans not read as plans"] + both(
        lambda r: len(r["doctypes"]["plans_skipped"]) if r["doctypes"] else "n/a"))
    rows.append(["real plans"] + both(lambda r: len(r["plans"])))
    rows.append(["errors per real plan"] + both(lambda r: mean(
        sum(c["error"] for c in plan_stats(r)[1].values()), len(r["plans"]))))
    rows.append(["warnings per real plan"] + both(lambda r: mean(
        sum(c["warning"] for c in plan_stats(r)[1].values()), len(r["plans"]))))
    rows.append(["**false findings per real plan**"] + both(lambda r: mean(
        sum(c["false"] for c in plan_stats(r)[1].values()), len(r["plans"]))))
    rows.append(["true findings per real plan"] + both(lambda r: mean(
        sum(c["true"] for c in plan_stats(r)[1].values()), len(r["plans"]))))
    rows.append(["precision of errors+warnings on plans"] + both(lambda r: pct(
        (lambda t, f: t / (t + f) if t + f else None)(
            sum(c["true"] for c in plan_stats(r)[1].values()),
            sum(c["false"] for c in plan_stats(r)[1].values())))))
    rows.append(["unlabelled findings on plans"] + both(lambda r: sum(
        c["unlabelled"] for c in plan_stats(r)[1].values())))
    non = lambda r: [f for f in r["official_files"] if f not in r["plans"]]
    rows.append(["errors+warnings per non-plan document"] + both(lambda r: mean(sum(
        v for (rule, sev), v in findings_per_rule(r["official"], non(r)).items()
        if sev in ("error", "warning")), len(non(r)))))
    rows.append(["findings per excerpt, expected (sections/signature/recipients)"] + both(
        lambda r: mean(sum(v for (rule, _), v in findings_per_rule(
            r["excerpts"], r["excerpt_files"]).items() if rule in EXPECTED_ON_EXCERPTS),
            len(r["excerpt_files"]))))
    rows.append(["findings per excerpt, other rules"] + both(
        lambda r: mean(sum(v for (rule, _), v in findings_per_rule(
            r["excerpts"], r["excerpt_files"]).items() if rule not in EXPECTED_ON_EXCERPTS),
            len(r["excerpt_files"]))))
    rows.append([FORMS_MEASURE] + both(lambda r: "{}/{}".format(
        sum(all(v.values()) for v in r["forms"].values()), len(r["forms"]))))
    w(table(["measure"] + cols, rows))
    w("")
    w("Binaries: " + "; ".join(f"{c} = `{r['binary']}`" for c, r in zip(cols, runs)) + ".\n")

    w("## One plan, three forms (fixtures/nd30)\n")
    w("Each plan's .docx (ND30 Word template) and .pdf (printed from it by LibreOffice) against "
      "its .txt: equal header, legal bases and findings (rule, severity, facts; not lines).\n")
    w(table(["plan", "form"] + cols, [
        [name, form] + ["equal" if r["forms"][name][form] else "**differs**" for r in runs]
        for name in now["forms"] for form in ("docx", "pdf")]))
    w("")

    if len(runs) > 1:
        w("### Now against before\n")
        same_extract = (runs[0]["header_details"] == runs[1]["header_details"]
                        and runs[0]["bases"] == runs[1]["bases"])
        for part, key, files in (("web-official", "official", now["official_files"]),
                                 ("web-excerpts", "excerpts", now["excerpt_files"])):
            pos = [collections.Counter((f, d["rule"], d["line"], d["severity"])
                                       for f in files for d in r[key].get(f, []))
                   for r in runs[:2]]
            only_now, only_before = pos[0] - pos[1], pos[1] - pos[0]
            w(f"- `check` on {part}: {sum(pos[0].values())} findings now, "
              f"{sum(pos[1].values())} before; by file, rule, line and severity "
              f"{sum(only_now.values())} only now, {sum(only_before.values())} only before.")
            for x in sorted(only_now)[:10]:
                w(f"  - only now: {x[0]}:{x[2]} {x[1]} ({x[3]})")
            for x in sorted(only_before)[:10]:
                w(f"  - only before: {x[0]}:{x[2]} {x[1]} ({x[3]})")
            msgs = [collections.Counter((f, d["rule"], d["line"], d["message"])
                                        for f in files for d in r[key].get(f, []))
                    for r in runs[:2]]
            changed = collections.Counter(x[1] for x in (msgs[0] - msgs[1]).elements())
            if changed:
                w(f"  - English message wording differs on {sum(changed.values())} of them: "
                  + ", ".join(f"{rule} {n}" for rule, n in sorted(changed.items())) + ".")
                seen = set()
                for a in sorted(msgs[0] - msgs[1]):
                    if a[1] in seen:
                        continue
                    seen.add(a[1])
                    b = max((b for b in msgs[1] if b[:3] == a[:3] and b not in msgs[0]),
                            key=lambda b: difflib.SequenceMatcher(None, a[3], b[3]).ratio(),
                            default=None)
                    w(f"    - {a[0]}:{a[2]} now: “{a[3]}”")
                    if b:
                        w(f"      before: “{b[3]}”")
        if "vi" in runs[0] and "vi" in runs[1]:
            same_vi = runs[0]["vi"] == runs[1]["vi"]
            w(f"- `check --lang vi` (the default) on both folders: findings, lines and messages "
              f"{'identical' if same_vi else 'DIFFER'}.")
        w(f"- `extract` on web-excerpts: header and legal-basis scores "
          f"{'identical' if same_extract else 'DIFFER'}.")
        w("")

    # Document types
    if now["doctypes"]:
        d = now["doctypes"]
        w(f"## Document types (web-official, {d['total']} documents)\n")
        w("Hand labels in benches/doctype-labels.json. `check` reads plans (and a decision's "
          "attached plan) with every rule, and counts and skips the other types.\n")
        counts = collections.Counter(lab for _, lab, _ in d["wrong"])
        w(f"- right: {d['right']}/{d['total']}")
        w(f"- labelled plans (a Kế hoạch, or a decision issuing one) not read as plans: "
          f"{len(d['plans_skipped'])} {d['plans_skipped'] or ''}")
        for f, lab, got in d["wrong"]:
            w(f"- wrong: {f}: label {lab}, khlint {got}")
        w("")

    # Header
    w("## Header fields (web-excerpts, 30 labelled excerpts)\n")
    rows = []
    for field in HEADER_FIELDS + ("issuer_incomplete",):
        label = ("issuer, header incomplete (not scored)" if field == "issuer_incomplete"
                 else field + (" (complete headers only)" if field == "issuer" else ""))
        rows.append([label] + [
            "correct {correct}, wrong {wrong}, missing {missing}".format_map(
                collections.defaultdict(int, r["header"][field]))
            + (f", partial {r['header'][field]['partial']}"
               if field == "issuer_incomplete" else "")
            for r in runs])
    w(table(["field"] + cols, rows))
    w("\nMisses (now): excerpt, field, label, khlint, verdict (`issuer*`: header incomplete)\n")
    w(table(["excerpt", "field", "label", "khlint", "verdict"],
            [[f, fld, lab, got if got is not None else "—", v]
             for f, fld, lab, got, v in now["header_details"]]))
    w("")

    # Legal bases
    w("## Legal bases (web-excerpts)\n")
    rows = [[k] + [r["bases"][key] if key not in ("precision", "recall")
                   else pct(r["bases"][key]) for r in runs]
            for k, key in (("true bases found (TP)", "tp"), ("false bases (FP)", "fp"),
                           ("  of which nested references", "nested_fp"),
                           ("  of which right number, other kind", "kind_only"),
                           ("bases missed (FN)", "fn"), ("precision", "precision"),
                           ("recall", "recall"),
                           ("optional bases found (not counted)", "ignored_optional"),
                           ("after the cut of a truncated excerpt (not counted)",
                            "unverifiable"))]
    w(table(["measure"] + cols, rows))
    w("\nMissed bases (now):\n")
    w(table(["excerpt", "basis (kind number, folded)"], now["bases"]["misses"]))
    w("\nFalse bases (now):\n")
    w(table(["excerpt", "extracted (folded)", "line", "why"], now["bases"]["falses"]))
    w("")

    # Plans
    per_rule, per_file = plan_stats(now)
    w(f"## Findings on the {n_plans} real KH-UBND plans (web-official)\n")
    w("Per rule (now). Precision = true / (true + false), from the hand labels.\n")
    rows = []
    for rule in sorted(per_rule, key=lambda k: -per_rule[k]["false"]):
        c = per_rule[rule]
        p = c["true"] / (c["true"] + c["false"]) if c["true"] + c["false"] else None
        rows.append([rule, c["error"], c["warning"], mean(c["error"] + c["warning"], n_plans),
                     c["true"], c["false"], c["unlabelled"], pct(p)])
    w(table(["rule", "errors", "warnings", "per plan", "true", "false", "unlabelled",
             "precision"], rows))
    w("\nPer plan (now):\n")
    rows = []
    for f in now["plans"]:
        c = per_file[f]
        h = now["plan_numbers"][f]
        rows.append([f, h, c["error"], c["warning"], c["true"], c["false"], c["unlabelled"]])
    w(table(["file", "number", "errors", "warnings", "true", "false", "unlabelled"], rows))
    if now["near_plans"]:
        w("\nNot counted as plans although KẾ HOẠCH or /KH- is in the header: "
          + ", ".join(f"`{f}`" for f in now["near_plans"]) + ".")
    unl = [(f, d) for f in now["plans"] for d, v in now["plan_labels"][f] if v is None]
    if unl:
        w("\nUnlabelled findings on plans (labels are stale: add them to "
          "benches/accuracy-labels.json):\n")
        for f, d in unl[:40]:
            w(f"- {f}:{d['line']} {d['rule']}: " + d["message"].replace("\n", " "))
    w("")

    # Non-plans
    non_files = non(now)
    w(f"## Findings on the {len(non_files)} other official documents (web-official)\n")
    w("khlint is meant for plans; an archive holds everything. Per document, per rule.\n")
    cs = [findings_per_rule(r["official"], non(r)) for r in runs]
    keys = sorted(set().union(*cs), key=lambda k: -cs[0][k])
    w(table(["rule", "severity"] + [f"total {c}" for c in cols] + [f"per doc {c}" for c in cols],
            [[k[0], k[1]] + [c[k] for c in cs] + [mean(c[k], len(non_files)) for c in cs]
             for k in keys]))
    w("")

    # Excerpts
    w("## Findings on the 30 web-excerpts (truncated plans)\n")
    cs = [findings_per_rule(r["excerpts"], r["excerpt_files"]) for r in runs]
    keys = set().union(*cs)
    for title, sel in (("Expected on an excerpt (it stops after the preamble)",
                        lambda k: k[0] in EXPECTED_ON_EXCERPTS),
                       ("Other rules", lambda k: k[0] not in EXPECTED_ON_EXCERPTS)):
        ks = sorted((k for k in keys if sel(k)), key=lambda k: -cs[0][k])
        w(f"{title}:\n")
        w(table(["rule", "severity"] + [f"total {c}" for c in cols]
                + [f"per excerpt {c}" for c in cols],
                [[k[0], k[1]] + [c[k] for c in cs] + [mean(c[k], 30) for c in cs]
                 for k in ks]))
        w("")
    w("Other-rule findings (now):\n")
    for f in now["excerpt_files"]:
        for d in now["excerpts"].get(f, []):
            if d["rule"] not in EXPECTED_ON_EXCERPTS:
                w(f"- {f}:{d['line']} {d['rule']} ({d['severity']}): "
                  + d["message"].replace("\n", " "))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", nargs="?")
    ap.add_argument("--before", help="a second khlint binary, for a 'before' column")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--labels", default=os.path.join(ROOT, "benches", "accuracy-labels.json"))
    ap.add_argument("--floors", action="store_true",
                    help="exit 1 when a figure of the summary is below its floor (FLOORS)")
    a = ap.parse_args()
    binary = a.binary
    if binary is None:
        for cand in ("target/release/khlint", "target/debug/khlint"):
            if os.path.exists(os.path.join(ROOT, cand)):
                binary = os.path.join(ROOT, cand)
                break
        else:
            sys.exit("no khlint binary: build one (cargo build) or pass its path")
    corpus = os.path.normpath(a.corpus)
    runs = [evaluate(binary, corpus, a.labels, vietnamese=bool(a.before))]
    if a.before:
        runs.append(evaluate(a.before, corpus, a.labels, vietnamese=True))
    report = render(runs)
    sys.stdout.write(report)
    if a.floors:
        failed = check_floors(report)
        for f in failed:
            sys.stderr.write(f"accuracy floor missed: {f}\n")
        sys.exit(1 if failed else 0)


# The figures CI holds the reader and the rules to (the "now" column of the summary):
# (measure, lowest or highest allowed, "min" or "max"). Raise them as the work lands.
FLOORS = [
    ("header number: correct", 29 / 30, "min"),
    ("header date: correct", 29 / 30, "min"),
    ("header place: correct", 29 / 30, "min"),
    ("header issuer: correct", 16 / 17, "min"),
    ("legal bases: precision", 0.97, "min"),
    ("legal bases: recall", 0.97, "min"),
    ("**false findings per real plan**", 1.0, "max"),
    ("unlabelled findings on plans", 0, "max"),
    ("document types (web-official): correct", 0.98, "min"),
    ("labelled plans not read as plans", 0, "max"),
    (FORMS_MEASURE, 1.0, "min"),
]


def check_floors(report):
    """The floors the report's summary misses, in words."""
    now = {}
    for line in report.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2:
            now.setdefault(cells[0], cells[1])
    failed = []
    for measure, bound, kind in FLOORS:
        raw = now.get(measure)
        if raw is None:
            failed.append(f"{measure}: not in the report")
            continue
        if "/" in raw:
            a, b = raw.split("/")
            value = int(a) / int(b)
        elif raw.endswith("%"):
            value = float(raw[:-1]) / 100
        else:
            value = float(raw)
        if (kind == "min" and value < bound) or (kind == "max" and value > bound):
            failed.append(f"{measure} = {raw} ({kind} {bound:.3g})")
    return failed


if __name__ == "__main__":
    main()
