//! Tests of the text model, on the legacy fixtures.

use super::encoding::*;
use super::mojibake::*;
use super::syllable::*;
use unicode_normalization::UnicodeNormalization;

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/legacy/");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIX}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn fixture_text(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const TONE_MARKS: [char; 5] = [GRAVE, ACUTE, HOOK, TILDE, DOT];

/// Splits an NFC letter into (base, modifier, tone).
fn parts(c: char) -> (char, Option<char>, Option<char>) {
    let d: Vec<char> = c.nfd().collect();
    let modifier = d
        .iter()
        .copied()
        .find(|m| matches!(*m, CIRC | BREVE | '\u{31B}'));
    let tone = d.iter().copied().find(|m| TONE_MARKS.contains(m));
    (d[0], modifier, tone)
}

fn encode_tcvn3(s: &str) -> Vec<u8> {
    let code = |c: char| {
        TCVN3_HIGH
            .iter()
            .position(|&h| h == c)
            .and_then(|i| u8::try_from(0xA0 + i).ok())
    };
    let mut out = Vec::new();
    for c in s.nfc() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let b = if c.is_ascii() {
            Some(c as u8)
        } else if c.is_uppercase() && !"ĂÂÊÔƠƯĐ".contains(c) {
            code(lower) // .VnTimeH: capitals use the lowercase codes
        } else {
            code(c)
        };
        out.push(b.or_else(|| cp1252_byte(c)).unwrap_or(b'?'));
    }
    out
}

fn encode_vni(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in s.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        if let Some(b) = (0x80..=0xFFu8).find(|&b| vni_single(b) == Some(c)) {
            out.push(b);
            continue;
        }
        let (base, modifier, tone) = parts(c);
        let shift = if base.is_uppercase() { 0x20 } else { 0 };
        if modifier == Some('\u{31B}') {
            let horn: char = [base, '\u{31B}']
                .iter()
                .collect::<String>()
                .nfc()
                .next()
                .unwrap_or(base);
            out.extend((0x80..=0xFFu8).find(|&b| vni_single(b) == Some(horn)));
        } else if "aeouyAEOUY".contains(base) {
            out.push(base as u8);
        } else {
            out.push(cp1252_byte(c).unwrap_or(b'?'));
            continue;
        }
        let modifier = modifier.filter(|m| *m != '\u{31B}');
        if modifier.is_some() || tone.is_some() {
            let (mark, _, _) = VNI_MARKS
                .iter()
                .find(|(_, m, t)| *m == modifier && *t == tone)
                .unwrap_or_else(|| panic!("no VNI mark for {c}"));
            out.push(mark - shift);
        }
    }
    out
}

fn encode_cp1258(s: &str) -> Vec<u8> {
    let byte = |c: char| (0..=255u8).find(|&b| cp1258_char(b) == c);
    let mut out = Vec::new();
    for c in s.nfc() {
        if let Some(b) = byte(c) {
            out.push(b);
            continue;
        }
        let (base, modifier, tone) = parts(c);
        let body: String = [Some(base), modifier]
            .iter()
            .flatten()
            .collect::<String>()
            .nfc()
            .collect();
        let body = body.chars().next().and_then(byte);
        match (body, tone.and_then(byte)) {
            (Some(b), Some(t)) => out.extend([b, t]),
            _ => out.push(b'?'),
        }
    }
    out
}

