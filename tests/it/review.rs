//! `khlint review`: the fixtures in fixtures/review (a province plan with an allocation
//! table in Phụ lục I, one clean district plan, two with different mismatches), through
//! the binary as users run it.

use crate::common::khlint;
use crate::common::stdout;

use serde_json::Value;

const PROVINCE: &str = "fixtures/review/bac-giang-2024.txt";
const CLEAN: &str = "fixtures/review/districts/lang-giang-2024.txt";
/// Wrong parent number, target below the allocation, missing 4-star target.
const TAN_YEN: &str = "fixtures/review/districts/tan-yen-2024.txt";
/// Wrong parent date, issued late, later deadlines, communication task missing.
const LUC_NAM: &str = "fixtures/review/districts/luc-nam-2024.txt";
const CROSS_RULES: [&str; 4] = [
    "parent-citation-mismatch",
    "target-below-allocation",
    "deadline-after-parent",
    "parent-task-not-covered",
];

fn review_json(path: &str) -> (Option<i32>, Value) {
    let o = khlint(&["review", path, "--against", PROVINCE, "--format", "json"]);
    let v = serde_json::from_slice(&o.stdout).expect("valid JSON");
    (o.status.code(), v)
}

/// Rule names of the findings of the first file.
fn rules(v: &Value) -> Vec<String> {
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn messages(v: &Value, rule: &str) -> Vec<String> {
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_fixtures_pass_check() {
    for f in [PROVINCE, CLEAN, TAN_YEN, LUC_NAM] {
        let o = khlint(&["check", "--format", "concise", f]);
        assert_eq!(o.status.code(), Some(0), "{f}: {}", stdout(&o));
    }
}

#[test]
fn the_clean_plan_passes_review() {
    let (code, v) = review_json(CLEAN);
    assert_eq!(code, Some(0), "{v}");
    assert!(rules(&v).is_empty(), "{v}");
    assert_eq!(v["review"]["plans"][0]["pass"], true);
    assert_eq!(v["review"]["plans"][0]["district"], "huyện Lạng Giang");
}

#[test]
fn tan_yen_wrong_number_and_low_targets() {
    let (code, v) = review_json(TAN_YEN);
    assert_eq!(code, Some(1));
    let r = rules(&v);
    assert_eq!(
        r.iter()
            .filter(|r| *r == "parent-citation-mismatch")
            .count(),
        1
    );
    assert_eq!(
        r.iter().filter(|r| *r == "target-below-allocation").count(),
        2
    );
    assert!(!r
        .iter()
        .any(|r| r == "deadline-after-parent" || r == "parent-task-not-covered"));
    let m = messages(&v, "parent-citation-mismatch");
    assert!(
        m[0].contains("41/KH-UBND") && m[0].contains("14/KH-UBND"),
        "{m:?}"
    );
    let d = &v["files"][0]["diagnostics"];
    let fix = d
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "parent-citation-mismatch")
        .unwrap()["fix"]
        .clone();
    assert_eq!(fix["replacement"], "14/KH-UBND");
    let m = messages(&v, "target-below-allocation").join("\n");
    assert!(m.contains("huyện Tân Yên"), "{m}");
    assert!(
        m.contains("là 6") && m.contains("chỉ đặt mục tiêu 4"),
        "{m}"
    );
    assert!(
        m.contains("sản phẩm 4 sao") && m.contains("không có mục tiêu tương ứng"),
        "{m}"
    );
}

#[test]
fn luc_nam_wrong_date_late_deadlines_and_missing_task() {
    let (code, v) = review_json(LUC_NAM);
    assert_eq!(code, Some(1));
    let r = rules(&v);
    assert!(!r.iter().any(|r| r == "target-below-allocation"), "{r:?}");
    let m = messages(&v, "parent-citation-mismatch");
    assert_eq!(m.len(), 1);
    assert!(
        m[0].contains("16/02/2024") && m[0].contains("06/02/2024"),
        "{m:?}"
    );
    let m = messages(&v, "deadline-after-parent");
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(
        m.iter()
            .any(|m| m.contains("ban hành ngày 20/03/2024, muộn 5 ngày")),
        "{m:?}"
    );
    assert!(m.iter().any(|m| m.contains("Quý III/2024")), "{m:?}");
    assert!(m.iter().any(|m| m.contains("30/11/2024")), "{m:?}");
    let m = messages(&v, "parent-task-not-covered");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("tuyên truyền"), "{m:?}");
}

