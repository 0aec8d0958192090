//! The seed plans and their clean counterparts. Every finding on the seeds, fully rendered,
//! is pinned by the snapshots (`snapshots.rs`); here, what must hold whatever the wording.

use std::process::Command;

fn findings(path: &str, extra: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_khlint"))
        .args(["check", "--format", "json"])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}\n",
                d["line"],
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn clean_plans_have_no_error_or_warning() {
    for plan in [
        "fixtures/clean/bac-giang-2024.txt",
        "fixtures/clean/yen-the-2024.txt",
        "fixtures/variants/quang-ninh-2023-wrapped.txt",
        "fixtures/variants/xa-hoa-binh-2025-co-so-phap-ly.txt",
    ] {
        assert_eq!(findings(plan, &[]), "", "{plan}");
    }
}

#[test]
fn the_reference_date_decides_what_is_superseded() {
    // Dated 10/01/2023, the Quảng Ninh plan may cite 1048/QĐ-TTg (replaced on 24/02/2023).
    let plan = "fixtures/variants/quang-ninh-2023-wrapped.txt";
    assert_eq!(findings(plan, &[]), "");
    let later = findings(plan, &["--as-of", "2023-03-01"]);
    assert!(later.contains("17 error superseded-reference"), "{later}");
    // Reviewed in 2026: the programme 2021-2025 has expired and the Sở has merged.
    let now = findings(plan, &["--as-of", "2026-01-15"]);
    assert!(
        now.contains("14 warning superseded-reference")
            || now.contains("14 error superseded-reference"),
        "{now}"
    );
    assert!(now.contains("defunct-agency"), "{now}");
}
