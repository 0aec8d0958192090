//! What the cross-document rules and the report share: which district a plan is from, what
//! the province allocates to it, which tasks and deadlines the province gives the
//! districts, and the topics of a text (how tasks are matched by meaning).

use crate::model::Plan;
use crate::model::{Target, TargetKind};
use crate::registry::Registry;
use crate::structure::{Block, Section, Zone};
use chrono::NaiveDate;
use serde::Deserialize;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Registry id of "UBND các huyện, thị xã, thành phố" (and of "UBND huyện").
const DISTRICTS_ID: &str = "ubnd-huyen";
/// Sentences that give a task to the districts without naming the committee.
const DISTRICT_SUBJECTS: &[&str] = &["các huyện", "các địa phương", "cấp huyện"];
/// What a quantity counts, most specific first ("điểm bán" before "sản phẩm").
const OBJECTS: &[&str] = &[
    "điểm giới thiệu",
    "điểm bán",
    "chủ thể",
    "hợp tác xã",
    "làng nghề",
    "nhãn hiệu",
    "mô hình",
    "lớp",
    "sản phẩm",
];
/// The unit levels of a district's name ("huyện", "thị xã", "thành phố"...: grammars/structure.toml).
const DISTRICT_LEVELS: &[&str] = &["district", "city"];

/// A topic of tasks (grammars/review_topics.toml).
#[derive(Debug, Deserialize)]
pub struct Topic {
    pub id: String,
    pub label_vi: String,
    pub label_en: String,
    pub phrases: Vec<String>,
    #[serde(default)]
    pub plan_issue: bool,
}

impl Topic {
    pub fn label(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.label_vi, &self.label_en)
    }
}

pub fn topics() -> &'static [Topic] {
    static TOPICS: OnceLock<Vec<Topic>> = OnceLock::new();
    TOPICS.get_or_init(|| {
        #[derive(Deserialize)]
        struct File {
            topic: Vec<Topic>,
        }
        let f: File = toml::from_str(include_str!("../../../grammars/review_topics.toml"))
            .expect("grammars/review_topics.toml is valid (tested)");
        f.topic
    })
}

/// Lower case, letters and digits only, one space between words and around the whole
/// (so that `contains(" x ")` matches whole words), tone placement unified.
pub fn fold(s: &str) -> String {
    let mut out = String::from(" ");
    for c in s.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    // Old and new tone placement: "hoà" / "hòa", "thuỷ" / "thủy".
    const TONES: &[(&str, &str)] = &[
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
        ("uỳ", "ùy"),
        ("uý", "úy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
    ];
    for (old, new) in TONES {
        if out.contains(old) {
            out = out.replace(old, new);
        }
    }
    out
}

fn has_phrase(folded: &str, phrase: &str) -> bool {
    phrase.split('&').all(|p| folded.contains(&fold(p)))
}

/// The topics of a text, in the order they first occur.
pub fn topics_in(text: &str) -> Vec<&'static Topic> {
    let folded = fold(text);
    let mut found: Vec<(usize, &'static Topic)> = topics()
        .iter()
        .filter_map(|t| {
            t.phrases
                .iter()
                .filter(|p| has_phrase(&folded, p))
                .filter_map(|p| folded.find(&fold(p.split('&').next().unwrap_or(p))))
                .min()
                .map(|at| (at, t))
        })
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, t)| t).collect()
}

/// A place as a plan names it: "huyện Lạng Giang" and its bare name "Lạng Giang".
#[derive(Debug, Clone)]
pub struct Place {
    pub label: String,
    pub name: String,
}

impl Place {
    /// The place of a plan's issuer ("UBND huyện Lạng Giang"), else its place line.
    pub fn of(plan: &Plan) -> Option<Place> {
        let h = &plan.model.header;
        if let Some(issuer) = &h.issuer {
            let lower = issuer.to_lowercase();
            let v = crate::vocab::Vocab::get();
            for w in v
                .unit_words(DISTRICT_LEVELS)
                .chain(v.unit_words(&["province"]))
            {
                if let Some(at) = lower.find(&format!("{w} ")) {
                    let label = issuer[at..].trim().to_string();
                    let name = issuer[at + w.len() + 1..].trim().to_string();
                    if !name.is_empty() {
                        return Some(Place { label, name });
                    }
                }
            }
        }
        let name = h.place.clone()?;
        Some(Place {
            label: name.clone(),
            name,
        })
    }

