use super::*;
use unicode_normalization::UnicodeNormalization;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn reg() -> Registry {
    Registry::embedded()
}

#[test]
fn embedded_data_parses_and_has_content() {
    let r = reg();
    assert!(r.documents.len() >= 50, "{}", r.documents.len());
    assert!(r.agencies.len() >= 150, "{}", r.agencies.len());
    assert!(!r.abbreviations.is_empty());
    assert!(!r.misspellings.is_empty());
    assert!(r.profile("ocop-plan").is_some());
    for a in &r.agencies {
        assert!(!a.source.is_empty(), "agency {} has no source", a.id);
    }
    for doc in &r.documents {
        assert!(!doc.source.is_empty(), "document {} has no source", doc.id);
    }
}

#[test]
fn references_resolve() {
    let dangling = reg().dangling_references();
    assert!(dangling.is_empty(), "{dangling:#?}");
}

#[test]
fn document_lookup_is_tolerant() {
    let r = reg();
    for (q, id) in [
        ("148/QĐ-TTg", "148/QĐ-TTg"),
        ("148/QD-TTg", "148/QĐ-TTg"),
        ("148 / qđ-ttg", "148/QĐ-TTg"),
        ("Số 148/QĐ-TTg", "148/QĐ-TTg"),
        ("30/2020/ND-CP", "30/2020/NĐ-CP"),
        ("9/2010/NĐ-CP", "09/2010/NĐ-CP"),
        ("53/2022/TT–BTC", "53/2022/TT-BTC"),
        // decomposed Đ is not a thing, but decomposed vowels are
        ("257/2025/QH15", "257/2025/QH15"),
    ] {
        assert_eq!(r.document(q).map(|x| x.id.as_str()), Some(id), "{q}");
    }
    assert!(r.document("1573/QĐ-TTg").is_none());
}

#[test]
fn document_status_table() {
    let r = reg();
    use DocumentStatus::*;
    let rep = |by: &str, on: &str| Replaced {
        by: by.into(),
        on: d(on),
    };
    let cases: Vec<(&str, &str, DocumentStatus)> = vec![
        ("1048/QĐ-TTg", "2023-02-23", InForce),
        ("1048/QĐ-TTg", "2023-02-24", rep("148/QĐ-TTg", "2023-02-24")),
        ("781/QĐ-TTg", "2024-01-01", rep("148/QĐ-TTg", "2023-02-24")),
        ("148/QĐ-TTg", "2025-07-05", InForce),
        (
            "148/QĐ-TTg",
            "2025-07-06",
            Amended {
                by: "1489/QĐ-TTg".into(),
                on: d("2025-07-06"),
            },
        ),
        ("490/QĐ-TTg", "2020-11-17", InForce),
        (
            "490/QĐ-TTg",
            "2021-01-01",
            Expired {
                on: d("2020-12-31"),
                successor: Some("919/QĐ-TTg".into()),
            },
        ),
        ("919/QĐ-TTg", "2025-12-31", InForce),
        (
            "919/QĐ-TTg",
            "2026-01-01",
            Expired {
                on: d("2025-12-31"),
                successor: Some("257/2025/QH15".into()),
            },
        ),
        (
            "53/2022/TT-BTC",
            "2024-06-01",
            rep("55/2023/TT-BTC", "2023-09-29"),
        ),
        (
            "110/2004/NĐ-CP",
            "2020-03-05",
            rep("30/2020/NĐ-CP", "2020-03-05"),
        ),
        ("30/2020/NĐ-CP", "2026-01-01", InForce),
        (
            "77/2015/QH13",
            "2025-03-01",
            rep("65/2025/QH15", "2025-03-01"),
        ),
    ];
    for (n, at, want) in cases {
        assert_eq!(r.document_status(n, d(at)), Some(want), "{n} at {at}");
    }
    assert_eq!(r.document_status("1/XX", d("2024-01-01")), None);
}

