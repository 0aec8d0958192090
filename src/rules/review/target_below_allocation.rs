//! target-below-allocation: NOT YET CONVERTED to typed findings (the original is in git history).

use super::ReviewContext;
use crate::i18n::Lang;
use crate::rules::{Emitter, Violation};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetBelowAllocation {}

impl Violation for TargetBelowAllocation {
    fn message(&self, _lang: Lang) -> String {
        String::new()
    }
}

pub(in crate::rules) fn check(_cx: &ReviewContext, _out: &mut Emitter) {}
