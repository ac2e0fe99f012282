//! Lines, sentences and boilerplate of an article.

use super::normalize::fold;
use super::Document;
use crate::offsets::Span;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

const CUES: &str = crate::data_file!("boilerplate_cues.tsv");

/// What kind of boilerplate a region is (INTERFACE.md names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BoilerplateKind {
    /// Site name, staff lines, section labels.
    Masthead,
    /// "Read also" blocks of other stories.
    Related,
    /// Tag lines.
    Tags,
    /// `المصدر:` lines.
    Source,
    /// Author lines, and share/follow/comment lines.
    Byline,
}

/// A boilerplate region of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Boilerplate {
    /// Where it is (raw bytes).
    pub span: Span,
    /// What it is.
    pub kind: BoilerplateKind,
}

/// Non-blank lines, trimmed, as byte spans.
pub fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let trimmed_start = piece.len() - piece.trim_start().len();
        let body = piece.trim();
        if !body.is_empty() {
            out.push(Span::new(start + trimmed_start, start + trimmed_start + body.len()));
        }
        start += piece.len();
    }
    out
}

/// How far (in bytes) an open quotation keeps full stops inside one sentence.
const MAX_QUOTE_BYTES: usize = 600;

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

/// Bytes that can start (or, for `؟`, end) a sentence or quotation mark in UTF-8:
/// `.` `!` `?` `"`, `«` `»` (C2 …), `۔` (DB 94), `…` `“` `”` (E2 80 …), and the
/// second byte of `؟` (D8 9F). Not D8 itself: half the bytes of Arabic text are
/// D8 or D9, in no predictable order, and a branch on them was most of the time.
const MARK_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = [b'.', b'!', b'?', b'"', 0xC2, 0xDB, 0xE2, 0x9F];
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// The next sentence mark or quotation mark in `body` at or after byte `from`.
/// Scans bytes, decoding only at candidates: the split looks at every character
/// of every article.
fn next_mark(body: &str, from: usize) -> Option<(usize, char)> {
    let bytes = body.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if MARK_BYTE[b as usize] {
            // `؟` is found by its second byte; it starts one byte back.
            let at = if b == 0x9F { i.saturating_sub(1).max(from) } else { i };
            if let Some(c) = body.get(at..).and_then(|rest| rest.chars().next()) {
                if is_sentence_end(c) || matches!(c, '"' | '“' | '”' | '«' | '»') {
                    return Some((at, c));
                }
            }
        }
        i += 1;
    }
    None
}

/// Sentences inside each line: split after `.`, `!`, `?`, `؟`, `…` when a space
/// or closing quote follows, never inside a number such as `1.3`.
pub fn sentences(text: &str, lines: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for line in lines {
        let Some(body) = text.get(line.start..line.end) else { continue };
        let char_at = |b: usize| body.get(b..).and_then(|rest| rest.chars().next());
        let mut start = 0;
        let mut pos = 0;
        // Inside a quotation a full stop does not end the sentence (`قال: "… مستعدون.
        // لكننا …"`), unless the quote never closes: past MAX_QUOTE_BYTES it is
        // taken for a stray mark.
        let mut quote_open: Option<usize> = None;
        while let Some((b, c)) = next_mark(body, pos) {
            pos = b + c.len_utf8();
            match c {
                '“' | '«' => quote_open = Some(b),
                '”' | '»' => quote_open = None,
                '"' => quote_open = if quote_open.is_some() { None } else { Some(b) },
                _ => {}
            }
            if !is_sentence_end(c) {
                continue;
            }
            // …unless the quotation closes right after the mark (`سنرد."`).
            let closes_next = matches!(char_at(pos), Some('"' | '”' | '»'));
            if !closes_next && quote_open.is_some_and(|q| b - q < MAX_QUOTE_BYTES) {
                continue;
            }
            // Let closing quotes and repeated marks join the sentence they end.
            while let Some(nc) = char_at(pos) {
                if !(is_sentence_end(nc) || matches!(nc, '"' | '”' | '»' | '\'' | ')')) {
                    break;
                }
                if matches!(nc, '"' | '”' | '»') {
                    quote_open = None;
                }
                pos += nc.len_utf8();
            }
            // Scraped Arabic text often drops the space after a full stop or `؟`
            // (`العلاقة؟ردت`); an Arabic letter right after the mark still starts a
            // sentence, while a digit (`1.3`) or a Latin letter (`U.S.`) does not.
            let starts_next = char_at(pos).is_none_or(|nc| nc.is_whitespace() || super::charset::is_arabic_letter(nc));
            if !starts_next {
                continue;
            }
            push_trimmed(&mut out, body, line.start, start, pos);
            start = pos;
        }
        push_trimmed(&mut out, body, line.start, start, body.len());
    }
    out
}

