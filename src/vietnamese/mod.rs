//! The Vietnamese text model, below every stage: what a well-formed syllable is, the
//! legacy code pages (TCVN3, VNI, Windows-1258) and how they show up as mojibake.
//!
//! `ingest` decodes legacy files with it; the `stray-artifact` rule finds mojibake with it.
//!
// Old provincial archives hold plain text in three pre-Unicode forms:
//
// * **TCVN3** (ABC, TCVN 5712:1993 VN3, the `.VnTime` fonts): one byte per letter,
//   lowercase precomposed letters in 0xA8..=0xFE, `Ă Â Ê Ô Ơ Ư Đ` in 0xA1..=0xA7 and a few
//   uppercase letters in the gaps. The uppercase fonts (`.VnTimeH`) draw uppercase glyphs
//   for the *lowercase* codes, so such text decodes to lowercase; [`decode_legacy`] restores
//   uppercase for words and lines that are otherwise all caps, but a capital initial with a
//   diacritic (`Ủy` typed in `.VnTimeH`) comes back lowercase.
// * **VNI** (VNI-Windows, `VNI-Times`): base letter followed by a mark byte (`a` + `ù` = `á`),
//   plus single bytes for `đ ơ ư` and the `i` family.
// * **Windows-1258**: Latin-1 precomposed letters plus combining tone marks.
//
// and Unicode files carrying mojibake: UTF-8 read as Windows-1252 (`Káº¿ hoáº¡ch`), or
// TCVN3 / VNI bytes shown through Windows-1252 (`KÕ ho¹ch`, `Keá hoaïch`), see
// [`find_mojibake`].
//
// Both functions judge a candidate by the share of words that are well-formed Vietnamese
// syllables (onset + glide + nucleus + coda, one tone at most, on a vowel, and only the
// acute or dot-below tone before a stop coda).

mod encoding;
mod mojibake;
mod syllable;
#[cfg(test)]
mod tests;

pub use encoding::decode_legacy;
pub use mojibake::find_mojibake;
