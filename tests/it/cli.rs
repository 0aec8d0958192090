//! The binary as users run it: exit codes, output contracts, error messages.

use crate::common::khlint;
use crate::common::stdout;

use serde_json::Value;

#[test]
fn a_clean_plan_exits_zero_and_a_seed_exits_one() {
    let o = khlint(&["check", "fixtures/clean/yen-the-2024.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = khlint(&["check", "fixtures/plans/dak-rlap-2024.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("superseded-reference") || out.contains("placeholder"),
        "{out}"
    );
    assert!(out.contains("Tổng kết"), "{out}");
    // Snippets with the fix as help; long lines cut around the finding; no color off a TTY.
    assert!(out.contains("help: Sửa thành “chuyển đổi số”"), "{out}");
    assert!(out.contains("…y kinh tế nông thôn"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn json_output_follows_the_contract() {
    let o = khlint(&[
        "check",
        "--format",
        "json",
        "fixtures/plans/dak-rlap-2024.txt",
        "fixtures/bad/empty.txt",
    ]);
    assert_eq!(o.status.code(), Some(2), "a read error exits 2");
    let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let f = &files[0];
    assert_eq!(f["path"], "fixtures/plans/dak-rlap-2024.txt");
    assert!(f["error"].is_null());
    let d = &f["diagnostics"][0];
    for key in [
        "rule", "severity", "message", "line", "column", "span", "fix",
    ] {
        assert!(d.get(key).is_some(), "diagnostic has {key}: {d}");
    }
    assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
    assert!(d["span"]["start"].as_u64().unwrap() <= d["span"]["end"].as_u64().unwrap());
    assert!(files[1]["error"].as_str().unwrap().len() > 5);
    assert_eq!(v["summary"]["files_failed"], 1);
}

#[test]
fn unreadable_files_name_the_file_and_exit_two() {
    for f in [
        "fixtures/bad/empty.txt",
        "fixtures/bad/random.bin",
        "fixtures/bad/truncated.docx",
        "fixtures/bad/image-only.pdf",
        "fixtures/bad/legacy.doc",
        "fixtures/bad/zip-bomb.docx",
        "fixtures/bad/deep-nesting.docx",
        "fixtures/bad/encrypted.pdf",
        "fixtures/no-such-file.txt",
    ] {
        let o = khlint(&["extract", f]);
        assert_eq!(o.status.code(), Some(2), "{f}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(f), "{f}: {err}");
        assert!(!err.contains("panicked"), "{f}: {err}");
    }
    let o = khlint(&["extract", "fixtures/bad/image-only.pdf"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("OCR"));
}

#[test]
fn english_messages_on_request() {
    let o = khlint(&[
        "--lang",
        "en",
        "check",
        "--format",
        "json",
        "fixtures/plans/dak-rlap-2024.txt",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let msgs: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("The header lacks") || m.contains("blank")),
        "{msgs:?}"
    );
}

#[test]
fn rules_are_listed_and_explained() {
    let o = khlint(&["rules"]);
    let out = stdout(&o);
    assert_eq!(
        out.lines().count(),
        18 + 4,
        "check's catalogue then review's: {out}"
    );
    assert!(
        out.lines()
            .nth(18)
            .unwrap()
            .starts_with("parent-citation-mismatch"),
        "{out}"
    );
    let o = khlint(&["rule", "superseded-reference"]);
    let out = stdout(&o);
    assert!(
        out.contains("148/QĐ-TTg") && out.contains("replaced"),
        "{out}"
    );
    assert_eq!(khlint(&["rule", "no-such-rule"]).status.code(), Some(2));
    assert!(
        stdout(&khlint(&["rule", "target-below-allocation"])).contains("target-below-allocation")
    );
    assert_eq!(
        khlint(&[
            "check",
            "--select",
            "nope",
            "fixtures/clean/yen-the-2024.txt"
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn github_format_writes_annotations() {
    let o = khlint(&[
        "check",
        "--format",
        "github",
        "fixtures/plans/dak-rlap-2024.txt",
    ]);
    let out = stdout(&o);
    assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
    assert!(out.contains("::error file=fixtures/plans/dak-rlap-2024.txt,line="));
}

#[test]
fn config_discovery_ignores_rules_and_suppresses_findings() {
    let dir = std::env::temp_dir().join(format!("khlint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.txt");
    std::fs::copy("fixtures/plans/dak-rlap-2024.txt", &plan).unwrap();
    let o = khlint(&["check", "--format", "json", plan.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let all = v["files"][0]["diagnostics"].as_array().unwrap().clone();
    let first = &all[0];
    let toml = format!(
        "ignore = [\"misspelling\"]\n[[suppress]]\nrule = \"{}\"\nfingerprint = \"{}\"\nreason = \"checked by hand\"\n",
        first["rule"].as_str().unwrap(),
        first["fingerprint"].as_str().unwrap()
    );
    std::fs::write(dir.join("khlint.toml"), toml).unwrap();
    let o = khlint(&["check", "--format", "json", plan.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let now = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(now.iter().all(|d| d["rule"] != "misspelling"));
    assert!(now.iter().all(|d| d["fingerprint"] != first["fingerprint"]));
    assert!(now.len() < all.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn legacy_encodings_are_converted_and_noted() {
    let o = khlint(&[
        "check",
        "--format",
        "json",
        "fixtures/legacy/plan.tcvn3.txt",
        "fixtures/legacy/plan.vni.txt",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    for f in v["files"].as_array().unwrap() {
        assert!(f["error"].is_null(), "{f}");
        let first = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["severity"] == "info")
            .unwrap();
        assert_eq!(first["rule"], "stray-artifact");
        assert!(
            first["message"].as_str().unwrap().contains("bảng mã cũ"),
            "{first}"
        );
    }
}

/// Both PDF readers lead to the same findings on the fixture PDFs (line numbers aside:
/// the readers place blank lines differently).
#[test]
fn both_pdf_readers_give_the_same_findings() {
    let findings = |reader: &str, pdf: &str| -> Vec<(String, String)> {
        let o = khlint(&["check", "--format", "json", "--pdf-reader", reader, pdf]);
        assert_eq!(o.status.code(), Some(1), "{reader} {pdf}: {}", stdout(&o));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        let mut out: Vec<(String, String)> = v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let message = d["message"].as_str().unwrap();
                // "... ở dòng 337." names a line: keep the words only
                let words: String = message.chars().filter(|c| !c.is_ascii_digit()).collect();
                (d["rule"].as_str().unwrap().to_string(), words)
            })
            .collect();
        out.sort();
        out
    };
    let poppler = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success());
    for pdf in [
        "fixtures/pdf/dak-rlap-2024.pdf",
        "fixtures/pdf/lang-giang-2024.pdf",
    ] {
        let builtin = findings("builtin", pdf);
        assert!(
            builtin.iter().any(|(r, _)| r == "placeholder"),
            "{builtin:?}"
        );
        if poppler {
            assert_eq!(findings("poppler", pdf), builtin, "{pdf}");
            assert_eq!(findings("auto", pdf), builtin, "{pdf}");
        } else {
            let o = khlint(&["check", "--pdf-reader", "poppler", pdf]);
            assert_eq!(o.status.code(), Some(2));
            assert!(stdout(&o).contains("pdftotext"), "{}", stdout(&o));
        }
    }
}