fn push_trimmed(out: &mut Vec<Span>, body: &str, base: usize, start: usize, end: usize) {
    let piece = body.get(start..end).unwrap_or("");
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(base + start + lead, base + start + lead + trimmed.len()));
    }
}

fn cues() -> &'static [(BoilerplateKind, String)] {
    static CUE_LIST: OnceLock<Vec<(BoilerplateKind, String)>> = OnceLock::new();
    CUE_LIST.get_or_init(|| {
        let mut list: Vec<(BoilerplateKind, String)> = CUES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (kind, phrase) = l.split_once('\t')?;
                let kind = match kind.trim() {
                    "source" => BoilerplateKind::Source,
                    "tags" => BoilerplateKind::Tags,
                    "related" => BoilerplateKind::Related,
                    "share" | "byline" => BoilerplateKind::Byline,
                    _ => return None,
                };
                Some((kind, fold(phrase.trim())))
            })
            .collect();
        // Longest first, so `شارك المقال` wins over `شارك`.
        list.sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
        list
    })
}

/// The cue a folded line starts with, if any. A cue must be followed by a colon,
/// a space or the end of the line; `byline`/`share` cues only count on short lines.
fn cue_of(folded_line: &str, words: usize) -> Option<(BoilerplateKind, usize)> {
    for (kind, phrase) in cues() {
        let Some(rest) = folded_line.strip_prefix(phrase.as_str()) else { continue };
        let rest_trim = rest.trim_start();
        let bounded = rest.is_empty() || rest.starts_with([' ', ':', '|', '-']);
        if !bounded {
            continue;
        }
        let has_colon = rest_trim.starts_with(':');
        let ok = match kind {
            BoilerplateKind::Byline => has_colon || words <= 4,
            BoilerplateKind::Source | BoilerplateKind::Tags => has_colon || words <= 6,
            _ => true,
        };
        if ok {
            return Some((*kind, phrase.len()));
        }
    }
    None
}

/// Words in a line head that [`fold_line_head`] folds: more than any cue has.
const HEAD_WORDS: usize = 12;

/// A line folded (whole when it has at most [`HEAD_WORDS`] words, else its first
/// words only), and its word count, counted up to `HEAD_WORDS + 1` (the tests
/// that use it look at counts below that).
fn fold_line_head(line: &str) -> (String, usize) {
    // One pass over the head only: most of an article is in long lines.
    let (mut words, mut cut, mut in_word) = (0, line.len(), false);
    for (b, c) in line.char_indices() {
        // Arabic letters first: `char::is_whitespace` looks a table up for them.
        let space = !matches!(c, '\u{0600}'..='\u{06FF}') && c.is_whitespace();
        if !space && !in_word {
            if words == HEAD_WORDS {
                cut = b;
                words += 1;
                break;
            }
            words += 1;
        }
        in_word = !space;
    }
    (fold(line.get(..cut).unwrap_or(line)), words)
}

/// Words of a line, for the shape tests.
fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn has_sentence_punctuation(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '.' | '،' | ',' | ':' | '؟' | '?' | '!' | '؛' | '"' | '“' | '”' | '«' | '»'))
}