fn words() -> Vec<String> {
    fixture_text("words.txt")
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn syllables() {
    for w in [
        "kế", "hoạch", "người", "Ủy", "quý", "thủy", "hòa", "hoà", "khỏe", "của", "giữa",
        "nghiêng", "chuyển", "thuở", "xoong", "gì", "Đắk", "năm", "được", "tỉnh",
    ] {
        assert!(is_syllable(w), "{w}");
    }
    for w in [
        "keỏ",
        "hoaïch",
        "uûy",
        "kõt",
        "cafe",
        "thàt",
        "ho¹ch",
        "ng\u{AD}êi",
        "áº¿",
        "tn",
    ] {
        assert!(!is_syllable(w), "{w}");
    }
}

fn round_trip(name: &str, encode: fn(&str) -> Vec<u8>) -> (usize, usize) {
    let words = words();
    assert!(words.len() > 300);
    let text = words.join("\n");
    let (decoded, enc) = decode_legacy(&encode(&text)).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(enc, name);
    let got: Vec<&str> = decoded.lines().collect();
    assert_eq!(got.len(), words.len());
    let exact = words
        .iter()
        .zip(&got)
        .filter(|(w, g)| w.as_str() == **g)
        .count();
    for (w, g) in words.iter().zip(&got) {
        assert_eq!(w.to_lowercase(), g.to_lowercase(), "{name}");
    }
    (exact, words.len())
}

#[test]
fn word_round_trips() {
    assert_eq!(
        round_trip("VNI", encode_vni),
        (words().len(), words().len())
    );
    assert_eq!(
        round_trip("Windows-1258", encode_cp1258),
        (words().len(), words().len())
    );
    let (exact, total) = round_trip("TCVN3", encode_tcvn3);
    // Only words with a capital carrying a diacritic (Ủy, Đắk is fine) may differ.
    let lower = words()
        .iter()
        .filter(|w| {
            !w.chars()
                .any(|c| c.is_uppercase() && !c.is_ascii() && !"ĂÂÊÔƠƯĐ".contains(c))
        })
        .count();
    assert!(
        exact >= lower,
        "TCVN3 exact {exact}/{total}, lowercase-safe {lower}"
    );
    eprintln!("TCVN3 word round trip: {exact}/{total} exact, all equal ignoring case");
}

#[test]
fn python_fixtures_match_rust_tables() {
    let source = fixture_text("source.txt");
    assert_eq!(encode_vni(&source), fixture("plan.vni.txt"));
    assert_eq!(encode_cp1258(&source), fixture("plan.cp1258.txt"));
    assert_eq!(encode_tcvn3(&source), fixture("plan.tcvn3.txt"));
}

#[test]
fn decode_fixtures() {
    let source = fixture_text("source.txt");
    for (file, name) in [
        ("plan.vni.txt", "VNI"),
        ("plan.cp1258.txt", "Windows-1258"),
        ("plan.tcvn3.txt", "TCVN3"),
    ] {
        let (text, enc) = decode_legacy(&fixture(file)).unwrap_or_else(|| panic!("{file}"));
        assert_eq!(enc, name);
        if name == "TCVN3" {
            assert_eq!(text.to_lowercase(), source.to_lowercase());
            let lines = source.lines().count();
            let exact = text
                .lines()
                .zip(source.lines())
                .filter(|(a, b)| a == b)
                .count();
            eprintln!("TCVN3 plan excerpt: {exact}/{lines} lines exact");
            assert!(text.contains("KẾ HOẠCH"));
        } else {
            assert_eq!(text, source, "{file}");
        }
    }
}

#[test]
fn rejects_non_vietnamese() {
    assert_eq!(decode_legacy(&fixture("random.bin")), None);
    assert_eq!(decode_legacy(&fixture("french.cp1252.txt")), None);
    assert_eq!(decode_legacy("Kế hoạch".as_bytes()), None);
    assert_eq!(decode_legacy(b""), None);
    assert_eq!(decode_legacy(&[0xFF]), None);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for len in [1usize, 2, 3, 7, 64, 1000, 5000] {
        for _ in 0..30 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 24) as u8
                })
                .collect();
            assert_eq!(decode_legacy(&bytes), None);
            let lossy = String::from_utf8_lossy(&bytes);
            let _ = find_mojibake(&lossy);
            let latin: String = bytes.iter().map(|&b| cp1252_char(b)).collect();
            let _ = find_mojibake(&latin);
        }
    }
}