    /// Whether a text names this place (whole words, case and tone placement ignored).
    pub fn named_in(&self, text: &str) -> bool {
        fold(text).contains(&fold(&self.name))
    }
}

/// What a quantity counts: the object and its star rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub object: &'static str,
    pub stars: Option<u32>,
}

impl Concept {
    pub fn of(text: &str) -> Option<Concept> {
        let f = fold(text);
        let object = OBJECTS.iter().find(|o| f.contains(&fold(o)))?;
        let stars = f
            .split(' ')
            .collect::<Vec<_>>()
            .windows(2)
            .find_map(|w| (w[1] == "sao").then(|| w[0].parse::<u32>().ok()).flatten());
        Some(Concept { object, stars })
    }
}

/// A quantity the province gives the district.
#[derive(Debug, Clone)]
pub struct Allocation {
    pub value: f64,
    /// What is counted, as the province writes it (a column title or a target's words).
    pub what: String,
    pub concept: Concept,
    /// "Phụ lục I, dòng 3" or "Mục tiêu".
    pub source: String,
    /// Line in the province plan.
    pub line: usize,
}

/// An allocation and the district target that answers it.
#[derive(Debug, Clone)]
pub struct AllocationCheck<'p> {
    pub allocation: Allocation,
    /// The district's best matching target and the value it commits to.
    pub target: Option<(&'p Target, f64)>,
}

impl AllocationCheck<'_> {
    pub fn met(&self) -> bool {
        self.target
            .is_some_and(|(_, v)| v + 1e-9 >= self.allocation.value)
    }
}

/// A task the province gives the districts.
#[derive(Debug, Clone)]
pub struct ParentTask {
    pub text: String,
    pub line: usize,
    pub topics: Vec<&'static Topic>,
    /// The deadline and how the province wrote it.
    pub deadline: Option<(NaiveDate, String)>,
}

/// A dated step of the district plan: a deadline and what it is for.
#[derive(Debug, Clone)]
pub struct DistrictStep {
    /// Index into the district plan's timelines.
    pub timeline: usize,
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
    /// The paragraph (or section) the deadline belongs to.
    pub context: String,
    pub topics: Vec<&'static Topic>,
}

/// Everything the cross-document rules read, computed once per district plan.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub district: Option<Place>,
    pub province_place: Option<Place>,
    /// "Kế hoạch số 14/KH-UBND ngày 06/02/2024 của UBND tỉnh Bắc Giang".
    pub province_ref: String,
    pub allocations: Vec<Allocation>,
    pub tasks: Vec<ParentTask>,
    pub steps: Vec<DistrictStep>,
    /// Topics found anywhere in the district plan's body and appendices.
    pub district_topics: Vec<&'static Topic>,
}

