//! Message language. Vietnamese is the default: the users are civil servants.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Picks the Vietnamese or the English text.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// A date as plans write it: 20/03/2024.
pub fn dmy(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A quantity as plans write it: 8.0 -> "8", 2.5 -> "2.5".
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}

/// " (và 3 chỗ khác)" after the first place of a finding that stands for several; empty
/// for none.
pub fn and_others(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (0, _) => String::new(),
        (n, Lang::Vi) => format!(" (và {n} chỗ khác)"),
        (1, Lang::En) => " (and 1 more place)".to_string(),
        (n, Lang::En) => format!(" (and {n} more places)"),
    }
}
