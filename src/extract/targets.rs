//! Targets: the quantities of the objectives sections ("20-30 sản phẩm mới").

use super::{squash, Context};
use crate::grammar::quantity::{find_quantities, QuantityKind};
use crate::model::{Target, TargetKind};
use crate::structure::Zone;

const OBJECTIVES_KEY: &str = "objectives";

pub(super) fn extract(cx: &Context) -> Vec<Target> {
    let mut out = Vec::new();
    for (i, p) in cx.paragraphs(&[Zone::Body]) {
        if cx.key(i) != Some(OBJECTIVES_KEY) {
            continue;
        }
        let para = &cx.text()[p.body_start..p.end];
        for q in find_quantities(para) {
            out.push(Target {
                kind: match q.kind {
                    QuantityKind::Exact => TargetKind::Exact,
                    QuantityKind::Range => TargetKind::Range,
                    QuantityKind::AtLeast => TargetKind::AtLeast,
                    QuantityKind::AtMost => TargetKind::AtMost,
                    QuantityKind::Percent => TargetKind::Percent,
                },
                min: q.min,
                max: q.max,
                unit: q.unit.clone(),
                qualifier: q.qualifier.clone(),
                context: sentence_around(para, q.start, q.end),
                text: squash(&para[q.start..q.end]),
                location: cx.location(p.body_start + q.start, p.body_start + q.end),
            });
        }
    }
    out
}

/// The sentence (between `.`/`;` boundaries) containing a range.
pub(crate) fn sentence_around(para: &str, start: usize, end: usize) -> String {
    let is_stop = |c: char| matches!(c, ';' | '\n') || c == '.';
    let s = para[..start]
        .rfind(|c: char| is_stop(c) && c != '.')
        .map_or(0, |i| i + 1);
    let e = para[end..]
        .find([';', '\n'])
        .map_or(para.len(), |i| end + i);
    squash(&para[s..e])
}
