//! What a file is decides what is checked: plans get every rule, other documents are
//! counted and skipped (or get the rules every document shares with --all-documents), an
//! article is not a document, and a decision that issues a plan has that plan read on its
//! own, with its findings placed in the file.

use crate::common::{khlint, stdout};
use serde_json::Value;

const QD: &str = "fixtures/types/quyet-dinh.md";
const CV: &str = "fixtures/types/cong-van.md";
const QD_KH: &str = "fixtures/types/quyet-dinh-ban-hanh-ke-hoach.md";
const ARTICLE: &str = "fixtures/types/bai-viet-hoi-dap.md";
const PLAN: &str = "fixtures/plans/dak-rlap-2024.txt";

fn json(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json", "--no-progress", "--exit-zero"];
    all.extend_from_slice(args);
    serde_json::from_slice(&khlint(&all).stdout).expect("JSON output")
}

fn file<'a>(v: &'a Value, path: &str) -> &'a Value {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} in the output"))
}

#[test]
fn other_types_are_counted_and_skipped_and_an_article_is_not_a_document() {
    let v = json(&[PLAN, QD, CV, ARTICLE]);
    let plan = file(&v, PLAN);
    assert_eq!(plan["document_type"]["name"], "Kế hoạch");
    assert!(plan["skipped"].is_null());
    assert!(!plan["diagnostics"].as_array().unwrap().is_empty());
    for (path, name, evidence) in [(QD, "Quyết định", "heading"), (CV, "Công văn", "subject")]
    {
        let f = file(&v, path);
        assert_eq!(f["document_type"]["name"], name, "{path}");
        assert_eq!(f["document_type"]["evidence"], evidence, "{path}");
        assert_eq!(f["skipped"]["reason"], "not-a-plan", "{path}");
        assert!(f["diagnostics"].as_array().unwrap().is_empty(), "{path}");
    }
    let a = file(&v, ARTICLE);
    assert_eq!(a["document_type"]["is_document"], false);
    assert_eq!(a["skipped"]["reason"], "not-a-document");
    assert!(a["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(v["summary"]["files_skipped"], 3);
    assert_eq!(v["summary"]["by_type"]["Quyết định"], 1);
    assert_eq!(v["summary"]["by_type"]["not-a-document"], 1);
}

#[test]
fn the_notes_say_what_was_skipped_in_both_languages() {
    let o = khlint(&["check", "--format", "concise", "--no-progress", QD, ARTICLE]);
    assert_eq!(o.status.code(), Some(0), "a skipped file passes");
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "{QD}: ghi chú: Quyết định, không phải kế hoạch: không kiểm tra."
        )),
        "{out}"
    );
    assert!(out.contains("--all-documents"), "{out}");
    assert!(
        out.contains(&format!(
            "{ARTICLE}: ghi chú: không phải văn bản hành chính"
        )),
        "{out}"
    );
    assert!(
        out.contains("2 tệp không kiểm tra (không phải kế hoạch)"),
        "{out}"
    );
    let o = khlint(&[
        "--lang",
        "en",
        "check",
        "--format",
        "concise",
        "--no-progress",
        QD,
    ]);
    assert!(stdout(&o).contains("Quyết định (not a plan): not checked."));
}

#[test]
fn all_documents_applies_only_the_rules_every_document_shares() {
    let v = json(&["--all-documents", QD, CV, ARTICLE]);
    for path in [QD, CV] {
        let f = file(&v, path);
        assert!(f["skipped"].is_null(), "{path}");
        for d in f["diagnostics"].as_array().unwrap() {
            let rule = d["rule"].as_str().unwrap();
            assert!(
                !matches!(
                    rule,
                    "missing-section"
                        | "missing-legal-basis"
                        | "heading-numbering"
                        | "timeline-out-of-period"
                        | "count-mismatch"
                        | "duplicate-text"
                ),
                "{path}: a plan rule ran: {d}"
            );
            // A decision or letter is not told it lacks "KẾ HOẠCH" or a UBND issuer.
            let m = d["message"].as_str().unwrap();
            assert!(
                !m.contains("KẾ HOẠCH") && !m.contains("ỦY BAN NHÂN DÂN / HUYỆN"),
                "{m}"
            );
        }
    }
    // Still not a document.
    assert_eq!(file(&v, ARTICLE)["skipped"]["reason"], "not-a-document");
    // The shared rules do run: a blank number in a decision is a placeholder.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                Số: /QĐ-UBND\nLai Châu, ngày 19 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\n\
                Căn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\nĐiều 1. Thành lập Tổ công tác.\n";
    let dir = std::env::temp_dir().join(format!("khlint-types-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("qd.txt");
    std::fs::write(&p, text).unwrap();
    let p = p.to_str().unwrap();
    let rules = |v: &Value| -> Vec<String> {
        file(v, p)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(rules(&json(&[p])).is_empty());
    assert!(rules(&json(&["--all-documents", p])).contains(&"placeholder".to_string()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_decision_that_issues_a_plan_has_the_plan_read_and_every_finding_placed_in_the_file() {
    let v = json(&[QD_KH]);
    let f = file(&v, QD_KH);
    let t = &f["document_type"];
    assert_eq!(t["name"], "Quyết định");
    assert_eq!(t["attached"], "Kế hoạch");
    assert_eq!(t["carries_plan"], true);
    assert!(f["skipped"].is_null());
    let d = f["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = d.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    // The plan rules read the plan (its sections are after the decision's closing)...
    assert!(rules.contains(&"missing-section"), "{rules:?}");
    // ...but not its legal bases, which are the decision's.
    assert!(!rules.contains(&"missing-legal-basis"), "{rules:?}");
    // The decision, issued by the Prime Minister, is not told it lacks a UBND issuer.
    assert!(!rules.contains(&"missing-header-field"), "{rules:?}");
    // Every finding of the plan read on its own points at its text in the whole file.
    let text = std::fs::read_to_string(QD_KH).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let plan_line = t["attached_location"]["line"].as_u64().unwrap() as usize;
    let mut in_plan = 0;
    for x in d {
        let (s, e) = (
            x["span"]["start"].as_u64().unwrap() as usize,
            x["span"]["end"].as_u64().unwrap() as usize,
        );
        let line = x["line"].as_u64().unwrap() as usize;
        let col = x["column"].as_u64().unwrap() as usize;
        let at: String = lines[line - 1].chars().skip(col - 1).collect();
        assert!(
            at.starts_with(text[s..e].split('\n').next().unwrap()),
            "{x}"
        );
        in_plan += usize::from(line >= plan_line);
    }
    assert!(in_plan >= 2, "findings in the attached plan: {in_plan}");
    // Sorted by place.
    let starts: Vec<u64> = d
        .iter()
        .map(|x| x["span"]["start"].as_u64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
}

#[test]
fn sarif_and_extract_tell_the_type_too() {
    let o = khlint(&["check", "--format", "sarif", "--no-progress", QD]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let notes = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["level"] == "note"
                && n["message"]["text"]
                    .as_str()
                    .unwrap()
                    .contains("không phải kế hoạch")),
        "{notes}"
    );
    let o = khlint(&["extract", "--format", "json", CV]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["document_type"]["name"], "Công văn");
    assert_eq!(v["header"]["number"], "5680/CT-CS");
}
