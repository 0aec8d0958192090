//! One folder of fixtures per rule (`fixtures/rules/<rule>/*.txt|md`), many cases each:
//! every finding of that rule, fully rendered in both languages, is an insta snapshot; then
//! every fix is applied and the rule is run again, and the fixed findings must be gone.
//! Review rules read their fixtures against `fixtures/review/bac-giang-2024.txt`.

use crate::common::khlint;
use crate::snapshots::rendered;
use khlint::rules::{RuleId, Scope};
use serde_json::Value;
use std::path::{Path, PathBuf};

const PROVINCE: &str = "fixtures/review/bac-giang-2024.txt";

fn cases(rule: RuleId) -> Vec<PathBuf> {
    let dir = Path::new("fixtures/rules").join(rule.name());
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    files.sort();
    files
}

fn args(rule: RuleId, file: &str) -> Vec<String> {
    let mut a: Vec<String> = match rule.scope() {
        Scope::Plan => vec!["check".into(), file.into()],
        Scope::Review => vec![
            "review".into(),
            file.into(),
            "--against".into(),
            PROVINCE.into(),
        ],
    };
    a.extend([
        "--select".into(),
        rule.name().into(),
        "--as-of".into(),
        "2026-11-25".into(),
    ]);
    a
}

fn findings(rule: RuleId, file: &str) -> Vec<Value> {
    let mut a = args(rule, file);
    a.extend(["--format".into(), "json".into()]);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let v: Value = serde_json::from_slice(&khlint(&a).stdout).unwrap();
    v["files"][0]["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn every_rule_has_fixtures_and_they_are_snapshotted() {
    let folders: Vec<String> = std::fs::read_dir("fixtures/rules")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for f in &folders {
        assert!(
            RuleId::from_name(f).is_some(),
            "fixtures/rules/{f} names no rule"
        );
    }
    let mut missing = Vec::new();
    for &rule in RuleId::ALL {
        let files = cases(rule);
        if files.is_empty() {
            missing.push(rule.name());
        }
        for file in files {
            let f = file.to_str().unwrap();
            let a = args(rule, f);
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            let text = rendered(&a);
            assert!(!text.is_empty(), "{f}: a fixture must show its rule firing");
            let name = file.file_stem().unwrap().to_string_lossy();
            insta::assert_snapshot!(format!("rule-{}-{name}", rule.name()), text);
        }
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}

#[test]
fn every_fix_makes_its_finding_go_away() {
    let scratch = std::env::temp_dir().join(format!("khlint-fixes-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    for &rule in RuleId::ALL {
        for file in cases(rule) {
            let f = file.to_str().unwrap();
            let before = findings(rule, f);
            let mut fixed: Vec<&Value> = before.iter().filter(|d| d["fix"].is_object()).collect();
            if fixed.is_empty() {
                continue;
            }
            // Last first, so earlier offsets hold; overlapping fixes keep the later one.
            fixed.sort_by_key(|d| std::cmp::Reverse(d["fix"]["span"]["start"].as_u64()));
            let mut text = std::fs::read_to_string(f).unwrap();
            let mut applied = Vec::new();
            let mut limit = usize::MAX;
            for d in fixed {
                let span = &d["fix"]["span"];
                let (s, e) = (
                    span["start"].as_u64().unwrap() as usize,
                    span["end"].as_u64().unwrap() as usize,
                );
                if e > limit {
                    continue;
                }
                text.replace_range(s..e, d["fix"]["replacement"].as_str().unwrap());
                limit = s;
                applied.push(d);
            }
            let out = scratch.join(file.file_name().unwrap());
            std::fs::write(&out, &text).unwrap();
            let after = findings(rule, out.to_str().unwrap());
            for d in applied {
                assert!(
                    !after
                        .iter()
                        .any(|a| a["facts"] == d["facts"] && a["line"] == d["line"]),
                    "{f}: the fix “{}” left {}",
                    d["fix"]["replacement"],
                    d["message"]
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
}
