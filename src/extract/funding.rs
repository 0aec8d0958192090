//! Funding: amounts and sources, from the funding sections.

use super::{squash, Context};
use crate::grammar::money::find_amounts;
use crate::grammar::WordRegex;
use crate::model::Funding;
use crate::structure::Zone;
use std::sync::OnceLock;

const FUNDING_KEY: &str = "funding";

fn source_pattern() -> &'static WordRegex {
    static P: OnceLock<WordRegex> = OnceLock::new();
    // "ngân sách tỉnh", "nguồn vốn sự nghiệp", "nguồn xã hội hóa", "vốn lồng ghép"
    P.get_or_init(|| {
        WordRegex::new(r"(?i)\b(ngân sách(?: nhà nước| trung ương| tỉnh| huyện| xã| địa phương| cấp \p{L}+)?|nguồn (?:vốn |kinh phí )?[\p{Ll}\p{Lu} ]{2,40}?|vốn (?:lồng ghép|đối ứng|tín dụng|sự nghiệp)[\p{Ll} ]{0,20}?|xã hội hóa)(?:[,;.():]|\s+(?:và|để|theo|của|được)\b|$)")
            .unwrap()
    })
}

pub(super) fn extract(cx: &Context) -> Vec<Funding> {
    let mut out = Vec::new();
    for (i, p) in cx.paragraphs(&[Zone::Body]) {
        if cx.key(i) != Some(FUNDING_KEY) {
            continue;
        }
        let para = &cx.text()[p.body_start..p.end];
        let sources: Vec<String> = source_pattern()
            .captures_iter(para)
            .map(|c| squash(&c[1]))
            .collect();
        let amounts = find_amounts(para);
        if amounts.is_empty() && sources.is_empty() {
            continue;
        }
        if amounts.is_empty() {
            out.push(Funding {
                amount_vnd: None,
                per: None,
                sources,
                text: squash(para),
                location: cx.location(p.start, p.end),
            });
            continue;
        }
        for a in amounts {
            out.push(Funding {
                amount_vnd: Some(a.vnd),
                per: a.per.clone(),
                sources: sources.clone(),
                text: squash(&para[a.start..a.end]),
                location: cx.location(p.body_start + a.start, p.body_start + a.end),
            });
        }
    }
    out
}
