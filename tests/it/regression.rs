//! Regression tests, each named after the bug it pins (issue 10 unless said otherwise).

use crate::common::{khlint, stdout};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// A folder of its own under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("khlint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn file(&self, name: &str, from: &str) -> String {
        let p = self.0.join(name);
        std::fs::copy(from, &p).unwrap();
        p.display().to_string()
    }
    fn write(&self, name: &str, text: &str) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn json(args: &[&str]) -> Value {
    let o = khlint(args);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

fn findings(v: &Value) -> Vec<Value> {
    v["files"][0]["diagnostics"].as_array().unwrap().clone()
}

const SEED: &str = "fixtures/plans/dak-rlap-2024.txt";

#[test]
fn regression_fingerprint_hashed_the_localized_message() {
    let vi = findings(&json(&["--lang", "vi", "check", "--format", "json", SEED]));
    let en = findings(&json(&["--lang", "en", "check", "--format", "json", SEED]));
    assert!(!vi.is_empty());
    assert_eq!(vi.len(), en.len());
    for (a, b) in vi.iter().zip(&en) {
        assert_ne!(a["message"], b["message"], "the languages differ");
        assert_eq!(a["fingerprint"], b["fingerprint"], "{a} / {b}");
    }
    // A suppression written from the English output silences the Vietnamese finding.
    let dir = Scratch::new("suppress-lang");
    let plan = dir.file("plan.txt", SEED);
    let first = &en[0];
    dir.write(
        "khlint.toml",
        &format!(
            "[[suppress]]\nrule = \"{}\"\nfingerprint = \"{}\"\n",
            first["rule"].as_str().unwrap(),
            first["fingerprint"].as_str().unwrap()
        ),
    );
    let after = findings(&json(&["--lang", "vi", "check", "--format", "json", &plan]));
    assert_eq!(after.len(), vi.len() - 1);
    assert!(after
        .iter()
        .all(|d| d["fingerprint"] != first["fingerprint"]));
}

#[test]
fn regression_identical_findings_on_different_lines_shared_a_fingerprint() {
    let d = findings(&json(&["check", "--format", "json", SEED]));
    let prints: BTreeSet<&str> = d
        .iter()
        .map(|d| d["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), d.len(), "unique within the file");
    // The seed repeats "chuyên đổi số": both are reported, and one suppression silences one.
    let repeats: Vec<&Value> = d
        .iter()
        .filter(|d| d["facts"]["found"] == "chuyên đổi số")
        .collect();
    assert!(repeats.len() >= 2, "{repeats:?}");
    let sarif = json(&["check", "--format", "sarif", SEED]);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let partial: BTreeSet<&str> = results
        .iter()
        .map(|r| r["partialFingerprints"]["khlint/v1"].as_str().unwrap())
        .collect();
    assert_eq!(
        partial.len(),
        results.len(),
        "SARIF partialFingerprints are unique"
    );
    let dir = Scratch::new("suppress-one");
    let plan = dir.file("plan.txt", SEED);
    dir.write(
        "khlint.toml",
        &format!(
            "[[suppress]]\nrule = \"misspelling\"\nfingerprint = \"{}\"\n",
            repeats[0]["fingerprint"].as_str().unwrap()
        ),
    );
    let after = findings(&json(&["check", "--format", "json", &plan]));
    assert_eq!(
        after.len(),
        d.len() - 1,
        "one suppression silences one finding"
    );
}

#[test]
fn regression_review_rules_were_refused_by_select_ignore_severity_and_suppress() {
    let dir = Scratch::new("review-config");
    let district = dir.file(
        "district.txt",
        "fixtures/review/districts/lang-giang-2024.txt",
    );
    let province = "fixtures/review/bac-giang-2024.txt";
    dir.write(
        "khlint.toml",
        "ignore = [\"parent-task-not-covered\"]\n[severity]\nparent-citation-mismatch = \"info\"\n[[suppress]]\nrule = \"deadline-after-parent\"\n",
    );
    // A configuration naming review rules is valid for check (which has none to run)...
    let o = khlint(&["check", "--select", "parent-citation-mismatch", &district]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // ...and for review, which now takes --config, --select and --ignore.
    let o = khlint(&[
        "review",
        &district,
        "--against",
        province,
        "--select",
        "parent-citation-mismatch,target-below-allocation",
        "--format",
        "json",
    ]);
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    for d in v["files"][0]["diagnostics"].as_array().unwrap() {
        assert!(
            ["parent-citation-mismatch", "target-below-allocation"]
                .contains(&d["rule"].as_str().unwrap()),
            "{d}"
        );
    }
    let other = dir.write("other.toml", "select = [\"misspelling\"]\n");
    let o = khlint(&[
        "review",
        &district,
        "--against",
        province,
        "--config",
        &other,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    for d in v["files"][0]["diagnostics"].as_array().unwrap() {
        assert_eq!(d["rule"], "misspelling", "{d}");
    }
    let bad = dir.write("bad.toml", "ignore = [\"parent-citation-mismatsh\"]\n");
    let o = khlint(&["check", "--config", &bad, &district]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("parent-citation-mismatsh")
            || String::from_utf8_lossy(&o.stderr).contains("parent-citation-mismatsh")
    );
}

#[test]
fn regression_legacy_encoding_note_escaped_ignore_and_select() {
    for file in [
        "fixtures/legacy/plan.tcvn3.txt",
        "fixtures/legacy/plan.vni.txt",
    ] {
        let noted = findings(&json(&["check", "--format", "json", file]));
        let note = noted
            .iter()
            .find(|d| d["facts"]["kind"] == "legacy-encoding")
            .expect("the note is reported");
        assert_eq!(
            (note["severity"].as_str(), note["line"].as_u64()),
            (Some("info"), Some(1))
        );
        for args in [
            &["--ignore", "stray-artifact"][..],
            &["--select", "missing-section"][..],
        ] {
            let mut a = vec!["check", "--format", "json"];
            a.extend_from_slice(args);
            a.push(file);
            let d = findings(&json(&a));
            assert!(
                d.iter().all(|d| d["rule"] != "stray-artifact"),
                "{args:?}: {d:?}"
            );
        }
    }
}

#[test]
fn regression_full_format_printed_byte_columns() {
    let concise = stdout(&khlint(&["check", "--format", "concise", SEED]));
    let want: Vec<String> = concise
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix(SEED)?.strip_prefix(':')?;
            let mut it = rest.splitn(3, ':');
            Some(format!("{}:{}", it.next()?, it.next()?))
        })
        .collect();
    let full = stdout(&khlint(&["check", "--format", "full", SEED]));
    let got: Vec<String> = full
        .lines()
        .filter_map(|l| {
            let at = l.find(&format!("[{SEED}:"))?;
            let inner = &l[at + SEED.len() + 2..];
            Some(inner[..inner.find(']')?].to_string())
        })
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want, "full and concise agree on line:column");
    let json_cols: Vec<String> = findings(&json(&["check", "--format", "json", SEED]))
        .iter()
        .map(|d| format!("{}:{}", d["line"], d["column"]))
        .collect();
    assert_eq!(json_cols, want, "json agrees too");
    // The test means something only where bytes and characters differ: a finding after
    // accented letters on its line.
    let text = std::fs::read_to_string(SEED).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(want.iter().any(|w| {
        let (l, c) = w.split_once(':').unwrap();
        let line = lines[l.parse::<usize>().unwrap() - 1];
        let c: usize = c.parse().unwrap();
        line.chars().take(c - 1).map(char::len_utf8).sum::<usize>() != c - 1
    }));
}