#[test]
fn english_messages_on_request() {
    let o = khlint(&[
        "--lang",
        "en",
        "review",
        LUC_NAM,
        "--against",
        PROVINCE,
        "--format",
        "concise",
    ]);
    let out = stdout(&o);
    assert!(out.contains("the district plan has no task about"), "{out}");
    assert!(out.contains("the dates differ"), "{out}");
}

#[test]
fn terminal_format_shows_snippets_and_summary() {
    let o = khlint(&["review", TAN_YEN, "--against", PROVINCE]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("parent-citation-mismatch"), "{out}");
    assert!(out.contains("Tổng kết: 1 tệp"), "{out}");
    let o = khlint(&["review", TAN_YEN, "--against", PROVINCE, "--exit-zero"]);
    assert_eq!(o.status.code(), Some(0));
    let o = khlint(&["review", TAN_YEN, "--against", "fixtures/bad/empty.txt"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unreadable province plan exits 2"
    );
}

#[test]
fn batch_review_writes_one_summary_table() {
    let o = khlint(&[
        "review",
        "fixtures/review/districts",
        "--against",
        PROVINCE,
        "--format",
        "concise",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Huyện"))
        .take(4)
        .collect();
    assert_eq!(table.len(), 4, "{out}");
    for r in CROSS_RULES {
        assert!(table[0].contains(r), "{}", table[0]);
    }
    assert!(table[1].starts_with("huyện Lạng Giang") && table[1].contains("ĐẠT"));
    assert!(table[2].starts_with("huyện Lục Nam") && table[2].contains("KHÔNG ĐẠT"));
    assert!(table[3].starts_with("huyện Tân Yên") && table[3].contains("KHÔNG ĐẠT"));

    let o = khlint(&[
        "review",
        "fixtures/review/districts",
        "--against",
        PROVINCE,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 3);
    assert_eq!(v["summary"]["files"], 3);
    let plans = v["review"]["plans"].as_array().unwrap();
    let pass: Vec<bool> = plans.iter().map(|p| p["pass"].as_bool().unwrap()).collect();
    assert_eq!(pass, [true, false, false]);
    assert_eq!(plans[2]["cross_rules"]["target-below-allocation"], 2);
    assert_eq!(plans[1]["cross_rules"]["deadline-after-parent"], 3);
}

#[test]
fn the_province_plan_in_the_folder_is_not_reviewed_against_itself() {
    let o = khlint(&[
        "review",
        "fixtures/review",
        "--against",
        PROVINCE,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        !paths.iter().any(|p| p.ends_with("bac-giang-2024.txt")),
        "{paths:?}"
    );
    assert_eq!(paths.len(), 4);
}

#[test]
fn html_report_is_self_contained_and_escaped() {
    let out = std::env::temp_dir().join(format!("khlint-review-{}.html", std::process::id()));
    let o = khlint(&[
        "review",
        "fixtures/review/hostile/hiep-hoa-2024.txt",
        "--against",
        PROVINCE,
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"vi\">"));
    for banned in [
        "<script",
        "<img",
        "<link",
        "src=\"http",
        "href=\"http",
        "@import",
    ] {
        assert!(!html.contains(banned), "report contains {banned}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    for part in [
        "Tóm tắt",
        "Các phát hiện",
        "Căn cứ pháp lý",
        "Còn hiệu lực",
        "Mục tiêu của huyện so với chỉ tiêu tỉnh giao",
        "Thấp hơn chỉ tiêu",
        "Phân công nhiệm vụ theo cơ quan",
        "Tiến độ theo tháng",
        "Toàn văn Kế hoạch",
        "@page{size:A4",
        "<mark id=\"d0-f0\"",
        "href=\"#d0-f0\"",
    ] {
        assert!(html.contains(part), "report has {part}");
    }
}

#[test]
fn batch_html_links_every_district() {
    let o = khlint(&[
        "review",
        "fixtures/review/districts",
        "--against",
        PROVINCE,
        "--format",
        "html",
    ]);
    let html = stdout(&o);
    assert!(html.contains("Tổng hợp các Kế hoạch"));
    for k in 0..3 {
        assert!(html.contains(&format!("href=\"#d{k}\"")));
        assert!(html.contains(&format!("id=\"d{k}\"")));
    }
    assert_eq!(
        html.matches("<span class=\"badge pass\">ĐẠT</span>")
            .count(),
        2
    );
}