#[test]
fn normalize_agency_table() {
    let r = reg();
    let want = "phòng nông nghiệp và phát triển nông thôn";
    for s in [
        "Phòng Nông nghiệp và PTNT",
        "Phòng NN&PTNT",
        "Phòng Nông nghiệp&PTNT",
        "phòng NN và PTNT",
        "Phòng  NN & PTNT",
        "PHÒNG NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
        "Phòng NN",
    ] {
        let got = r.normalize_agency(s);
        if s == "Phòng NN" {
            assert_eq!(got, "phòng nông nghiệp");
        } else {
            assert_eq!(got, want, "{s}");
        }
    }
    for (s, w) in [
        ("UBND tỉnh", "ủy ban nhân dân tỉnh"),
        ("Uỷ ban nhân dân tỉnh", "ủy ban nhân dân tỉnh"),
        ("Sở TN&MT", "sở tài nguyên và môi trường"),
        ("Sở KH&ĐT", "sở kế hoạch và đầu tư"),
        ("Phòng VH-TT", "phòng văn hóa và thông tin"),
        ("Sở LĐTB&XH", "sở lao động và thương binh và xã hội"),
        (
            "Sở Lao động – Thương binh và Xã hội",
            "sở lao động và thương binh và xã hội",
        ),
        ("VPĐP NTM tỉnh", "văn phòng điều phối nông thôn mới tỉnh"),
        ("BCĐ huyện", "ban chỉ đạo huyện"),
        ("Ủy ban MTTQ", "ủy ban mặt trận tổ quốc"),
        ("Khánh Hoà", "khánh hòa"),
    ] {
        assert_eq!(r.normalize_agency(s), w, "{s}");
    }
}