/// Mark boilerplate in every document of the set, by three general signals:
/// a line repeated inside one article (mastheads printed twice), a short line
/// without punctuation repeated across articles (site names, section labels),
/// and cue phrases (`المصدر:`, `كلمات دلالية`, `اقرأ أيضا` …). A `related` cue in
/// the second half of an article starts a block that runs to its end.
pub fn detect_boilerplate(docs: &mut [Document]) {
    // Short lines shared by several articles of the set.
    // Every line folded once, for both passes; a long line only as far as a cue
    // could reach (most of an article's text is in long lines, and they are
    // never short-line boilerplate).
    let folded_docs: Vec<Vec<(String, usize)>> = docs.iter().map(|d| d.lines.iter().map(|l| fold_line_head(d.slice(*l))).collect()).collect();
    let mut across: HashMap<&str, usize> = HashMap::new();
    for folded in &folded_docs {
        let mut seen = std::collections::HashSet::new();
        for (f, words) in folded {
            if *words <= 4 && !has_sentence_punctuation(f) && seen.insert(f.as_str()) {
                *across.entry(f.as_str()).or_default() += 1;
            }
        }
    }
    for (doc, folded) in docs.iter_mut().zip(&folded_docs) {
        let mut within: HashMap<&str, usize> = HashMap::new();
        for (f, words) in folded {
            if *words <= 4 {
                *within.entry(f.as_str()).or_default() += 1;
            }
        }
        let mut regions: Vec<Boilerplate> = Vec::new();
        let (mut source_outlet, mut site_outlet) = (None, None);
        // The first line that reads like body text: section labels come before it;
        // one-word lines after it are in-text headings (`الخلفية`).
        let body_start = folded.iter().position(|(_, words)| *words > 8).unwrap_or(folded.len());
        for (i, (line, (f, words))) in doc.lines.iter().zip(folded).enumerate() {
            let words = *words;
            let short = words <= 4 && !has_sentence_punctuation(f);
            if let Some((kind, cue_len)) = cue_of(f, words) {
                let span = if kind == BoilerplateKind::Related && line.start * 2 >= doc.text.len() {
                    Span::new(line.start, doc.lines.last().map_or(line.end, |l| l.end))
                } else {
                    *line
                };
                if kind == BoilerplateKind::Source && source_outlet.is_none() {
                    let name = doc.slice(*line).get(0..).unwrap_or("");
                    // The outlet is what follows the cue and its colon.
                    let after = name.split_once([':', '：']).map(|(_, n)| n.trim()).unwrap_or("");
                    if !after.is_empty() && word_count(after) <= 5 {
                        source_outlet = Some(after.to_string());
                    }
                }
                let _ = cue_len;
                regions.push(Boilerplate { span, kind });
            } else if short && within.get(f.as_str()).copied().unwrap_or(0) >= 2 {
                regions.push(Boilerplate { span: *line, kind: BoilerplateKind::Masthead });
            } else if short && i > 0 && across.get(f.as_str()).copied().unwrap_or(0) >= 2 {
                if site_outlet.is_none() {
                    site_outlet = Some(doc.slice(*line).to_string());
                }
                regions.push(Boilerplate { span: *line, kind: BoilerplateKind::Masthead });
            } else if i > 0 && i < body_start && words == 1 && !f.chars().any(|c| c.is_ascii_digit()) && !has_sentence_punctuation(f) {
                // A one-word line between the headline and the body is a section label.
                regions.push(Boilerplate { span: *line, kind: BoilerplateKind::Masthead });
            }
        }
        doc.boilerplate = merge_adjacent(&doc.text, regions);
        // An explicit `المصدر:` line names the outlet better than a site-name line.
        doc.outlet = source_outlet.or(site_outlet);
    }
}

