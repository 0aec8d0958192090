//! `khlint check DIR`: many files, some corrupt, in parallel, in a stable order.

use crate::common::khlint;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A temporary archive: good plans (some in sub-folders and a hidden folder) and the
/// corrupt files of fixtures/bad.
struct Archive(PathBuf);

impl Archive {
    fn new(tag: &str) -> Archive {
        let root = std::env::temp_dir().join(format!("khlint-batch-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let copy = |from: &str, to: &str| {
            let dest = root.join(to);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(from, dest).unwrap();
        };
        for (i, plan) in [
            "dak-rlap-2024.txt",
            "lang-giang-2024.txt",
            "ninh-thuan-2024.txt",
            "dak-doa-2022.md",
            "vinh-cuu-2020.md",
        ]
        .iter()
        .enumerate()
        {
            copy(&format!("fixtures/plans/{plan}"), &format!("good/{plan}"));
            copy(
                &format!("fixtures/plans/{plan}"),
                &format!("nam-{}/{i}-{plan}", 2020 + i),
            );
        }
        copy(
            "fixtures/docx/dak-rlap-2024.docx",
            "good/dak-rlap-2024.docx",
        );
        copy("fixtures/pdf/dak-rlap-2024.pdf", "good/dak-rlap-2024.pdf");
        copy("fixtures/clean/yen-the-2024.txt", ".hidden/yen-the.txt");
        for bad in [
            "empty.txt",
            "truncated.docx",
            "zip-bomb.docx",
            "deep-nesting.docx",
            "legacy.doc",
        ] {
            copy(&format!("fixtures/bad/{bad}"), &format!("bad/{bad}"));
        }
        Archive(root)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Archive {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).expect("valid JSON on stdout")
}

fn paths(v: &Value) -> Vec<String> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_salted_archive_reports_every_file_in_a_stable_order_and_exits_2() {
    let a = Archive::new("salted");
    let one = khlint(&["check", "--format", "json", "--jobs", "1", a.path()]);
    let many = khlint(&["check", "--format", "json", a.path()]);
    assert_eq!(one.status.code(), Some(2));
    assert_eq!(many.status.code(), Some(2));
    let (v1, vn) = (json(&one), json(&many));
    let files = paths(&v1);
    assert_eq!(files, paths(&vn), "same order whatever the parallelism");
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "sorted order");
    assert_eq!(files.len(), 12 + 5, "{files:?}");
    assert!(files.iter().all(|f| !f.contains(".hidden")));
    for f in v1["files"].as_array().unwrap() {
        let p = f["path"].as_str().unwrap();
        let bad = Path::new(p).parent().unwrap().ends_with("bad");
        assert_eq!(f["error"].is_string(), bad, "{p}: {}", f["error"]);
        if !bad {
            assert!(!f["diagnostics"].as_array().unwrap().is_empty(), "{p}");
        }
    }
    assert_eq!(v1["summary"]["files_failed"], 5);
    // the same diagnostics either way
    assert_eq!(v1["files"], vn["files"]);
    // the terminal format streams the same files in the same order
    let concise = khlint(&["check", "--format", "concise", "-j", "2", a.path()]);
    let text = String::from_utf8_lossy(&concise.stdout);
    let mut last = 0;
    for f in &files {
        let at = text
            .find(f.as_str())
            .unwrap_or_else(|| panic!("{f} reported"));
        assert!(at >= last, "{f} out of order");
        last = at;
    }
    assert!(text.contains("Tệp có nhiều lỗi nhất"), "{text}");
}

#[test]
fn globs_and_excludes_choose_the_files() {
    let a = Archive::new("globs");
    let o = khlint(&[
        "check",
        "--format",
        "json",
        "--glob",
        "*.md",
        "--exclude",
        "nam-2023",
        a.path(),
    ]);
    assert_eq!(o.status.code(), Some(1), "no read error among .md files");
    let files = paths(&json(&o));
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(files
        .iter()
        .all(|f| f.ends_with(".md") && !f.contains("nam-2023")));
    let o = khlint(&["check", "--glob", "a{", a.path()]);
    assert_eq!(o.status.code(), Some(2), "a bad glob is a usage error");
}

#[test]
fn summaries_in_csv_and_json_never_touch_stdout() {
    let a = Archive::new("summary");
    let o = khlint(&[
        "check",
        "--format",
        "json",
        "--summary-format",
        "csv",
        a.path(),
    ]);
    json(&o);
    let csv = String::from_utf8(o.stderr).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], ["section", "key", "count"]);
    assert!(rows.iter().all(|r| r.len() == 3), "{csv}");
    assert!(rows.contains(&vec!["total", "files", "17"]), "{csv}");
    assert!(rows.contains(&vec!["total", "files_failed", "5"]), "{csv}");
    assert!(rows.contains(&vec!["failed", "not-a-zip", "1"]), "{csv}");
    assert!(rows.contains(&vec!["failed", "legacy-doc", "1"]), "{csv}");
    assert!(rows.iter().any(|r| r[0] == "top_errors"), "{csv}");

    let out = a.0.join("summary.json");
    let o = khlint(&[
        "check",
        "--format",
        "sarif",
        "--summary-format",
        "json",
        "--summary-file",
        out.to_str().unwrap(),
        a.path(),
    ]);
    json(&o);
    assert_eq!(o.status.code(), Some(2));
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(s["schema_version"], "1");
    assert_eq!(s["files"], 17);
    assert_eq!(s["files_failed"], 5);
    assert_eq!(s["failed_by_kind"]["part-too-large"], 1);
    assert!(s["by_rule"].as_object().unwrap().len() > 3);
    let top = s["top_files"].as_array().unwrap();
    assert!(!top.is_empty() && top.len() <= 10);
    let errors: Vec<u64> = top.iter().map(|f| f["errors"].as_u64().unwrap()).collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");
}