fn iso(d: &Option<String>) -> Option<NaiveDate> {
    d.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

impl Analysis {
    /// "huyện Lạng Giang", when the plan says which.
    pub fn district_label(&self) -> Option<String> {
        self.district.as_ref().map(|p| p.label.clone())
    }

    pub fn new(district: &Plan, province: &Plan, registry: &Registry) -> Analysis {
        let place = Place::of(district);
        let h = &province.model.header;
        let mut province_ref = String::from("Kế hoạch");
        if let Some(n) = &h.number {
            province_ref.push_str(&format!(" số {n}"));
        }
        if let Some(d) = iso(&h.date) {
            province_ref.push_str(&format!(" ngày {}", crate::i18n::dmy(d)));
        }
        if let Some(i) = &h.issuer {
            province_ref.push_str(&format!(" của {i}"));
        }
        let allocations = place
            .as_ref()
            .map(|p| allocations(province, p))
            .unwrap_or_default();
        Analysis {
            province_place: Place::of(province),
            district: place,
            province_ref,
            allocations,
            tasks: parent_tasks(province, registry),
            steps: district_steps(district),
            district_topics: body_topics(district),
        }
    }

    /// Each allocation with the district's best matching target.
    pub fn compare<'p>(&self, district: &'p Plan) -> Vec<AllocationCheck<'p>> {
        self.allocations
            .iter()
            .map(|a| {
                let target = district
                    .model
                    .targets
                    .iter()
                    .filter(|t| t.kind != TargetKind::Percent)
                    .filter_map(|t| {
                        let what = format!(
                            "{} {}",
                            t.unit.as_deref().unwrap_or(""),
                            t.qualifier.as_deref().unwrap_or("")
                        );
                        let c = Concept::of(&what)?;
                        (c == a.concept).then_some((t, t.min.or(t.max)?))
                    })
                    .max_by(|x, y| x.1.total_cmp(&y.1));
                AllocationCheck {
                    allocation: a.clone(),
                    target,
                }
            })
            .collect()
    }
}

/// Text of a block (a table row's cells joined by " | ").
fn block_text(plan: &Plan, b: &Block) -> String {
    match b {
        Block::Paragraph(p) => plan.text(p.body_start, p.end),
        Block::Table(t) => t
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| plan.text(c.start, c.end))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The appendix a block is in: the last "PHỤ LỤC ..." / "BIỂU ..." line before it.
fn appendix_name(plan: &Plan, block: usize) -> Option<String> {
    plan.doc.blocks[..block].iter().rev().find_map(|b| match b {
        Block::Paragraph(p) => {
            let first = plan.source.text[p.start..p.end].lines().next()?.trim();
            let l = first.to_lowercase();
            (l.starts_with("phụ lục") || l.starts_with("biểu"))
                .then(|| first.chars().take(40).collect())
        }
        Block::Table(_) => None,
    })
}

fn number(cell: &str) -> Option<f64> {
    let c = cell.trim();
    (!c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()))
        .then(|| c.parse().ok())
        .flatten()
}

/// The province's allocations to a district: cells of the table rows naming it, under
/// columns that count something, and the province's targets whose sentence names it.
fn allocations(province: &Plan, district: &Place) -> Vec<Allocation> {
    let mut out = Vec::new();
    for (i, b) in province.doc.blocks.iter().enumerate() {
        let Block::Table(t) = b else { continue };
        let cells = |r: &crate::structure::Row| -> Vec<String> {
            r.cells
                .iter()
                .map(|c| province.text(c.start, c.end))
                .collect()
        };
        let rows: Vec<_> = t.rows.iter().filter(|r| !r.repeated_header).collect();
        let Some(first) = rows.first() else { continue };
        let mut heads = cells(first);
        let mut data = 1;
        // A second header row under merged titles (first cell empty).
        if let Some(second) = rows.get(1) {
            let s = cells(second);
            if s.first().is_some_and(String::is_empty) {
                for (k, below) in s.into_iter().enumerate() {
                    if below.is_empty() {
                        continue;
                    }
                    match heads.get_mut(k) {
                        Some(h) if !h.is_empty() => *h = format!("{h} {below}"),
                        Some(h) => *h = below,
                        None => heads.push(below),
                    }
                }
                data = 2;
            }
        }
        let table = appendix_name(province, i).unwrap_or_else(|| "bảng phân bổ".to_string());
        for (n, r) in rows.iter().enumerate().skip(data) {
            let row = cells(r);
            let names_district = row
                .iter()
                .any(|c| !c.chars().all(|ch| ch.is_ascii_digit()) && district.named_in(c));
            if !names_district || row.iter().any(|c| fold(c).contains(" tổng ")) {
                continue;
            }
            let line = province.location(r.start, r.end).line;
            for (k, c) in row.iter().enumerate() {
                let (Some(v), Some(head)) = (number(c), heads.get(k)) else {
                    continue;
                };
                let Some(concept) = Concept::of(head) else {
                    continue;
                };
                if v <= 0.0 {
                    continue;
                }
                out.push(Allocation {
                    value: v,
                    what: head.clone(),
                    concept,
                    source: format!("{table}, dòng {}", n + 1 - data),
                    line,
                });
            }
        }
    }
    for t in &province.model.targets {
        if t.kind == TargetKind::Percent || !district.named_in(&t.context) {
            continue;
        }
        let what = format!(
            "{} {}",
            t.unit.as_deref().unwrap_or(""),
            t.qualifier.as_deref().unwrap_or("")
        );
        if let (Some(concept), Some(v)) = (Concept::of(&what), t.min.or(t.max)) {
            out.push(Allocation {
                value: v,
                what: crate::extract::squash(&what),
                concept,
                source: "Mục tiêu".to_string(),
                line: t.location.line,
            });
        }
    }
    out
}