#[test]
fn find_agencies_table() {
    let r = reg();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        (
            "Giao Phòng Nông nghiệp và PTNT huyện Lạng Giang chủ trì",
            vec!["phong-nnptnt"],
        ),
        (
            "Phòng NN&PTNT phối hợp UBND các xã, thị trấn",
            vec!["phong-nnptnt", "ubnd-xa"],
        ),
        ("Sở NN&PTNT tỉnh Đồng Nai", vec!["so-nnptnt"]),
        ("UBND tỉnh Ninh Thuận ban hành", vec!["tinh-ninh-thuan"]),
        ("UBND tỉnh chỉ đạo", vec!["ubnd-tinh"]),
        (
            "UBND huyện Ninh Hải; UBND xã Phước Hậu",
            vec!["ubnd-huyen", "ubnd-xa"],
        ),
        (
            "Hội Nông dân, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên và Ủy ban MTTQ huyện",
            vec!["hoi-nong-dan", "hoi-lhpn", "doan-thanh-nien", "mttq"],
        ),
        ("Ngân hàng Nông nghiệp và PTNT", vec!["agribank"]),
        ("Phòng Kinh tế - Hạ tầng", vec!["phong-kt-ht"]),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", vec!["phong-kthtdt"]),
        (
            "Phòng Quản trị mạng huyện Vĩnh Cửu",
            vec!["phong-cap-huyen"],
        ),
        (
            "Trung tâm VH-TT-TT huyện phát",
            vec!["trung-tam-vhtttt-huyen"],
        ),
        (
            "Văn phòng Điều phối Nông thôn mới tỉnh",
            vec!["vpdp-ntm-tinh"],
        ),
        ("Bộ NN&PTNT", vec!["bo-nnptnt"]),
        ("Không có cơ quan nào", vec![]),
        ("Quyết định số 919/QĐ-TTg; Thông tư 53/2022/TT-BTC", vec![]),
        (
            "Văn bản số 3692/SNN-PTNT&QLCL của Sở NN&PTNT",
            vec!["so-nnptnt"],
        ),
        ("Thủ tướng Chính phủ", vec!["thu-tuong"]),
    ];
    for (text, want) in cases {
        let got: Vec<String> = r.find_agencies(text).into_iter().map(|m| m.id).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn find_agencies_offsets_and_locality() {
    let r = reg();
    let text = "- Giao Phòng Nông nghiệp và PTNT huyện Lạng Giang chủ trì.";
    let m = &r.find_agencies(text)[0];
    assert_eq!(
        &text[m.start..m.end],
        "Phòng Nông nghiệp và PTNT huyện Lạng Giang"
    );
    assert_eq!(m.text, "Phòng Nông nghiệp và PTNT huyện Lạng Giang");
    assert_eq!(m.locality.as_deref(), Some("huyện Lạng Giang"));
    assert_eq!(m.locality_id.as_deref(), Some("huyen-lang-giang"));
    assert_eq!(m.locality_valid_until, Some(d("2025-06-30")));
    assert!(r.mention_valid_at(m, d("2024-02-01")));
    assert!(!r.mention_valid_at(m, d("2025-07-01")));

    // A capitalized word opening a sentence is not a place name.
    let m = &r.find_agencies("HĐND tỉnh Quy định mức chi")[0];
    assert_eq!((m.id.as_str(), m.text.as_str()), ("hdnd-tinh", "HĐND tỉnh"));
    let m = &r.find_agencies("UBND huyện Ninh Hải chỉ đạo")[0];
    assert_eq!(m.text, "UBND huyện Ninh Hải");
    assert_eq!(m.locality.as_deref(), Some("huyện Ninh Hải"));

    // Decomposed (NFD) input keeps original offsets.
    let nfd: String = "UBND tỉnh Khánh Hòa".nfd().collect();
    let m = &r.find_agencies(&nfd)[0];
    assert_eq!(m.id, "tinh-khanh-hoa");
    assert_eq!((m.start, m.end), (0, nfd.len()));

    // A Phòng that persists is defunct through its district locality.
    let m = &r.find_agencies("Phòng Kinh tế huyện Vĩnh Cửu")[0];
    assert_eq!(m.id, "phong-kinh-te-xa");
    assert!(r.mention_valid_at(m, d("2025-06-30")));
    assert!(!r.mention_valid_at(m, d("2025-07-01")));

    // Province qualifier: Sở valid until the merger, then the province also ends.
    let m = &r.find_agencies("Sở Tài chính tỉnh Ninh Thuận")[0];
    assert_eq!(m.locality_id.as_deref(), Some("tinh-ninh-thuan"));
    assert!(r.mention_valid_at(m, d("2025-06-30")));
    assert!(!r.mention_valid_at(m, d("2025-07-01")));
}

#[test]
fn agency_validity_table() {
    let r = reg();
    for (id, at, want) in [
        ("phong-nnptnt", "2024-02-01", true),
        ("phong-nnptnt", "2025-07-01", false),
        ("so-nnptnt", "2025-02-28", true),
        ("so-nnptnt", "2025-03-01", false),
        ("so-nnmt", "2025-02-28", false),
        ("so-nnmt", "2025-03-01", true),
        ("bo-nnptnt", "2025-03-01", false),
        ("ubnd-huyen", "2025-06-30", true),
        ("ubnd-huyen", "2025-07-01", false),
        ("ubnd-tinh", "2030-01-01", true),
        ("ubnd-xa", "2030-01-01", true),
        ("tinh-ninh-thuan", "2025-07-01", false),
        ("tinh-khanh-hoa", "2025-07-01", true),
        ("hoi-nong-dan", "2030-01-01", true),
        ("unknown-id", "2030-01-01", true),
    ] {
        assert_eq!(r.agency_valid_at(id, d(at)), want, "{id} at {at}");
    }
    let so = r
        .find_agencies("Sở NN&PTNT")
        .into_iter()
        .next()
        .expect("Sở NN&PTNT recognised");
    assert!(!r.agency_valid_at(&so.id, d("2025-03-01")));
    assert_eq!(
        r.agency_successor_at("so-nnptnt", d("2025-03-01"))
            .map(|a| a.name.as_str()),
        Some("Sở Nông nghiệp và Môi trường")
    );
    assert_eq!(
        r.agency_successor_at("tinh-ninh-thuan", d("2025-07-01"))
            .map(|a| a.id.as_str()),
        Some("tinh-khanh-hoa")
    );
    assert_eq!(r.agency("bo-nnptnt").unwrap().level, AgencyLevel::Ministry);
}

#[test]
fn misspellings_table() {
    let r = reg();
    for (text, want) in [
        (
            "tăng cường ứng dụng chuyên đổi số, bảo tồn",
            vec!["chuyển đổi số"],
        ),
        ("Chuyên đổi số trong sản xuất", vec!["chuyển đổi số"]),
        ("ứng dụng chuyển đổi số", vec![]),
        ("4. Phòng Kinh tế và Hỗn tàng:", vec!["Hạ tầng"]),
        ("các chủ thẻ OCOP", vec!["chủ thể"]),
        ("Uỷ ban nhân dân tỉnh", vec![]),
        ("chương trình OCPO năm 2024", vec!["OCOP"]),
        ("BCD Chương trình OCOP; BCĐ huyện", vec!["BCĐ"]),
        ("ABCD", vec![]),
        ("nông thôn mới", vec![]),
    ] {
        let got: Vec<&str> = r
            .find_misspellings(text)
            .into_iter()
            .map(|(s, e, m)| {
                assert!(
                    text[s..e].to_lowercase() == m.wrong.to_lowercase(),
                    "{text}"
                );
                m.right.as_str()
            })
            .collect();
        assert_eq!(got, want, "{text}");
    }
    let nfd: String = "dùng chuyên đổi số".nfd().collect();
    let hits = r.find_misspellings(&nfd);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].1, nfd.len());
    assert!(r.misspellings.iter().all(|m| !m.source.is_empty()));
}

