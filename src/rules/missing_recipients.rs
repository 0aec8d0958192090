//! missing-recipients: NOT YET CONVERTED to typed findings (the original is in git history).

use super::{Emitter, RuleContext, Violation};
use crate::i18n::Lang;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingRecipients {}

impl Violation for MissingRecipients {
    fn message(&self, _lang: Lang) -> String {
        String::new()
    }
}

pub(in crate::rules) fn check(_cx: &RuleContext, _out: &mut Emitter) {}