/// The innermost sections containing a block, outermost first.
fn sections_at(sections: &[Section], block: usize) -> Vec<&Section> {
    let mut out = Vec::new();
    let mut level = sections;
    while let Some(s) = level
        .iter()
        .find(|s| s.heading <= block && block < s.blocks_end)
    {
        out.push(s);
        level = &s.children;
    }
    out
}

fn deadline_in(text: &str, year: Option<i32>) -> Option<(NaiveDate, String)> {
    crate::grammar::timeline::find_timelines(text, year)
        .into_iter()
        .filter(|(_, _, t)| !t.continuous && t.recurrence.is_none())
        .find_map(|(_, _, t)| Some((t.to?, crate::extract::squash(&t.text))))
}

/// Tasks the province gives the districts: paragraphs under a heading naming "UBND các
/// huyện...", paragraphs whose subject is the districts, and table rows whose lead column
/// names them.
fn parent_tasks(province: &Plan, registry: &Registry) -> Vec<ParentTask> {
    let year = province
        .model
        .header
        .year
        .or_else(|| province.model.header.date_parts.and_then(|d| d.year));
    // "UBND các huyện, thị xã, thành phố", not "UBND huyện Tân Yên".
    let generic = |m: &crate::registry::AgencyMatch| {
        m.id == DISTRICTS_ID
            && (m.locality.as_deref().is_none_or(|l| {
                let l = l.to_lowercase();
                crate::vocab::Vocab::get()
                    .unit_words(DISTRICT_LEVELS)
                    .any(|w| w == l.trim())
            }) || fold(&m.text).contains(" các ")
                || fold(&m.text).contains(" cấp "))
    };
    let names_districts = |text: &str| registry.find_agencies(text).iter().any(generic);
    let mut out = Vec::new();
    for (i, b) in province.doc.blocks.iter().enumerate() {
        if !matches!(province.doc.zones[i], Zone::Body | Zone::Appendix) {
            continue;
        }
        match b {
            Block::Paragraph(p) => {
                let sections = sections_at(&province.doc.sections, i);
                if sections.last().is_some_and(|s| s.heading == i) {
                    continue;
                }
                let text = province.text(p.body_start, p.end);
                let under_heading = sections.iter().any(|s| {
                    s.heading != i && names_districts(&province.text(s.title_start, s.title_end))
                });
                let head: String = text.chars().take(48).collect();
                let folded = fold(&head);
                let subject = DISTRICT_SUBJECTS
                    .iter()
                    .any(|w| folded.starts_with(&fold(w)))
                    || registry
                        .find_agencies(&head)
                        .first()
                        .is_some_and(|m| m.start == 0 && generic(m));
                if !(under_heading || subject) {
                    continue;
                }
                out.push(ParentTask {
                    line: province.location(p.body_start, p.end).line,
                    topics: topics_in(&text),
                    deadline: deadline_in(&text, year),
                    text,
                });
            }
            Block::Table(t) => {
                let Some(first) = t.rows.first() else {
                    continue;
                };
                let heads: Vec<String> = first
                    .cells
                    .iter()
                    .map(|c| province.text(c.start, c.end).to_lowercase())
                    .collect();
                let lead = heads.iter().position(|h| h.contains("chủ trì"));
                let when = heads
                    .iter()
                    .position(|h| h.contains("thời gian") || h.contains("thời hạn"));
                let Some(lead) = lead else { continue };
                for r in t.rows.iter().skip(1).filter(|r| !r.repeated_header) {
                    let cell = |k: usize| {
                        r.cells
                            .get(k)
                            .map_or(String::new(), |c| province.text(c.start, c.end))
                    };
                    if !names_districts(&cell(lead)) {
                        continue;
                    }
                    let Some(task) = r
                        .cells
                        .iter()
                        .map(|c| province.text(c.start, c.end))
                        .filter(|s| s.chars().any(char::is_alphabetic))
                        .max_by_key(|s| s.chars().count())
                    else {
                        continue;
                    };
                    out.push(ParentTask {
                        line: province.location(r.start, r.end).line,
                        topics: topics_in(&task),
                        deadline: when.and_then(|k| deadline_in(&cell(k), year)),
                        text: task,
                    });
                }
            }
        }
    }
    out
}

