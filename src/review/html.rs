//! `khlint review --format html`: one self-contained HTML report (inline CSS, no script, no
//! network), in Vietnamese, printable on A4. Every text that comes from a document goes
//! through [`esc`].

use crate::i18n::{dmy, number as num, Lang};
use crate::model::Plan;
use crate::model::{AgencyRole, CitationRole};
use crate::registry::{DocumentStatus, Registry};
use crate::review::Review;
use crate::rules::review::analysis::Analysis;
use crate::rules::{Diagnostic, Severity};
use crate::rules::{ReferenceDate, RuleId, Scope};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// What the report shows.
pub struct Input<'a> {
    pub reviews: &'a [Review],
    pub province: &'a Plan,
    /// The province plan's path, as given.
    pub against: &'a str,
    pub registry: &'a Registry,
    pub review_date: NaiveDate,
    pub as_of: Option<NaiveDate>,
    pub fail_on: Severity,
}

/// HTML-escapes text for element content and quoted attribute values, and shows bidi
/// and other control characters visibly.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // bidi overrides would reorder the report's words; controls are shown
            c if crate::source::is_active_control(c) => {
                out.push_str(&esc(&crate::source::visible_control(c)))
            }
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root{--err:#b3261e;--warn:#a15c00;--info:#1f5fa8;--ok:#1b7a3a;--line:#d0d4da;--bg:#f6f7f9}
*{box-sizing:border-box}
body{font-family:"Times New Roman",Georgia,serif;margin:0 auto;max-width:1180px;padding:16px 24px;color:#1b1b1f;line-height:1.45}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid #333;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.95rem}
th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}
th{background:var(--bg)}
.meta{color:#444;margin:.2rem 0}
.badge{display:inline-block;padding:3px 12px;border-radius:12px;color:#fff;font-weight:bold}
.badge.pass{background:var(--ok)}.badge.fail{background:var(--err)}
.counts span{display:inline-block;margin-right:1rem}
.sev-error{color:var(--err);font-weight:bold}.sev-warning{color:var(--warn);font-weight:bold}.sev-info{color:var(--info)}
.ok{color:var(--ok);font-weight:bold}.bad{color:var(--err);font-weight:bold}
pre.plan{white-space:pre-wrap;word-wrap:break-word;font-family:"DejaVu Sans Mono",monospace;font-size:.82rem;background:var(--bg);border:1px solid var(--line);padding:10px}
mark{padding:0 1px;border-bottom:2px solid}
mark.error{background:#fbd5d2;border-color:var(--err)}mark.warning{background:#ffe7b8;border-color:var(--warn)}mark.info{background:#d6e6fb;border-color:var(--info)}
mark:target{outline:3px solid #000}
sup a{font-size:.7rem;text-decoration:none}
tr:target{background:#fff6c9}
code{font-family:"DejaVu Sans Mono",monospace;font-size:.85em}
.chart{border:1px solid var(--line);margin:.4rem 0 1rem;font-size:.8rem}
.tl{display:grid;grid-template-columns:17rem repeat(12,1fr);border-bottom:1px solid #eceef1;align-items:center;min-height:1.6rem}
.tl>.lbl{padding:2px 6px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;grid-column:1}
.tl.head{background:var(--bg);font-weight:bold}.tl.head>div{text-align:center}
.bar{height:1.1rem;border-radius:3px;color:#fff;font-size:.7rem;padding:0 4px;white-space:nowrap;overflow:hidden;grid-row:1}
.bar.tinh{background:#41607f}.bar.huyen{background:var(--ok)}.bar.tre{background:var(--err)}
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:1rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;padding:0;font-size:10pt}section.review{break-before:page}section.review:first-of-type{break-before:auto}
tr,.tl{break-inside:avoid}h2,h3{break-after:avoid}a{color:inherit;text-decoration:none}
pre.plan{font-size:8pt;background:none}mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}.bar{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.tl{grid-template-columns:12rem repeat(12,1fr)}}
"#;

fn sev_vi(s: Severity) -> &'static str {
    s.label(crate::i18n::Lang::Vi)
}

pub fn render(input: &Input) -> String {
    let mut o = String::new();
    let p = &input.province.model.header;
    let title = "Báo cáo rà soát Kế hoạch";
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n"
    );
    let province_ref = input
        .reviews
        .iter()
        .find_map(|r| r.analysis.as_ref().map(|a| a.province_ref.clone()))
        .unwrap_or_else(|| p.number.clone().unwrap_or_default());
    let _ = write!(
        o,
        "<p class=\"meta\">Đối chiếu với: <b>{}</b>{} (<code>{}</code>)</p>\n<p class=\"meta\">Ngày lập báo cáo: {}{}</p>\n</header>\n",
        esc(&province_ref),
        p.title
            .as_deref()
            .map(|t| format!(" — {}", esc(t)))
            .unwrap_or_default(),
        esc(input.against),
        dmy(input.review_date),
        input
            .as_of
            .map(|d| format!("; đánh giá tại ngày {}", dmy(d)))
            .unwrap_or_default()
    );
    if input.reviews.len() > 1 {
        batch_table(&mut o, input);
    }
    for (k, rv) in input.reviews.iter().enumerate() {
        review_section(&mut o, input, k, rv);
    }
    o.push_str("</body>\n</html>\n");
    o
}

fn district_label(rv: &Review) -> String {
    rv.district()
        .unwrap_or_else(|| "Không rõ huyện".to_string())
}

fn badge(pass: bool) -> &'static str {
    if pass {
        "<span class=\"badge pass\">ĐẠT</span>"
    } else {
        "<span class=\"badge fail\">KHÔNG ĐẠT</span>"
    }
}

fn batch_table(o: &mut String, input: &Input) {
    o.push_str("<section id=\"tong-hop\">\n<h2>Tổng hợp các Kế hoạch</h2>\n<table>\n<thead><tr><th>Huyện</th><th>Tệp</th><th>Kết quả</th>");
    for r in RuleId::of_scope(Scope::Review) {
        let _ = write!(
            o,
            "<th>{}<br><code>{}</code></th>",
            esc(&r.meta().summary_vi),
            r.name()
        );
    }
    o.push_str("<th>Lỗi/cảnh báo của chính Kế hoạch</th></tr></thead>\n<tbody>\n");
    for (k, rv) in input.reviews.iter().enumerate() {
        let r = &rv.report;
        let _ = write!(
            o,
            "<tr><td><a href=\"#d{k}\">{}</a></td><td><code>{}</code></td><td>{}</td>",
            esc(&district_label(rv)),
            esc(&r.path),
            if r.error.is_some() {
                "<span class=\"badge fail\">KHÔNG ĐỌC ĐƯỢC</span>"
            } else {
                badge(r.passes(input.fail_on))
            }
        );
        for x in RuleId::of_scope(Scope::Review) {
            let _ = write!(o, "<td>{}</td>", r.count_rule(x));
        }
        let _ = writeln!(o, "<td>{}</td></tr>", r.plan_rule_count());
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

fn review_section(o: &mut String, input: &Input, k: usize, rv: &Review) {
    let r = &rv.report;
    let _ = write!(
        o,
        "<section class=\"review\" id=\"d{k}\">\n<h2>{} — <code>{}</code></h2>\n",
        esc(&district_label(rv)),
        esc(&r.path)
    );
    if let Some(e) = &r.error {
        let _ = write!(
            o,
            "<p>{}</p><p class=\"bad\">Không đọc được tệp: {}</p>\n</section>\n",
            badge(false),
            esc(e)
        );
        return;
    }
    let (Some(plan), Some(analysis)) = (r.plan.as_ref(), rv.analysis.as_ref()) else {
        o.push_str("</section>\n");
        return;
    };
    let h = &plan.model.header;
    let _ = writeln!(
        o,
        "<p class=\"meta\">{} {} {}{}</p>",
        esc(h.issuer.as_deref().unwrap_or("")),
        h.number
            .as_deref()
            .map(|n| format!("— Số {}", esc(n)))
            .unwrap_or_default(),
        h.date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| format!("ngày {}", dmy(d)))
            .unwrap_or_default(),
        h.title
            .as_deref()
            .map(|t| format!(": {}", esc(t)))
            .unwrap_or_default()
    );
    let _ = write!(
        o,
        "<h3>Tóm tắt</h3>\n<p>{} <span class=\"counts\"><span class=\"sev-error\">{} lỗi</span><span class=\"sev-warning\">{} cảnh báo</span><span class=\"sev-info\">{} thông tin</span></span></p>\n",
        badge(r.passes(input.fail_on)),
        r.count(Severity::Error),
        r.count(Severity::Warning),
        r.count(Severity::Info)
    );
    findings(o, k, &r.diagnostics);
    legal_bases(o, input, plan);
    targets(o, plan, analysis);
    assignments(o, plan);
    chart(o, input, plan, analysis, &r.diagnostics);
    o.push_str("<h3>Toàn văn Kế hoạch (các phát hiện được tô màu)</h3>\n");
    plan_text(o, k, plan, &r.diagnostics);
    o.push_str("</section>\n");
}

fn findings(o: &mut String, k: usize, ds: &[Diagnostic]) {
    o.push_str("<h3>Các phát hiện</h3>\n");
    if ds.is_empty() {
        o.push_str("<p class=\"ok\">Không có phát hiện nào.</p>\n");
        return;
    }
    o.push_str("<table class=\"findings\">\n<thead><tr><th>#</th><th>Mức</th><th>Quy tắc</th><th>Dòng</th><th>Nội dung</th><th>Gợi ý sửa</th></tr></thead>\n<tbody>\n");
    for (n, d) in ds.iter().enumerate() {
        let _ = writeln!(
            o,
            "<tr id=\"d{k}-r{n}\"><td><a href=\"#d{k}-f{n}\">{}</a></td><td class=\"sev-{}\">{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            n + 1,
            d.severity.name(),
            sev_vi(d.severity),
            d.rule(),
            d.line,
            esc(&d.message(Lang::Vi)),
            d.fix
                .as_ref()
                .zip(d.fix_title(Lang::Vi))
                .map(|(f, title)| format!("{}: “{}”", esc(&title), esc(f.replacement.trim())))
                .unwrap_or_default()
        );
    }
    o.push_str("</tbody>\n</table>\n");
}

fn status_text(registry: &Registry, number: &str, at: NaiveDate) -> (String, &'static str) {
    match registry.document_status(number, at) {
        None => ("Không có trong danh mục".to_string(), ""),
        Some(DocumentStatus::InForce) => ("Còn hiệu lực".to_string(), "ok"),
        Some(DocumentStatus::Replaced { by, on }) => (
            format!("Đã được thay thế bởi {} từ {}", esc(&by), dmy(on)),
            "bad",
        ),
        Some(DocumentStatus::Expired { on, successor }) => (
            format!(
                "Hết hiệu lực từ {}{}",
                dmy(on + chrono::Days::new(1)),
                successor
                    .map(|s| format!("; kế tiếp: {}", esc(&s)))
                    .unwrap_or_default()
            ),
            "bad",
        ),
        Some(DocumentStatus::Amended { by, on }) => (
            format!("Còn hiệu lực, được sửa đổi bởi {} từ {}", esc(&by), dmy(on)),
            "",
        ),
    }
}

fn legal_bases(o: &mut String, input: &Input, plan: &Plan) {
    let at = input
        .as_of
        .unwrap_or_else(|| ReferenceDate::for_plan(plan, input.review_date).latest);
    let _ = writeln!(
        o,
        "<h3>Căn cứ pháp lý và văn bản viện dẫn</h3>\n<p class=\"meta\">Tình trạng theo danh mục văn bản của khlint tại ngày {}.</p>",
        dmy(at)
    );
    let cites: Vec<_> = plan
        .model
        .citations
        .iter()
        .filter(|c| c.role != CitationRole::Related)
        .collect();
    if cites.is_empty() {
        o.push_str("<p class=\"bad\">Kế hoạch không viện dẫn văn bản nào.</p>\n");
        return;
    }
    o.push_str("<table>\n<thead><tr><th>Văn bản</th><th>Ngày</th><th>Cơ quan ban hành</th><th>Vai trò</th><th>Tình trạng</th></tr></thead>\n<tbody>\n");
    let parent = input.province.model.header.number.as_deref();
    for c in cites {
        let (status, class) = if parent == Some(c.number.as_str()) {
            match (&c.date, &input.province.model.header.date) {
                (Some(a), Some(b)) if a != b => (
                    format!(
                        "Kế hoạch của tỉnh, nhưng sai ngày (đúng: {})",
                        NaiveDate::parse_from_str(b, "%Y-%m-%d")
                            .map(dmy)
                            .unwrap_or_default()
                    ),
                    "bad",
                ),
                _ => ("Kế hoạch của tỉnh được đối chiếu".to_string(), "ok"),
            }
        } else {
            status_text(input.registry, &c.number, at)
        };
        let _ = writeln!(
            o,
            "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{class}\">{status}</td></tr>",
            esc(&c.kind),
            esc(&c.number),
            c.date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(dmy)
                .unwrap_or_default(),
            esc(c.issuer.as_deref().unwrap_or("")),
            match c.role {
                CitationRole::LegalBasis => "Căn cứ",
                _ => "Viện dẫn trong nội dung",
            }
        );
    }
    o.push_str("</tbody>\n</table>\n");
}

fn targets(o: &mut String, plan: &Plan, analysis: &Analysis) {
    o.push_str("<h3>Mục tiêu của huyện so với chỉ tiêu tỉnh giao</h3>\n");
    let checks = analysis.compare(plan);
    if checks.is_empty() {
        o.push_str(
            "<p class=\"meta\">Kế hoạch tỉnh không giao chỉ tiêu riêng cho huyện này.</p>\n",
        );
    } else {
        o.push_str("<table>\n<thead><tr><th>Chỉ tiêu tỉnh giao</th><th>Số lượng</th><th>Nguồn (Kế hoạch tỉnh)</th><th>Mục tiêu của huyện</th><th>Đánh giá</th></tr></thead>\n<tbody>\n");
        for c in &checks {
            let a = &c.allocation;
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{} của bảng (dòng {} của tệp)</td><td>{}</td><td>{}</td></tr>",
                esc(&a.what),
                num(a.value),
                esc(&a.source),
                a.line,
                c.target
                    .map(|(t, _)| format!("{} (dòng {})", esc(&t.text), t.location.line))
                    .unwrap_or_else(|| "<i>Không có</i>".to_string()),
                if c.met() {
                    "<span class=\"ok\">Đạt</span>"
                } else if c.target.is_some() {
                    "<span class=\"bad\">Thấp hơn chỉ tiêu</span>"
                } else {
                    "<span class=\"bad\">Thiếu mục tiêu</span>"
                }
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    if !plan.model.targets.is_empty() {
        o.push_str("<table>\n<thead><tr><th>Các mục tiêu của huyện</th><th>Câu</th><th>Dòng</th></tr></thead>\n<tbody>\n");
        for t in &plan.model.targets {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&t.text),
                esc(&t.context),
                t.location.line
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
}

fn role_vi(r: AgencyRole) -> &'static str {
    match r {
        AgencyRole::Lead => "Chủ trì",
        AgencyRole::Support => "Phối hợp",
        AgencyRole::Standing => "Thường trực",
        AgencyRole::Advise => "Tham mưu",
        AgencyRole::Responsible => "Thực hiện",
    }
}

fn assignments(o: &mut String, plan: &Plan) {
    o.push_str("<h3>Phân công nhiệm vụ theo cơ quan</h3>\n");
    if plan.model.assignments.is_empty() {
        o.push_str("<p class=\"meta\">Không tìm thấy phân công nhiệm vụ.</p>\n");
        return;
    }
    o.push_str("<table>\n<thead><tr><th>Cơ quan, đơn vị</th><th>Vai trò</th><th>Nhiệm vụ</th></tr></thead>\n<tbody>\n");
    let mut list: Vec<_> = plan.model.assignments.iter().collect();
    list.sort_by(|a, b| a.normalized.cmp(&b.normalized));
    for a in list {
        let tasks: String = a
            .tasks
            .iter()
            .map(|t| format!("<li>{}</li>", esc(t)))
            .collect();
        let _ = writeln!(
            o,
            "<tr><td>{} <span class=\"meta\">(dòng {})</span></td><td>{}</td><td><ul>{tasks}</ul></td></tr>",
            esc(&a.agency),
            a.location.line,
            role_vi(a.role)
        );
    }
    o.push_str("</tbody>\n</table>\n");
}

/// One bar of the chart, over months `from..=to` of the chart's year.
fn bar(o: &mut String, label: &str, class: &str, from: u32, to: u32, text: &str) {
    let _ = writeln!(
        o,
        "<div class=\"tl\"><div class=\"lbl\" title=\"{}\">{}</div><div class=\"bar {class}\" style=\"grid-column:{}/{}\">{}</div></div>",
        esc(label),
        esc(label),
        from + 1,
        to + 2,
        esc(text)
    );
}

fn chart(o: &mut String, input: &Input, plan: &Plan, analysis: &Analysis, ds: &[Diagnostic]) {
    let h = &plan.model.header;
    let Some(year) =
        h.year
            .or(h.date_parts.and_then(|d| d.year))
            .or(input.province.model.header.year)
    else {
        return;
    };
    let month = |d: NaiveDate, fallback: u32| {
        if d.year() < year {
            1
        } else if d.year() > year {
            fallback
        } else {
            d.month()
        }
    };
    let _ = writeln!(
        o,
        "<h3>Tiến độ theo tháng năm {year}</h3>\n<p class=\"legend\"><span><i class=\"bar tinh\"></i>Thời hạn tỉnh giao các huyện</span><span><i class=\"bar huyen\"></i>Thời hạn của huyện</span><span><i class=\"bar tre\"></i>Muộn hơn thời hạn của tỉnh</span></p>\n<div class=\"chart\">"
    );
    o.push_str("<div class=\"tl head\"><div class=\"lbl\">Nhiệm vụ</div>");
    for m in 1..=12 {
        let _ = write!(o, "<div>T{m}</div>");
    }
    o.push_str("</div>\n");
    let start = input
        .province
        .model
        .header
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or(1, |d| month(d, 12));
    for t in &analysis.tasks {
        let Some((d, written)) = &t.deadline else {
            continue;
        };
        if d.year() != year {
            continue;
        }
        let label = format!("Tỉnh: {}", t.text);
        bar(o, &label, "tinh", start.min(d.month()), d.month(), written);
    }
    let late: Vec<_> = ds
        .iter()
        .filter(|d| d.rule() == RuleId::DeadlineAfterParent)
        .map(|d| d.span.start)
        .collect();
    for s in &analysis.steps {
        let t = &plan.model.timelines[s.timeline];
        if s.to.year() < year {
            continue;
        }
        let to = month(s.to, 12);
        let from = s.from.map_or(to, |f| month(f, to)).min(to);
        let label = format!(
            "Huyện: {}",
            t.task.clone().unwrap_or_else(|| s.context.clone())
        );
        let class = if late.contains(&t.location.span.start) {
            "tre"
        } else {
            "huyen"
        };
        bar(o, &label, class, from, to, &t.text);
    }
    o.push_str("</div>\n");
}

/// The plan's text with each finding in a `<mark>` (an empty span gets a flag), linked to
/// its row of the findings table.
fn plan_text(o: &mut String, k: usize, plan: &Plan, ds: &[Diagnostic]) {
    let text = &plan.source.original;
    let boundary = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let mut order: Vec<usize> = (0..ds.len()).collect();
    order.sort_by_key(|&n| (ds[n].span.start, n));
    o.push_str("<pre class=\"plan\">");
    let mut cursor = 0;
    for n in order {
        let d = &ds[n];
        let s = boundary(d.span.start).max(cursor);
        let e = boundary(d.span.end).max(s);
        o.push_str(&esc(&text[cursor..s]));
        let inner = if e > s {
            esc(&text[s..e])
        } else {
            "⚑".to_string()
        };
        let _ = write!(
            o,
            "<mark id=\"d{k}-f{n}\" class=\"{}\" title=\"{}\">{inner}</mark><sup><a href=\"#d{k}-r{n}\">[{}]</a></sup>",
            d.severity.name(),
            esc(&format!("{}: {}", d.rule(), d.message(Lang::Vi))),
            n + 1
        );
        cursor = e;
    }
    o.push_str(&esc(&text[cursor..]));
    o.push_str("</pre>\n");
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn bidi_controls_are_shown_not_obeyed() {
        assert_eq!(
            esc("Quyết định \u{202e}1202\u{202c} \u{2067}x\u{2069}"),
            "Quyết định &lt;U+202E&gt;1202&lt;U+202C&gt; &lt;U+2067&gt;x&lt;U+2069&gt;"
        );
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert(1)</script>\"><img src=x onerror='a'>&"),
            "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
    }
}