#[test]
fn profile_lookup_table() {
    let r = reg();
    for (title, want) in [
        (
            "Thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm 2024",
            Some("ocop-plan"),
        ),
        (
            "TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM - OCOP",
            Some("ocop-plan"),
        ),
        ("Kế hoạch phát triển sản phẩm OCOP", Some("ocop-plan")),
        ("Kế hoạch phòng chống dịch", None),
    ] {
        assert_eq!(
            r.profile_for_title(title).map(|p| p.kind.as_str()),
            want,
            "{title}"
        );
    }
    let p = r.profile("ocop-plan").unwrap();
    let required: Vec<&str> = p
        .sections
        .iter()
        .filter(|s| s.required)
        .map(|s| s.key.as_str())
        .collect();
    assert_eq!(
        required,
        ["purpose", "objectives", "tasks", "funding", "organization"]
    );
    let refs =
        |at: &str| -> Vec<&str> { p.references_at(d(at)).map(|r| r.number.as_str()).collect() };
    assert_eq!(refs("2020-11-17"), ["490/QĐ-TTg", "1048/QĐ-TTg"]);
    assert_eq!(refs("2022-06-01"), ["1048/QĐ-TTg"]);
    assert_eq!(refs("2024-06-01"), ["919/QĐ-TTg", "148/QĐ-TTg"]);
    assert_eq!(
        refs("2026-01-01"),
        ["257/2025/QH15", "148/QĐ-TTg", "1489/QĐ-TTg"]
    );
    assert!(r.profile("nope").is_none());
}

#[test]
fn classify_heading_table() {
    let r = reg();
    for (h, want) in [
        ("I. MỤC ĐÍCH, YÊU CẦU", Some("purpose")),
        ("**I. QUAN ĐIỂM**", Some("purpose")),
        ("II. ĐỐI TƯỢNG VÀ YÊU CẦU THỰC HIỆN", Some("purpose")),
        ("## **I. MỤC TIÊU:**", Some("objectives")),
        (
            "Phần thứ hai MỤC TIÊU, NỘI DUNG THỰC HIỆN",
            Some("objectives"),
        ),
        ("III. GIẢI PHÁP, NHIỆM VỤ TRỌNG TÂM", Some("tasks")),
        ("IV. NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP", Some("tasks")),
        ("### **III. KẾ HOẠCH TRIỂN KHAI**", Some("tasks")),
        ("IV. KINH PHÍ THỰC HIỆN", Some("funding")),
        ("Nguồn vốn", Some("funding")),
        ("V. TỔ CHỨC THỰC HIỆN", Some("organization")),
        ("#### IV. TỔ CHỨC THỰC HIỆN", Some("organization")),
        ("I. CƠ SỞ PHÁP LÝ", Some("legal_basis")),
        ("I. KẾT QUẢ THỰC HIỆN", Some("results")),
        ("II. ĐÁNH GIÁ CHUNG", Some("results")),
        ("1. Mục tiêu chung", Some("objectives")),
        ("PHẦN I. MỤC ĐÍCH", Some("purpose")),
        ("MUC TIEU", None),
        ("V. PHỤ LỤC", None),
    ] {
        assert_eq!(r.classify_heading(h), want, "{h}");
    }
}

