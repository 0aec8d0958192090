//! Assignments: which agency does what, in which role. Read from the organization
//! section (one subsection per agency), from labelled lines ("Đơn vị thực hiện:",
//! "Cơ quan chủ trì:"), from "X chủ trì, phối hợp với Y" sentences and from the
//! lead/support columns of tables.

use std::sync::LazyLock;

use regex::Regex;

use super::tables::{column_headers, row_subject};
use super::{squash, Context};
use crate::grammar::prefix_len_ignore_case;
use crate::model::{AgencyRole, Assignment};
use crate::structure::{Block, Section, Zone};

const ORGANIZATION_KEY: &str = "organization";

/// Labels of agency lines and the role they give.
const LABELS: &[(&str, AgencyRole)] = &[
    ("đơn vị chủ trì", AgencyRole::Lead),
    ("cơ quan chủ trì", AgencyRole::Lead),
    ("chủ trì", AgencyRole::Lead),
    ("đơn vị phối hợp", AgencyRole::Support),
    ("cơ quan phối hợp", AgencyRole::Support),
    ("phối hợp", AgencyRole::Support),
    ("cơ quan thường trực", AgencyRole::Standing),
    ("đơn vị thực hiện", AgencyRole::Responsible),
    ("trách nhiệm", AgencyRole::Responsible),
    ("đơn vị tham mưu", AgencyRole::Advise),
];

fn label_role(s: &str) -> Option<(AgencyRole, usize)> {
    let trimmed = s.trim_start_matches(['-', '+', '*', '•', ' ']);
    let skip = s.len() - trimmed.len();
    LABELS.iter().find_map(|(w, role)| {
        let n = prefix_len_ignore_case(trimmed, w)?;
        let rest = &trimmed[n..];
        let rest_t = rest.trim_start();
        rest_t
            .starts_with(':')
            .then(|| (*role, skip + n + (rest.len() - rest_t.len()) + 1))
    })
}

/// Words that give an agency's role in its own subsection, strongest first: "Là cơ quan
/// thường trực", "Chủ trì, phối hợp...", "Tham mưu...", "Phối hợp với...".
const ROLE_WORDS: &[(&str, AgencyRole)] = &[
    ("thường trực", AgencyRole::Standing),
    ("chủ trì", AgencyRole::Lead),
    ("tham mưu", AgencyRole::Advise),
    ("phối hợp", AgencyRole::Support),
];

/// The role of the agency heading an organization subsection: from its title, else from
/// how its first duty opens or what it calls the agency ("Là cơ quan thường trực").
fn role_of(title: &str, tasks: &[String]) -> AgencyRole {
    let title = title.to_lowercase();
    let first = tasks.first().map(|t| t.to_lowercase()).unwrap_or_default();
    let opening = first.trim_start_matches(|c: char| !c.is_alphabetic());
    ROLE_WORDS
        .iter()
        .find(|(w, _)| {
            title.contains(w)
                || opening.starts_with(w)
                || first.contains(&format!("cơ quan {w}"))
                || first.contains(&format!("đơn vị {w}"))
        })
        .map_or(AgencyRole::Responsible, |(_, r)| *r)
}

struct Builder<'c, 'a> {
    cx: &'c Context<'a>,
    out: Vec<Assignment>,
}

impl Builder<'_, '_> {
    /// Adds every known agency in `text[start..end]` with a role and task.
    fn agencies_in(&mut self, start: usize, end: usize, role: AgencyRole, task: Option<&str>) {
        let text = &self.cx.text()[start..end];
        for m in self.cx.registry.find_agencies(text) {
            let written = squash(&text[m.start..m.end]);
            self.push(
                &written,
                Some(m.id.clone()),
                role,
                task,
                start + m.start,
                start + m.end,
            );
        }
    }