/// Join regions of one kind separated only by whitespace, and drop regions inside others.
fn merge_adjacent(text: &str, mut regions: Vec<Boilerplate>) -> Vec<Boilerplate> {
    regions.sort_by_key(|b| (b.span.start, std::cmp::Reverse(b.span.end)));
    let mut out: Vec<Boilerplate> = Vec::new();
    for r in regions {
        if let Some(last) = out.last_mut() {
            if last.span.contains(&r.span) {
                continue;
            }
            let gap = text.get(last.span.end..r.span.start).unwrap_or("x");
            if last.kind == r.kind && gap.trim().is_empty() {
                last.span.end = r.span.end;
                continue;
            }
        }
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::read_documents;

    #[test]
    fn sentences_split_on_arabic_and_latin_marks_not_numbers() {
        let text = "قال إن النمو 1.3 بالمئة. وأضاف: لماذا؟ لا أعرف!العلاقة؟ردت U.S. نعم\nعنوان بلا نقطة";
        let ls = lines(text);
        let got: Vec<&str> = sentences(text, &ls).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, vec!["قال إن النمو 1.3 بالمئة.", "وأضاف: لماذا؟", "لا أعرف!", "العلاقة؟", "ردت U.S.", "نعم", "عنوان بلا نقطة"]);
    }

    #[test]
    fn quotations_keep_their_full_stops() {
        let text = "قال الوزير: \"نحن مستعدون للحوار. لكننا سنرد.\" وغادر. ثم قال «لن نتراجع. أبدا» وعاد.\nوقال \"بلا إغلاق. ثم جملة أخرى";
        let ls = lines(text);
        let got: Vec<&str> = sentences(text, &ls).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            got,
            vec!["قال الوزير: \"نحن مستعدون للحوار. لكننا سنرد.\"", "وغادر.", "ثم قال «لن نتراجع. أبدا» وعاد.", "وقال \"بلا إغلاق. ثم جملة أخرى"]
        );
        // A quotation mark that never closes holds a full stop only so far.
        let long = format!("قال \"{}. وبعد", "كلام طويل ".repeat(80));
        assert_eq!(sentences(&long, &lines(&long)).len(), 2);
    }

    #[test]
    fn repeated_lines_and_cues_are_boilerplate() {
        let a = "طاقم التحرير\nفلان الفلاني\nطاقم التحرير\nفلان الفلاني\n\nعنوان الخبر الأول\n\nموقع الأخبار\n\nنص الخبر الأول هنا، وفيه جمل كثيرة.\nكلمات دلالية: سياسة اقتصاد";
        let b = "عنوان آخر تماما\n\nموقع الأخبار\n\nنص ثان طويل بما يكفي ليكون متنا حقيقيا.\nالمصدر: وكالة ما";
        let docs = read_documents(&[a, b]);
        let kinds: Vec<(&str, BoilerplateKind)> =
            docs[0].boilerplate.iter().map(|r| (docs[0].slice(r.span), r.kind)).collect();
        assert_eq!(kinds[0], ("طاقم التحرير\nفلان الفلاني\nطاقم التحرير\nفلان الفلاني", BoilerplateKind::Masthead));
        assert!(kinds.contains(&("موقع الأخبار", BoilerplateKind::Masthead)), "{kinds:?}");
        assert!(kinds.contains(&("كلمات دلالية: سياسة اقتصاد", BoilerplateKind::Tags)), "{kinds:?}");
        assert_eq!(docs[0].slice(docs[0].title.unwrap()), "عنوان الخبر الأول");
        assert_eq!(docs[1].outlet.as_deref(), Some("وكالة ما"));
        assert_eq!(docs[0].outlet.as_deref(), Some("موقع الأخبار"));
    }

    #[test]
    fn long_lines_are_folded_only_at_their_head() {
        let words: Vec<String> = (0..20).map(|i| format!("كلمة{i}")).collect();
        let line = words.join(" ");
        let (head, n) = fold_line_head(&line);
        assert_eq!(n, HEAD_WORDS + 1);
        assert_eq!(head, fold(&words[..HEAD_WORDS].join(" ")) + " ");
        assert_eq!(fold_line_head("المصدر: الحرة"), (fold("المصدر: الحرة"), 2));
    }
}

#[cfg(test)]
mod lead_tests {
    use crate::text::read_documents;

    #[test]
    fn the_lead_is_the_first_real_sentence_after_the_headline() {
        // Two articles of one outlet, so the repeated masthead lines are boilerplate.
        let masthead = "الإشراف العام\nإلهام أبو الفتح\nرئيس التحرير\nأحمد صبري\n\n";
        let a = format!("{masthead}سيول تحذر روسيا\n\nتقديم:\n\nاستدعت كوريا الجنوبية سفير روسيا في سيول لتحذير موسكو من أي تعاون عسكري.\n\nوقال نائب الوزير إن على روسيا أن تتوقف.");
        let b = format!("{masthead}خبر آخر\n\nأعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في الصعيد.");
        let docs = read_documents(&[&a, &b]);
        let lead = docs[0].lead().map(|s| docs[0].slice(s).to_string());
        assert_eq!(lead.as_deref(), Some("استدعت كوريا الجنوبية سفير روسيا في سيول لتحذير موسكو من أي تعاون عسكري."));
        assert!(read_documents(&["عنوان فقط"])[0].lead().is_none());
    }
}