#[test]
fn extend_from_file_adds_and_overrides() {
    let dir = std::env::temp_dir().join(format!("khlint-registry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("extra.toml");
    std::fs::write(
        &path,
        r#"
[[document]]
id = "999/QĐ-UBND"
date = "2024-01-02"
issuer = "UBND tỉnh X"
kind = "replaced"
replaced_by = "1000/QĐ-UBND"
replaced_on = "2024-06-01"
external = ["1000/QĐ-UBND"]
source = "local"

[[document]]
id = "148/QD-TTg"
kind = "in_force"
source = "override"

[[agency]]
id = "hoi-lam-vuon"
name = "Hội Làm vườn"
level = "mass_org"
aliases = ["Hội LV"]
source = "local"

[[misspelling]]
wrong = "sản suất"
right = "sản xuất"
source = "local"
"#,
    )
    .unwrap();
    let mut r = reg();
    let n = r.documents.len();
    r.extend_from_file(&path).unwrap();
    assert_eq!(r.documents.len(), n + 1);
    assert_eq!(
        r.document_status("999/QĐ-UBND", d("2024-06-01")),
        Some(DocumentStatus::Replaced {
            by: "1000/QĐ-UBND".into(),
            on: d("2024-06-01")
        })
    );
    assert_eq!(r.document("148/QĐ-TTg").unwrap().source, "override");
    assert_eq!(r.find_agencies("giao Hội LV")[0].id, "hoi-lam-vuon");
    assert_eq!(r.find_misspellings("sản suất lúa").len(), 1);
    assert!(r.dangling_references().is_empty());

    std::fs::write(&path, "[[agency]]\nid = 1\n").unwrap();
    assert!(matches!(
        r.extend_from_file(&path),
        Err(RegistryError::Parse { .. })
    ));
    std::fs::write(
        &path,
        "[[agency]]\nid='x'\nname='x'\nlevel='other'\npatterns=['(']\n",
    )
    .unwrap();
    assert!(matches!(
        r.extend_from_file(&path),
        Err(RegistryError::Invalid(_))
    ));
    assert!(
        r.agency("x").is_none(),
        "a failed extension leaves the registry unchanged"
    );
    assert!(matches!(
        r.extend_from_file(&dir.join("missing.toml")),
        Err(RegistryError::Io { .. })
    ));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn seeds_agencies_are_recognised() {
    let r = reg();
    for s in [
        "Phòng NN&PTNT",
        "Phòng Nông nghiệp&PTNT",
        "Phòng nông nghiệp và PTNT",
        "Phòng Tài chính-Kế hoạch",
        "Phòng Văn hóa - Thông tin",
        "Phòng Lao động - Thương binh và Xã hội",
        "Sở Nông nghiệp&PTNT",
        "Trung tâm Văn hoá – Thể thao và Truyền thông",
        "Đài Truyền thanh - Truyền hình huyện",
        "UBMTTQVN huyện",
        "Mặt trận Tổ quốc Việt Nam huyện Đăk R'Lấp",
        "Ban Chỉ đạo Chương trình MTQG huyện",
        "Hội đồng đánh giá phân hạng sản phẩm OCOP cấp huyện",
        "Văn phòng HĐND và UBND huyện",
        "TTHU, TTHĐND huyện",
    ] {
        assert!(!r.find_agencies(s).is_empty(), "{s}");
    }
}

#[test]
fn a_documents_form_names_it_where_its_symbol_cannot() {
    let r = Registry::embedded();
    assert!(
        r.describe_document("257/2025/QH15")
            .starts_with("Nghị quyết số 257/2025/QH15"),
        "{}",
        r.describe_document("257/2025/QH15")
    );
    assert!(r
        .describe_document("72/2025/QH15")
        .starts_with("Luật số 72/2025/QH15"));
    assert!(r
        .describe_document("148/QĐ-TTg")
        .starts_with("Quyết định số 148/QĐ-TTg"));
}