#[test]
fn mojibake_examples() {
    let hits = find_mojibake("Căn cứ Káº¿ hoáº¡ch số 130");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].2.as_deref(), Some("Kế hoạch"));
    let hits = find_mojibake("Căn cứ KÕ ho¹ch số 130");
    assert_eq!(hits[0].2.as_deref(), Some("Kế hoạch"));
    let hits = find_mojibake("Căn cứ Keá hoaïch cuûa Uûy ban");
    // "ban" is ASCII: the run stops before it.
    assert_eq!(hits[0].2.as_deref(), Some("Kế hoạch của Ủy"));
    let t = "Khu di tích lịch sử Chiếñ Khu Đ, Nhà nước, Đảo Ó, Đèo, “Hà Nội”, hoà, ôi";
    assert!(find_mojibake(t).is_empty());
}

fn apply(text: &str, hits: &[(usize, usize, Option<String>)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (s, e, r) in hits {
        out.push_str(&text[at..*s]);
        out.push_str(r.as_deref().unwrap_or(&text[*s..*e]));
        at = *e;
    }
    out.push_str(&text[at..]);
    out
}

#[test]
fn clean_text_has_no_mojibake() {
    for name in ["source.txt", "mojibake.orig.txt", "words.txt"] {
        let text = fixture_text(name);
        let hits = find_mojibake(&text);
        let shown: Vec<&str> = hits.iter().map(|(s, e, _)| &text[*s..*e]).collect();
        assert!(hits.is_empty(), "{name}: {shown:?}");
    }
    // The seed plans, when present.
    let Ok(dir) = std::fs::read_dir("/work/shared/seeds") else {
        return;
    };
    for entry in dir.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let hits = find_mojibake(&text);
        let shown: Vec<&str> = hits.iter().map(|(s, e, _)| &text[*s..*e]).collect();
        assert!(hits.is_empty(), "{:?}: {shown:?}", entry.path());
    }
}

#[test]
fn repairs_mojibake_fixture() {
    let bad = fixture_text("mojibake.txt");
    let good = fixture_text("mojibake.orig.txt");
    let mut stats = std::collections::BTreeMap::<&str, (usize, usize, usize)>::new();
    for (b, g) in bad.lines().zip(good.lines()) {
        let kind = b.rsplit("# ").next().unwrap_or("");
        let hits = find_mojibake(b);
        let fixed = apply(b, &hits);
        let entry = stats.entry(kind).or_default();
        entry.0 += 1;
        if kind == "none" {
            assert!(hits.is_empty(), "{b}");
        }
        if !hits.is_empty() {
            entry.1 += 1;
        }
        let same = if kind == "tcvn3" {
            fixed.to_lowercase() == g.to_lowercase()
        } else {
            fixed == g
        };
        if same {
            entry.2 += 1;
        } else if kind != "utf8-drop" {
            eprintln!("{kind}: {b}\n  got  {fixed}\n  want {g}");
        }
    }
    eprintln!("kind: (lines, flagged, repaired exactly)");
    for (k, v) in &stats {
        eprintln!("  {k}: {v:?}");
    }
    for (k, (n, flagged, fixed)) in stats {
        if k != "none" {
            assert_eq!(flagged, n, "{k}");
        }
        if k != "utf8-drop" {
            assert!(fixed * 10 >= n * 9, "{k}: {fixed}/{n}");
        }
    }
}

#[test]
fn a_sign_without_letters_is_not_mojibake() {
    // Real plan (web-official d5ffa6afac124d52): "02 hội nghị/năm × 50 đại biểu".
    assert!(
        find_mojibake("- Số lượng: 02 hội nghị/năm × 50 đại biểu; nhiệt độ 25 °C ± 2\n").is_empty()
    );
    assert!(!find_mojibake("Ph¸t triÓn s¶n phÈm × 2\n").is_empty());
}