/// The district's dated steps: each timeline with a deadline, with the paragraph it is in
/// (or, when that paragraph is only "Thời gian thực hiện: ...", its whole section).
fn district_steps(plan: &Plan) -> Vec<DistrictStep> {
    let spans: Vec<_> = plan
        .doc
        .blocks
        .iter()
        .map(|b| plan.source.span(b.start(), b.end()))
        .collect();
    let mut out = Vec::new();
    for (k, t) in plan.model.timelines.iter().enumerate() {
        if t.continuous || t.recurrence.is_some() || t.section.as_deref() == Some("results") {
            continue;
        }
        let Some(to) = iso(&t.to) else { continue };
        let at = t.location.span.start;
        let Some(block) = spans
            .iter()
            .position(|s| s.start <= at && at < s.end.max(s.start + 1))
        else {
            continue;
        };
        let mut context = block_text(plan, &plan.doc.blocks[block]);
        let mut topics = topics_in(&context);
        if topics.is_empty() {
            if let Some(s) = sections_at(&plan.doc.sections, block).last() {
                context = (s.heading..s.blocks_end)
                    .map(|b| block_text(plan, &plan.doc.blocks[b]))
                    .collect::<Vec<_>>()
                    .join(" ");
                topics = topics_in(&context);
            }
        }
        out.push(DistrictStep {
            timeline: k,
            from: iso(&t.from),
            to,
            context,
            topics,
        });
    }
    out
}

fn body_topics(plan: &Plan) -> Vec<&'static Topic> {
    let text: String = plan
        .doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| matches!(plan.doc.zones[*i], Zone::Body | Zone::Appendix))
        .map(|(_, b)| block_text(plan, b))
        .collect::<Vec<_>>()
        .join("\n");
    topics_in(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_file_is_valid_and_ids_unique() {
        let t = topics();
        assert!(t.len() >= 5);
        let mut ids: Vec<_> = t.iter().map(|t| &t.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), t.len());
    }

    #[test]
    fn fold_ignores_case_punctuation_and_tone_placement() {
        assert_eq!(fold("Hiệp Hoà,  ĐÁNH giá"), " hiệp hòa đánh giá ");
        assert!(has_phrase(
            &fold("Tổ chức đánh giá, phân hạng sản phẩm cấp huyện"),
            "đánh giá & cấp huyện"
        ));
    }

    #[test]
    fn concepts_read_object_and_stars() {
        let c = Concept::of("Trong đó: sản phẩm 4 sao").unwrap();
        assert_eq!((c.object, c.stars), ("sản phẩm", Some(4)));
        let c = Concept::of("sản phẩm OCOP mới đạt 3 sao trở lên").unwrap();
        assert_eq!(c.stars, Some(3));
        assert_eq!(
            Concept::of("điểm giới thiệu và bán sản phẩm")
                .unwrap()
                .object,
            "điểm giới thiệu"
        );
        assert!(Concept::of("STT").is_none());
    }

    #[test]
    fn topics_come_in_order() {
        let t = topics_in("Tuyên truyền và báo cáo kết quả");
        let ids: Vec<_> = t.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["communication", "reporting"]);
    }
}
