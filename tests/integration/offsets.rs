use mirsad::{analyze, ArticleInput};

/// Persian letters, tatweel, diacritics and an emoji before the names: the
/// scalar and UTF-16 offsets must both point at the names.
#[test]
fn mention_offsets_in_three_units() {
    let text = "😀 کوریا الشمالیة: قالَ الرئيـــس فلاديمير بوتين في موسكو.";
    let a = analyze(&[ArticleInput { id: "x".into(), text: text.into(), dct: None, page: None }]).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let units: Vec<u16> = text.encode_utf16().collect();
    for m in &a.articles[0].entities {
        let by_scalar: String = chars[m.start..m.end].iter().collect();
        let by_utf16 = String::from_utf16(&units[m.start16..m.end16]).unwrap();
        assert_eq!(by_scalar, m.text);
        assert_eq!(by_utf16, m.text);
    }
}