    fn push(
        &mut self,
        written: &str,
        id: Option<String>,
        role: AgencyRole,
        task: Option<&str>,
        s: usize,
        e: usize,
    ) {
        let normalized = self.cx.registry.normalize_agency(written);
        if let Some(a) = self
            .out
            .iter_mut()
            .find(|a| a.normalized == normalized && a.role == role)
        {
            if let Some(t) = task {
                if !a.tasks.iter().any(|x| x == t) {
                    a.tasks.push(t.to_string());
                }
            }
            return;
        }
        self.out.push(Assignment {
            agency: written.to_string(),
            normalized,
            registry_id: id,
            role,
            tasks: task.map(|t| vec![t.to_string()]).unwrap_or_default(),
            location: self.cx.location(s, e),
        });
    }
}

fn short(s: &str) -> String {
    let s = squash(s);
    match s.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

pub(super) fn extract(cx: &Context) -> Vec<Assignment> {
    let mut b = Builder {
        cx,
        out: Vec::new(),
    };
    organization_sections(&mut b, &cx.doc.sections);
    let text = cx.text();
    for (i, block) in cx.doc.blocks.iter().enumerate() {
        if !matches!(cx.doc.zones[i], Zone::Body | Zone::Appendix) {
            continue;
        }
        match block {
            Block::Paragraph(p) => {
                let para = &text[p.body_start..p.end];
                if let Some((role, at)) = label_role(para) {
                    let task = cx.section_title(i);
                    b.agencies_in(p.body_start + at, p.end, role, task.as_deref());
                    continue;
                }
                // "Phòng X chủ trì, phối hợp với Y ..."
                static LEAD: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new("(?i)chủ trì").expect("lead regex"));
                static SUPPORT: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new("(?i)phối hợp").expect("support regex"));
                if let Some(k) = LEAD.find(para).map(|m| m.start()) {
                    let task = short(para);
                    b.agencies_in(
                        p.body_start,
                        p.body_start + k,
                        AgencyRole::Lead,
                        Some(&task),
                    );
                    if let Some(f) = SUPPORT.find(&para[k..]).map(|m| m.start()) {
                        let from = p.body_start + k + f;
                        let to = para[k + f..]
                            .find(['.', ';'])
                            .map_or(p.end, |e| p.body_start + k + f + e);
                        b.agencies_in(from, to, AgencyRole::Support, Some(&task));
                    }
                }
            }
            Block::Table(t) => {
                let (heads, data) = column_headers(cx, t);
                for r in t.rows.iter().skip(data).filter(|r| !r.repeated_header) {
                    let task = row_subject(cx, r);
                    for (k, c) in r.cells.iter().enumerate() {
                        let head = heads.get(k).map_or(String::new(), |h| h.to_lowercase());
                        let role = if head.contains("chủ trì") {
                            AgencyRole::Lead
                        } else if head.contains("phối hợp") {
                            AgencyRole::Support
                        } else {
                            continue;
                        };
                        b.agencies_in(c.start, c.end, role, task.as_deref());
                    }
                }
            }
        }
    }
    b.out
}

/// Under "TỔ CHỨC THỰC HIỆN", each subsection is headed by an agency; its paragraphs are
/// that agency's tasks.
fn organization_sections(b: &mut Builder, sections: &[Section]) {
    for s in sections {
        if b.cx.key(s.heading) == Some(ORGANIZATION_KEY) && !s.children.is_empty() {
            for child in &s.children {
                let title = &b.cx.text()[child.title_start..child.title_end];
                let found = b.cx.registry.find_agencies(title);
                let tasks: Vec<String> = (child.heading + 1..child.blocks_end)
                    .filter_map(|k| match &b.cx.doc.blocks[k] {
                        Block::Paragraph(p) => Some(short(&b.cx.text()[p.body_start..p.end])),
                        Block::Table(_) => None,
                    })
                    .collect();
                let role = role_of(title, &tasks);
                for m in found {
                    let written = squash(&title[m.start..m.end]);
                    let (s0, e0) = (child.title_start + m.start, child.title_start + m.end);
                    for t in &tasks {
                        b.push(&written, Some(m.id.clone()), role, Some(t), s0, e0);
                    }
                    if tasks.is_empty() {
                        b.push(&written, Some(m.id.clone()), role, None, s0, e0);
                    }
                }
            }
        } else {
            organization_sections(b, &s.children);
        }
    }
}
