//! Finding mentions: known names (gazetteer with variants), then rules (titles,
//! given names, organisation heads, place and outlet descriptors), then every
//! other occurrence of a person's name or part of it found anywhere in the set.

use super::lexicon::{lexicon, name_starts, variants, Lexicon};
use super::tagger::{self, Model, StaticFeatures};
use super::{EntityType, Mention};
use crate::offsets::Span;
use crate::text::clitics::readings;
use crate::text::{Document, TokenKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The most tokens a rule takes as a person's name after a title.
const MAX_NAME_TOKENS: usize = 4;
/// An Arabic name's chain of given names and connectors is longer
/// (`حمد بن جاسم بن جبر آل ثاني`).
const MAX_NASAB_TOKENS: usize = 8;
/// The most tokens a rule takes after an organisation head (`وزارة` + 3).
const MAX_ORG_TAIL: usize = 3;

/// A word token with its readings, as the matchers see it.
pub(crate) struct Word<'a> {
    pub(crate) span: Span,
    pub(crate) norm: &'a str,
    /// (offset of the stem in the raw token, folded stem); the whole token first.
    pub(crate) readings: Vec<(usize, String)>,
    /// True when only spaces separate it from the next word (no punctuation, no line break).
    pub(crate) joined_to_next: bool,
    pub(crate) is_word: bool,
    /// Written with a final ي, not ى: `علي` the name, where folding makes it `على` too.
    pub(crate) final_yeh: bool,
}

pub(crate) fn words(doc: &Document) -> Vec<Word<'_>> {
    let mut out: Vec<Word> = doc
        .tokens
        .iter()
        .map(|t| {
            let raw = doc.slice(t.span);
            let is_word = matches!(t.kind, TokenKind::Word | TokenKind::Latin);
            let readings = if t.kind == TokenKind::Word {
                readings(raw, &t.norm).into_iter().map(|r| (r.raw_offset, r.stem)).collect()
            } else {
                vec![(0, t.norm.to_string())]
            };
            let final_yeh = raw.chars().rev().find(|c| !crate::text::charset::is_arabic_mark(*c)) == Some('ي');
            Word { span: t.span, norm: t.norm.as_str(), readings, joined_to_next: false, is_word, final_yeh }
        })
        .collect();
    for i in 0..out.len().saturating_sub(1) {
        let gap = doc.text.get(out[i].span.end..out[i + 1].span.start).unwrap_or("\n");
        out[i].joined_to_next = !gap.contains('\n') && gap.chars().all(char::is_whitespace);
    }
    out
}

/// A found name before linking.
#[derive(Clone, Debug)]
struct Found {
    first: usize,
    last: usize,
    offset: usize,
    kind: EntityType,
    name: String,
    known: Option<usize>,
    /// Found by a rule that wins over the tagger: a known name, or a chain of Arabic
    /// given names (`خالد سعيد`: 8-fold CV 0.772 / 0.770 over two seeds, 0.772 / 0.769
    /// without). Titles and foreign given names were tried too; cross-validation on
    /// ANERcorp did not prefer them.
    sure: bool,
}

/// The folded phrase of words `first..=last`, the first word read as `first_stem`
/// (a hyphen between two words is read as a space: see [`next_in_phrase`]).
fn phrase(ws: &[Word], first_stem: &str, first: usize, last: usize) -> Option<String> {
    let mut out = first_stem.to_string();
    let mut k = first;
    while k < last {
        k = next_in_phrase(ws, k).filter(|&next| next <= last)?;
        out.push(' ');
        out.push_str(ws[k].norm);
    }
    Some(out)
}

/// The word after word `k` in a phrase: the next token when only spaces come
/// between, or the one after a hyphen, as names are often written (`كيم جونغ-أون`,
/// `ميشال اليو - ماري`).
fn next_in_phrase(ws: &[Word], k: usize) -> Option<usize> {
    let next = ws.get(k + 1)?;
    if !ws.get(k)?.joined_to_next {
        return None;
    }
    if next.is_word {
        return Some(k + 1);
    }
    (matches!(next.norm, "-" | "‐" | "–") && next.joined_to_next && ws.get(k + 2)?.is_word).then_some(k + 2)
}

/// The longest phrase from word `first` (read as `first_stem`) of `max_len` tokens
/// or fewer that `hit` knows: (the tokens it spans, hyphens included, and what
/// `hit` said). One word is tried when `one`, more when `more`. The phrase grows
/// in one buffer: this runs at every word, and a string per length tried was a
/// fifth of the stage's time.
fn longest_phrase<T>(ws: &[Word], first_stem: &str, first: usize, max_len: usize, one: bool, more: bool, mut hit: impl FnMut(&str) -> Option<T>) -> Option<(usize, T)> {
    let mut best = if one && max_len >= 1 { hit(first_stem).map(|t| (1, t)) } else { None };
    if !more {
        return best;
    }
    let mut p = String::from(first_stem);
    let mut last = first;
    while let Some(next) = next_in_phrase(ws, last).filter(|&next| next < first + max_len) {
        last = next;
        p.push(' ');
        p.push_str(ws[last].norm);
        if let Some(t) = hit(&p) {
            best = Some((last + 1 - first, t));
        }
    }
    best
}

/// Longest known-name match starting at word `i`: (last word, stem offset, name, entity).
/// `starts` holds the first words of the names of two words or more (in `lx` or
/// `names`): only those are tried as the start of a longer match.
fn known_at(lx: &Lexicon, ws: &[Word], i: usize, names: &HashMap<String, (EntityType, Option<usize>)>, starts: &HashSet<String>) -> Option<(usize, usize, String, EntityType, Option<usize>)> {
    let w = ws.get(i)?;
    if !w.is_word {
        return None;
    }
    let max = lx.max_name_tokens.max(4);
    let mut best: Option<(usize, usize, String, EntityType, Option<usize>)> = None;
    // A common word is not a proclitic and a name (`وجيزة`, brief, is not `و` + `جيزة`;
    // `كتبت`, she wrote, is not `ك` + `تبت`), but a proclitic and an ال-word are
    // what they seem (`والغرب`).
    let whole_common = lx.common_words.contains(w.norm);
    for (offset, stem) in &w.readings {
        // A short word after a proclitic is read as a stem only as the first word of
        // a longer name (`وتل أبيب`): alone it is too often a word of its own.
        let short = *offset > 0 && stem.chars().count() < 3;
        let longer = starts.contains(stem.as_str());
        if (short && !longer) || (*offset > 0 && whole_common && !stem.starts_with("ال")) {
            continue;
        }
        let one = !short && !lx.function_words.contains(stem.as_str());
        let hit = longest_phrase(ws, stem, i, max, one, longer, |p| lx.names.get(p).map(|&k| (lx.known[k].kind, Some(k))).or_else(|| names.get(p).copied()));
        if let Some((len, (kind, known))) = hit.filter(|(len, _)| best.as_ref().is_none_or(|b| b.0 + 1 - i < *len)) {
            best = Some((i + len - 1, *offset, phrase(ws, stem, i, i + len - 1)?, kind, known));
        }
    }
    if best.is_none() {
        best = known_by_skeleton(lx, ws, i);
    }
    best
}

/// A known person's name of two or three words in another spelling of its
/// vowels (`فيديل كاسترو` for `فيدل كاسترو`): the phrase's consonant skeleton is
/// the name's, every word has three letters or more, and `skeleton_may_be`.
fn known_by_skeleton(lx: &Lexicon, ws: &[Word], i: usize) -> Option<(usize, usize, String, EntityType, Option<usize>)> {
    let w = ws.get(i)?;
    if !w.is_word || lx.skeleton_starts.is_empty() || w.norm.chars().count() < 3 || !lx.skeleton_starts.contains(&super::lexicon::skeleton(w.norm)) {
        return None;
    }
    for len in (2..=3).rev() {
        let Some(p) = phrase(ws, w.norm, i, i + len - 1) else { continue };
        let Some(&k) = lx.skeletons.get(&super::lexicon::skeleton(&p)) else { continue };
        let known = &lx.known[k];
        let ok = known.kind == EntityType::Per
            && known.name_ar.split(' ').count() == len
            && ws[i..i + len].iter().all(|x| x.norm.chars().count() >= 3)
            && super::lexicon::skeleton_may_be(lx, &p, k);
        if ok {
            return Some((i + len - 1, 0, p, known.kind, Some(k)));
        }
    }
    None
}

/// A function word that never names anyone. A given name that folding makes a
/// function word is a name when written as one (`علي` the name, `على` the preposition).
fn is_function_word(lx: &Lexicon, w: &Word) -> bool {
    lx.function_words.contains(w.norm) && !is_given_like_function(lx, w)
}

/// Written as a given name that folding makes a function word too (`علي`).
fn is_given_like_function(lx: &Lexicon, w: &Word) -> bool {
    w.final_yeh && lx.given_arabic.contains(w.norm) && lx.function_words.contains(w.norm)
}

fn is_nameish(lx: &Lexicon, w: &Word) -> bool {
    let n = w.norm;
    w.is_word
        && n.chars().count() >= 2
        && !is_function_word(lx, w)
        && !is_common(lx, w)
        && !lx.nationality.contains_key(n)
        && !is_title_word(lx, n)
        && !n.starts_with("ال")
        && !n.chars().any(|c| c.is_ascii_digit())
}

/// A title, with or without its article (`الملك`, `ملك`, `السيد`): never a name word.
fn is_title_word(lx: &Lexicon, w: &str) -> bool {
    lx.person_titles.contains(w) || lx.bare_titles.contains(w)
}

/// A common word, also with a proclitic or an attached pronoun (`ومخاوفه` → `مخاوف`),
/// or a plural before its complement, which drops its ن (`مراقبو` of `مراقبون`).
fn is_common(lx: &Lexicon, w: &Word) -> bool {
    w.readings.iter().any(|(_, stem)| {
        lx.common_words.contains(stem.as_str())
            || ["ه", "ها", "هم", "هما"].iter().any(|p| stem.strip_suffix(p).is_some_and(|s| s.chars().count() >= 3 && lx.common_words.contains(s)))
            || stem.strip_suffix('و').is_some_and(|s| s.chars().count() >= 3 && ["ون", "ين"].iter().any(|p| lx.common_words.contains(&format!("{s}{p}"))))
    })
}

/// A name word may not continue a name when it starts with a conjunction or a
/// preposition fused with an alef (`لإجراء`, `بالزعيم`), unless it is a given name.
fn continues_name(lx: &Lexicon, w: &Word) -> bool {
    if !is_nameish(lx, w) {
        return false;
    }
    let n = w.norm;
    let given = lx.given_arabic.contains(n) || lx.given_foreign.contains(n) || lx.person_connectors.contains(n);
    if given {
        return true;
    }
    if n.starts_with("لل") {
        return false;
    }
    // `و` first: a conjunction (`وحيا`, `وموسكو`). `ف`, or ب, ل, ك before an alef:
    // a proclitic when what follows it is a word we know (`فقال`, `بالزعيم`,
    // `لإجراء`), else part of the name (`فيدرر`, `باسكوال`): transliterations start
    // with ف (f, v) and با (ba) far more often than with و.
    if n.starts_with('و') {
        return false;
    }
    if n.starts_with('ف') || ["لا", "با", "كا"].iter().any(|p| n.starts_with(p)) {
        return !stem_is_known(lx, w);
    }
    true
}

/// May word `k` follow an inner connector (`بن`, `أبي`, `آل`)? Any name word, also
/// one that starts like a conjunction or carries the article (`بن أبي وقاص`, `بن الخطاب`).
fn after_inner_connector(lx: &Lexicon, ws: &[Word], k: usize) -> bool {
    k > 0 && lx.inner_connectors.contains(ws[k - 1].norm) && (is_given(lx, ws[k].norm) || is_nameish(lx, &ws[k]) || is_family_name(lx, ws, k))
}

/// Is some reading of `w` after a proclitic a word we know (common, function,
/// given name, known name, title, nationality, or an ال-word)?
fn stem_is_known(lx: &Lexicon, w: &Word) -> bool {
    w.readings.iter().skip(1).any(|(_, stem)| {
        let s = stem.as_str();
        lx.common_words.contains(s) || lx.function_words.contains(s) || is_given(lx, s) || lx.names.contains_key(s) || is_title_word(lx, s) || lx.nationality.contains_key(s) || s.starts_with("ال")
    })
}

/// Is some reading of `w`, with or without ال, one of `heads` (`لمجلس`, `الوزارة`)?
fn is_head(heads: &HashSet<String>, w: &Word) -> bool {
    w.readings.iter().any(|(_, stem)| heads.contains(stem.as_str()) || stem.strip_prefix("ال").is_some_and(|s| heads.contains(s)))
}

/// The word as a given name: itself, or its stem after a proclitic when the
/// whole word is no word we know (`ووائل`, `لمحمد`; not `وعلى`, a function word).
fn given_reading<'w>(lx: &Lexicon, w: &'w Word) -> (usize, &'w str) {
    if is_given(lx, w.norm) || lx.common_words.contains(w.norm) || lx.function_words.contains(w.norm) {
        return (0, w.norm);
    }
    w.readings
        .iter()
        .skip(1)
        .find(|(_, stem)| stem.chars().count() >= 3 && is_given(lx, stem) && !lx.function_words.contains(stem.as_str()) && !lx.common_words.contains(stem.as_str()))
        .map_or((0, w.norm), |(offset, stem)| (*offset, stem.as_str()))
}

fn is_given(lx: &Lexicon, s: &str) -> bool {
    lx.given_arabic.contains(s) || lx.given_foreign.contains(s)
}

/// Length of the nationality adjective starting at word `i` (0 if none).
fn nationality_len(lx: &Lexicon, ws: &[Word], i: usize) -> usize {
    let Some(w) = ws.get(i) else { return 0 };
    let more = lx.nationality_starts.contains(w.norm);
    longest_phrase(ws, w.norm, i, lx.max_nationality_tokens.max(1), true, more, |p| lx.nationality.contains_key(p).then_some(())).map_or(0, |(len, _)| len)
}

/// Words `j..` that make a person's name after a title: returns the last word.
fn name_after_title(lx: &Lexicon, ws: &[Word], covered: &[bool], j: usize) -> Option<usize> {
    // `طارق السيد وتامر حسني`: a given name with a و after a title starts the
    // next name of a list; the title word was the end of the name before.
    if ws.get(j).is_some_and(|w| w.norm.starts_with('و') && given_reading(lx, w).0 > 0) {
        return None;
    }
    let mut k = j;
    // A given name with the article opens a name after a title (`الإمام الرضا`, `الملك الحسين`).
    let definite_given = |w: &Word| w.norm.strip_prefix("ال").is_some_and(|g| g.chars().count() >= 3 && lx.given_arabic.contains(g)) && !lx.common_definite.contains(w.norm);
    while k < j + MAX_NASAB_TOKENS && ws.get(k).is_some_and(|w| !covered[k] && if k == j { is_nameish(lx, w) || definite_given(w) } else { continues_name(lx, w) || after_inner_connector(lx, ws, k) }) {
        if k > j && !ws[k - 1].joined_to_next {
            break;
        }
        // Past four words, only a chain of given names and connectors (`حمد بن جاسم بن جبر آل ثاني`).
        if k >= j + MAX_NAME_TOKENS && !(is_given(lx, ws[k].norm) || lx.person_connectors.contains(ws[k].norm) || lx.person_connectors.contains(ws[k - 1].norm)) {
            break;
        }
        k += 1;
    }
    if k == j {
        return None;
    }
    // A given name and then an ال-word: a family name (`الدكتور فارس السقاف`).
    if k < j + MAX_NAME_TOKENS && ws[k - 1].joined_to_next && is_given(lx, ws[k - 1].norm) && k < ws.len() && !covered[k] && is_family_name(lx, ws, k) {
        k += 1;
    }
    let first = ws.get(j)?;
    // One word after a title is a name only when it is a known given name; `علي`
    // alone only before no other word (`الإمام علي ورجاله`, not `أكد الرئيس علي ضرورة`,
    // where it is `على` in another spelling).
    let alone_ok = |w: &Word| {
        (is_given(lx, w.norm) || definite_given(w))
            && (!is_given_like_function(lx, w) || ws.get(k).is_none_or(|n| !n.is_word || !w.joined_to_next || lx.function_words.contains(n.norm) || n.norm.starts_with('و')))
    };
    (k - j >= 2 || alone_ok(first)).then_some(k - 1)
}

/// An ال-word that can be a family name after a given name (`السقاف`): not a
/// nationality, title, function word, known name or common word.
fn is_family_name(lx: &Lexicon, ws: &[Word], k: usize) -> bool {
    let w = &ws[k];
    w.is_word
        && w.norm.starts_with("ال")
        && w.norm.chars().count() >= 4
        && !lx.function_words.contains(w.norm)
        && !is_title_word(lx, w.norm)
        && !lx.common_definite.contains(w.norm)
        && nationality_len(lx, ws, k) == 0
        && !lx.names.contains_key(w.norm)
}

fn mark(covered: &mut [bool], f: &Found) {
    for c in covered.iter_mut().take(f.last + 1).skip(f.first) {
        *c = true;
    }
}

fn free(covered: &[bool], first: usize, last: usize) -> bool {
    (first..=last).all(|i| !covered.get(i).copied().unwrap_or(true))
}

/// The gazetteer's names in a document, leftmost-longest (step 1 of `first_pass`).
fn known_names(lx: &Lexicon, ws: &[Word]) -> Vec<Found> {
    let none = HashMap::default();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if let Some((last, offset, name, kind, known)) = known_at(lx, ws, i, &none, &lx.name_starts) {
            out.push(Found { first: i, last, offset, kind, name, known, sure: known.is_some() });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// How many sports words make a document a sports report.
const SPORTS_REPORT_WORDS: usize = 4;

/// Does the document read as sports reporting (words like `مباراة`, `المدرب`)?
fn is_sports_report(lx: &Lexicon, ws: &[Word]) -> bool {
    ws.iter().filter(|w| w.is_word && w.readings.iter().any(|(_, stem)| lx.sport_words.contains(stem.as_str()))).nth(SPORTS_REPORT_WORDS - 1).is_some()
}

/// Do an outlet descriptor and an opening quote come before word `i` (`صحيفة "`)?
/// Without the quote the place may be meant (`موقع لبنان`, Lebanon's position).
fn after_outlet_descriptor(lx: &Lexicon, ws: &[Word], i: usize) -> bool {
    let quoted = i.checked_sub(1).and_then(|p| ws.get(p)).is_some_and(|w| matches!(w.norm, "\"" | "«" | "“"));
    quoted && i.checked_sub(2).and_then(|d| ws.get(d)).is_some_and(|w| w.readings.iter().any(|(_, s)| lx.org_descriptors.contains(s)))
}

/// Is the place name `f` said as a place: after `في` or a place descriptor, or
/// with the preposition `ب` on it (`بليفربول`, in Liverpool)?
fn is_where(lx: &Lexicon, doc: &Document, ws: &[Word], f: &Found) -> bool {
    let proclitics = doc.text.get(ws[f.first].span.start..ws[f.first].span.start + f.offset).unwrap_or("");
    proclitics.contains('ب')
        || f.first.checked_sub(1).and_then(|p| ws.get(p)).is_some_and(|w| w.norm == "في" || is_head(&lx.loc_descriptors, w))
}

/// A place of `places_in_context` at word `i`: after a preposition or a place word
/// (`في سورية`, `جنوب مالي`), with ب or ل attached (`بسورية`, `لسورية`), or with
/// و after another place (`روسيا وسورية`).
fn place_in_context(lx: &Lexicon, doc: &Document, ws: &[Word], i: usize, after_place: bool) -> Option<Found> {
    let w = &ws[i];
    let after_preposition = i.checked_sub(1).is_some_and(|p| ws[p].joined_to_next && (lx.loc_prepositions.contains(ws[p].norm) || is_head(&lx.loc_descriptors, &ws[p])));
    w.readings.iter().find_map(|(offset, stem)| {
        let &known = lx.places_in_context.get(stem.as_str())?;
        let proclitics = doc.text.get(w.span.start..w.span.start + offset).unwrap_or("");
        (if *offset == 0 { after_preposition } else { proclitics.contains(['ب', 'ل']) || (after_place && proclitics == "و") }).then(|| Found {
            first: i,
            last: i,
            offset: *offset,
            kind: lx.known[known].kind,
            name: stem.clone(),
            known: Some(known),
            sure: true,
        })
    })
}

/// Every gazetteer match of a document: byte span of the stem, the matched
/// spelling and the entity, for auditing which spellings name nothing.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn known_matches(doc: &Document) -> Vec<(usize, usize, String, usize)> {
    let ws = words(doc);
    known_names(lexicon(), &ws).into_iter().filter_map(|f| Some((ws[f.first].span.start + f.offset, ws[f.last].span.end, f.name, f.known?))).collect()
}

/// Known names and rules over one document.
fn first_pass(lx: &Lexicon, doc: &Document, ws: &[Word]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut covered = vec![false; ws.len()];
    // 1. Known names, leftmost-longest; in a sports report a city that names a
    // club is the club (`حارس مرمى ليفربول`), unless it is where something happens
    // (`في ليفربول`, `بمدينة ليفربول`, `بليفربول`).
    let sporty = is_sports_report(lx, ws);
    let known = known_names(lx, ws);
    for (n, mut f) in known.iter().cloned().enumerate() {
        // A known person's nasab goes on after the name we know (`حمد بن جاسم` + `بن جبر آل ثاني`).
        if f.kind == EntityType::Per {
            let next_known = known.get(n + 1).map_or(usize::MAX, |g| g.first);
            while f.last + 2 < next_known.min(ws.len()) && ws[f.last].joined_to_next && ws[f.last + 1].joined_to_next && after_inner_connector(lx, ws, f.last + 2) {
                f.last += 2;
            }
        }
        if let Some(&club) = f.known.and_then(|k| lx.club_of.get(&k)).filter(|_| sporty && !is_where(lx, doc, ws, &f)) {
            f.kind = EntityType::Org;
            f.known = Some(club);
        } else if f.kind == EntityType::Loc && after_outlet_descriptor(lx, ws, f.first) {
            // A place's name quoted after `صحيفة` or `قناة` names the outlet (`صحيفة " الشرق الأوسط "`).
            f.kind = EntityType::Org;
            f.known = None;
        }
        mark(&mut covered, &f);
        found.push(f);
    }
    // 1b. A place whose name is also a common word, where the words around make it one.
    let mut after_place = vec![false; ws.len() + 1];
    for f in found.iter().filter(|f| f.kind == EntityType::Loc && ws[f.last].joined_to_next) {
        after_place[f.last + 1] = true;
    }
    for i in 0..ws.len() {
        if !covered[i] {
            if let Some(f) = place_in_context(lx, doc, ws, i, after_place[i]) {
                mark(&mut covered, &f);
                found.push(f);
            }
        }
    }
    // 2. Rules, on words no known name took.
    for i in 0..ws.len() {
        if covered[i] || !ws[i].is_word {
            continue;
        }
        // 2a. A title, optional nationality adjectives and a comma, then a name.
        let title_end = ws[i].readings.iter().find_map(|(_, stem)| {
            let more = lx.title_starts.contains(stem.as_str());
            longest_phrase(ws, stem, i, lx.max_title_tokens.max(1), true, more, |p| lx.person_titles.contains(p).then_some(())).map(|(len, _)| i + len)
        });
        if let Some(mut j) = title_end {
            loop {
                let n = if ws.get(j).is_some_and(|w| lx.title_adjectives.contains(w.norm)) { 1 } else { nationality_len(lx, ws, j) };
                if n > 0 {
                    j += n;
                    continue;
                }
                if ws.get(j).is_some_and(|w| matches!(w.norm, "," | "،")) {
                    j += 1;
                    continue;
                }
                break;
            }
            if let Some(last) = name_after_title(lx, ws, &covered, j) {
                let name = phrase(ws, ws[j].norm, j, last).unwrap_or_default();
                let f = Found { first: j, last, offset: 0, kind: EntityType::Per, name, known: None, sure: false };
                mark(&mut covered, &f);
                found.push(f);
                continue;
            }
        }
        let w = &ws[i];
        // 2b. A given name followed by name words; the given name may carry a
        // proclitic (`ووائل القباني` in a list of players).
        let (offset, given) = given_reading(lx, w);
        let foreign = lx.given_foreign.contains(given) && given.chars().count() >= 2;
        let arabic = lx.given_arabic.contains(given);
        if (foreign || arabic) && !is_function_word(lx, w) {
            let mut last = i;
            let max = if arabic && !foreign { MAX_NASAB_TOKENS } else { MAX_NAME_TOKENS };
            // The second half of a compound given name (`عبد العزيز`) continues it, article and all.
            let compound = |k: usize| arabic && ws[k].is_word && is_given(lx, &format!("{} {}", ws[k - 1].norm, ws[k].norm));
            while last + 1 < ws.len() && last + 1 - i < max && ws[last].joined_to_next && !covered[last + 1] && (continues_name(lx, &ws[last + 1]) || compound(last + 1) || after_inner_connector(lx, ws, last + 1)) {
                let next = ws[last + 1].norm;
                // After an Arabic given name, only more given names and connectors.
                if arabic && !foreign && !(is_given(lx, next) || lx.person_connectors.contains(next) || (last > i && lx.person_connectors.contains(ws[last].norm))) {
                    break;
                }
                last += 1;
            }
            // Two Arabic given names and then an ال-word: a family name (`عثمان محمد الأغبش`),
            // unless it is a nationality adjective or a common word.
            if arabic && !foreign && last > i && last + 1 < ws.len() && ws[last].joined_to_next && !covered[last + 1] && is_family_name(lx, ws, last + 1) {
                last += 1;
            }
            if last > i && !lx.person_connectors.contains(ws[last].norm) {
                let name = phrase(ws, given, i, last).unwrap_or_default();
                // A chain of Arabic given names (`خالد سعيد`, `سعد ناصر فهد`) is a name
                // whatever the tagger says.
                let sure = arabic && !foreign && (i..=last).all(|k| lx.given_arabic.contains(if k == i { given } else { ws[k].norm }) || lx.person_connectors.contains(ws[k].norm) || (k == last && k >= i + 2 && ws[k].norm.starts_with("ال")));
                let f = Found { first: i, last, offset, kind: EntityType::Per, name, known: None, sure };
                mark(&mut covered, &f);
                found.push(f);
                continue;
            }
        }
        // 2b'. A definite nationality adjective and then two or three name words
        // that no list knows (`الألماني فلوريان ماير`, `اليابانية آي سوغياما`).
        // The adjective may carry a و (`والفرنسي ليليان تورام` in a list of players).
        let conjoined = w.readings.iter().skip(1).any(|(o, s)| {
            let prefix = doc.text.get(w.span.start..w.span.start + o).unwrap_or("");
            prefix.starts_with('و') && s.starts_with("ال") && lx.nationality.contains_key(s.as_str())
        });
        let n = if conjoined { 1 } else { nationality_len(lx, ws, i) };
        if n > 0 && (conjoined || w.norm.starts_with("ال")) && ws[i + n - 1].joined_to_next {
            let j = i + n;
            let mut last = j;
            while last < ws.len() && last < j + 3 && !covered[last] && is_nameish(lx, &ws[last]) && !lx.names.contains_key(ws[last].norm) && (last == j || (ws[last - 1].joined_to_next && continues_name(lx, &ws[last]))) {
                last += 1;
            }
            if last >= j + 2 {
                let name = phrase(ws, ws[j].norm, j, last - 1).unwrap_or_default();
                let f = Found { first: j, last: last - 1, offset: 0, kind: EntityType::Per, name, known: None, sure: false };
                mark(&mut covered, &f);
                found.push(f);
                continue;
            }
        }
        // 2c'. A definite organisation head and relational or nationality adjectives
        // (`الاتحاد الأوروبي`, `البنك الدولي`), then perhaps `لل` and its words
        // (`الاتحاد الدولي للشرطة`). Without an adjective it is a common noun (`الحزب الحاكم`).
        if let Some((offset, stem)) = w.readings.iter().find(|(_, s)| s.strip_prefix("ال").is_some_and(|h| lx.org_heads.contains(h))) {
            let adjective_at = |k: usize| -> usize {
                let Some(next) = ws.get(k).filter(|_| !covered[k]) else { return 0 };
                if lx.org_adjectives.contains(next.norm) {
                    1
                } else {
                    nationality_len(lx, ws, k)
                }
            };
            let mut last = i;
            while ws[last].joined_to_next && last + 1 < ws.len() && last - i < MAX_ORG_TAIL {
                let n = adjective_at(last + 1);
                if n == 0 {
                    break;
                }
                last += n;
            }
            if last > i {
                // Its purpose: `لل` + noun (`للتنمية`), or `ل` + noun + an ال-word
                // (`لحقوق الإنسان`, `لرصد الزلازل`), and the ال-words after it. A name
                // with `لل` + noun is one whatever the tagger says (`المجلس الأعلى للقضاء`;
                // ANERcorp leaves many such unmarked).
                let definite_at = |k: usize| ws.get(k).is_some_and(|n| !covered[k] && n.norm.starts_with("ال") && !lx.function_words.contains(n.norm) && nationality_len(lx, ws, k) == 0);
                let purpose_at = |k: usize| -> Option<bool> {
                    let n = ws.get(k).filter(|n| !covered[k] && n.norm.chars().count() >= 4 && !is_function_word(lx, n))?;
                    if n.norm.starts_with("لل") {
                        // Not `للمرة` or `للعام` (for the first time, for the second year).
                        (!lx.not_purpose.contains(n.norm)).then_some(true)
                    } else {
                        (n.norm.starts_with('ل') && n.joined_to_next && is_common(lx, n) && definite_at(k + 1)).then_some(false)
                    }
                };
                let mut sure = false;
                if let Some(with_article) = purpose_at(last + 1).filter(|_| ws[last].joined_to_next) {
                    last += 1;
                    sure = with_article;
                    let limit = last + 2;
                    while ws[last].joined_to_next && last + 1 < ws.len() && last < limit && definite_at(last + 1) {
                        last += 1;
                    }
                }
                let name = phrase(ws, stem, i, last).unwrap_or_default();
                let f = Found { first: i, last, offset: *offset, kind: EntityType::Org, name, known: None, sure };
                mark(&mut covered, &f);
                found.push(f);
                continue;
            }
        }
        // 2c. An organisation head and the words of its name (`وزارة الخارجية`).
        if let Some((offset, stem)) = w.readings.iter().find(|(_, s)| lx.org_heads.contains(s)) {
            let mut last = i;
            while last + 1 < ws.len() && last - i < MAX_ORG_TAIL && ws[last].joined_to_next && !covered[last + 1] {
                let next = &ws[last + 1];
                if !next.norm.starts_with("ال") || lx.function_words.contains(next.norm) || nationality_len(lx, ws, last + 1) > 0 {
                    break;
                }
                last += 1;
            }
            if last > i {
                let name = phrase(ws, stem, i, last).unwrap_or_default();
                let f = Found { first: i, last, offset: *offset, kind: EntityType::Org, name, known: None, sure: false };
                mark(&mut covered, &f);
                found.push(f);
                continue;
            }
        }
        // 2d. A place or outlet descriptor, then one name word (possibly quoted); an
        // organisation's head before a quoted name stays outside it like a descriptor
        // (`شركة « ميديا غروب »`).
        let desc = w.readings.iter().find_map(|(_, s)| {
            if lx.loc_descriptors.contains(s) {
                Some(EntityType::Loc)
            } else if lx.org_descriptors.contains(s) {
                Some(EntityType::Org)
            } else {
                None
            }
        });
        // A quoted name is all the words up to the closing quote (`مجلة « فورين بوليسي »`).
        if let Some(kind) = desc.or_else(|| is_head(&lx.org_heads, w).then_some(EntityType::Org)) {
            if let Some(last) = quoted_name(lx, ws, &covered, i + 1) {
                let f = Found { first: i + 2, last, offset: 0, kind, name: loose_phrase(ws, ws[i + 2].norm, i + 2, last), known: None, sure: false };
                mark(&mut covered, &f);
                found.push(f);
                continue;
            }
        }
        if let Some(kind) = desc {
            let mut j = i + 1;
            if ws.get(j).is_some_and(|w| w.norm == "\"") {
                j += 1;
            }
            if ws.get(j).is_some_and(|n| !covered[j] && is_nameish(lx, n) && !is_given(lx, n.norm)) {
                let f = Found { first: j, last: j, offset: 0, kind, name: ws[j].norm.to_string(), known: None, sure: false };
                mark(&mut covered, &f);
                found.push(f);
            }
        }
    }
    found.sort_by_key(|f| f.first);
    found
}

/// The most words a quoted name after a descriptor takes.
const MAX_QUOTED_TOKENS: usize = 4;

/// A name in quotes opening at word `q` (`" الراية "`, `« غوغل »`): its last word,
/// when one to four words, none a function word, end at the matching quote.
fn quoted_name(lx: &Lexicon, ws: &[Word], covered: &[bool], q: usize) -> Option<usize> {
    let close = match ws.get(q)?.norm {
        "\"" => "\"",
        "«" => "»",
        "“" => "”",
        _ => return None,
    };
    let mut k = q + 1;
    while k < ws.len() && k <= q + MAX_QUOTED_TOKENS + 1 && !covered[k] {
        let w = &ws[k];
        if w.norm == close {
            return (k > q + 1 && ws[k - 1].is_word).then_some(k - 1);
        }
        let inside = (w.is_word && !is_function_word(lx, w)) || w.norm == "-";
        if !inside || (k > q + 1 && !ws[k - 1].joined_to_next && w.is_word && ws[k - 1].is_word) {
            return None;
        }
        k += 1;
    }
    None
}

/// The parts of a person's name that also name them alone: the surname (last
/// word), the first word of a name of three words or more (`كيم`), and the last
/// two words of such a name (`جونغ أون`). Arabic given names alone are too
/// ambiguous to count.
fn name_parts(lx: &Lexicon, name: &str) -> Vec<String> {
    let toks: Vec<&str> = name.split(' ').collect();
    let n = toks.len();
    let mut out = Vec::new();
    if n < 2 {
        return out;
    }
    let alone_ok = |t: &str| {
        t.chars().count() >= 3
            && !lx.given_arabic.contains(t)
            && !lx.function_words.contains(t)
            && !lx.common_words.contains(t)
            && !lx.common_definite.contains(t)
            && !lx.never_alone.contains(t)
            && !lx.nationality.contains_key(t)
            && !lx.person_connectors.contains(t)
            && !is_title_word(lx, t)
    };
    if let Some(last) = toks.last().filter(|t| alone_ok(t)) {
        out.push(last.to_string());
    }
    if n >= 3 {
        if alone_ok(toks[0]) {
            out.push(toks[0].to_string());
        }
        out.push(toks[n - 2..].join(" "));
    }
    out
}

/// The rules' findings in one document as one tagger label per word (for training).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn rule_labels(lx: &Lexicon, doc: &Document, ws: &[Word]) -> Vec<u8> {
    labels_of(&first_pass(lx, doc, ws), ws.len())
}

fn labels_of(found: &[Found], n: usize) -> Vec<u8> {
    let mut labels = vec![tagger::O; n];
    for f in found {
        for (i, l) in labels.iter_mut().enumerate().take(f.last + 1).skip(f.first) {
            *l = tagger::label(f.kind, i == f.first);
        }
    }
    labels
}

/// `(first, last, type)` of each name in a label sequence, without punctuation at its ends.
fn spans_of(ws: &[Word], labels: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    let mut close = |open: &mut Option<(usize, EntityType)>, end: usize| {
        if let Some((first, kind)) = open.take() {
            let (mut a, mut b) = (first, end);
            while a < b && !ws[a].is_word {
                a += 1;
            }
            while b > a && !ws[b].is_word {
                b -= 1;
            }
            if ws[a].is_word {
                out.push((a, b, kind));
            }
        }
    };
    for (i, &l) in labels.iter().enumerate() {
        match tagger::kind_of(l) {
            Some((k, false)) if open.is_some_and(|o| o.1 == k) => {}
            Some((k, _)) => {
                if i > 0 {
                    close(&mut open, i - 1);
                }
                open = Some((i, k));
            }
            None => {
                if i > 0 {
                    close(&mut open, i - 1);
                }
            }
        }
    }
    close(&mut open, labels.len().saturating_sub(1));
    out
}

/// The folded name of words `first..=last` (punctuation skipped), the first read as `first_stem`.
fn loose_phrase(ws: &[Word], first_stem: &str, first: usize, last: usize) -> String {
    let mut out = first_stem.to_string();
    for w in ws.iter().take(last + 1).skip(first + 1).filter(|w| w.is_word || w.norm.chars().all(|c| c.is_ascii_digit())) {
        out.push(' ');
        out.push_str(w.norm);
    }
    out
}

/// Where the name tagged at words `first..=last` starts: after a proclitic when
/// what follows it is a name we know (gazetteer, given name) or a word that the
/// set also has on its own (`لروسيا` when `روسيا` occurs).
fn name_start(lx: &Lexicon, ws: &[Word], first: usize, last: usize, bare: &HashSet<&str>) -> (usize, String) {
    let w = &ws[first];
    for (offset, stem) in w.readings.iter().skip(1) {
        let name = loose_phrase(ws, stem, first, last);
        if lx.names.contains_key(&name) || is_given(lx, stem) || bare.contains(stem.as_str()) {
            return (*offset, stem.clone());
        }
    }
    (0, w.norm.to_string())
}

/// The tagger's names and the gazetteer's: a known name the rules matched
/// wins over a tagged span that overlaps it (the gazetteer is curated, and knows
/// where `بيونغ يانغ` or `كوريا الشمالية` ends); where both found the same
/// words, the rules' reading of them (its proclitic, its name) is kept.
fn merge_tagged(lx: &Lexicon, ws: &[Word], labels: &[u8], rules: Vec<Found>, bare: &HashSet<&str>) -> Vec<Found> {
    let mut covered = vec![false; ws.len()];
    let (mut out, others): (Vec<Found>, Vec<Found>) = rules.into_iter().partition(|r| r.sure);
    for r in &out {
        mark(&mut covered, r);
    }
    // Words that corpora show outside names do not begin or end a tagged one
    // (`كيم في`, `مراقبو`).
    let outside = |w: &Word| is_function_word(lx, w) || lx.common_definite.contains(w.norm) || (is_common(lx, w) && !is_given(lx, w.norm));
    for (mut first, mut last, kind) in spans_of(ws, labels) {
        while first < last && outside(&ws[first]) {
            first += 1;
        }
        // …unless it ends a compound given name (`الله` of `عبد الله`), or is the
        // ال-word after an organisation's head (`الشيوخ` of `مجلس الشيوخ`).
        let headed = kind == EntityType::Org && is_head(&lx.org_heads, &ws[first]);
        while last > first
            && outside(&ws[last])
            && !(headed && ws[last].norm.starts_with("ال") && !lx.function_words.contains(ws[last].norm))
            && !is_given(lx, &format!("{} {}", ws[last - 1].norm, ws[last].norm))
        {
            last -= 1;
        }
        if kind == EntityType::Per {
            // A title is never inside a person's name: it ends it (`غسان بن جدو الصحفي العربي`).
            if let Some(t) = (first + 1..=last).find(|&k| is_title_word(lx, ws[k].norm)) {
                last = t - 1;
            }
            // A person's name does not end in `بن` or `أبو` (`أبي جميل زيان بن` stops before it).
            while last > first && lx.inner_connectors.contains(ws[last].norm) {
                last -= 1;
            }
            // Connectors alone name no one (`دو` of a time written `1دو43`).
            if (first..=last).all(|k| lx.person_connectors.contains(ws[k].norm)) {
                continue;
            }
        }
        // A word that names nothing alone: a head or descriptor (`مجلس`, `جزيرة`),
        // the tail of a given name, a nationality.
        let w = &ws[first];
        let lone_part = first == last
            && (is_head(&lx.org_heads, w) || is_head(&lx.loc_descriptors, w) || lx.never_alone.contains(w.norm) || lx.nationality.contains_key(w.norm));
        if outside(&ws[first]) || lone_part {
            continue;
        }
        if !free(&covered, first, last) {
            // A known person the tagger finds a longer name around (`روجيه` before
            // a known `فيدرر`) takes the whole name, and keeps who it is: only given
            // names are added, and not before a `و` (`كيم وبوتين` are two people).
            let mut overlapping = (0..out.len()).filter(|&k| out[k].first <= last && out[k].last >= first);
            if let (Some(k), None) = (overlapping.next(), overlapping.next()) {
                let r = &out[k];
                if kind == EntityType::Per && r.kind == EntityType::Per && r.first >= first && r.last <= last && (r.first, r.last) != (first, last)
                    && (first..r.first).chain(r.last + 1..=last).all(|i| is_given(lx, ws[i].norm))
                    && (r.offset == 0 || r.first == first)
                {
                    let (offset, stem) = name_start(lx, ws, first, last, bare);
                    let name = loose_phrase(ws, &stem, first, last);
                    out[k] = Found { first, last, offset, kind, name, known: r.known, sure: true };
                    mark(&mut covered, &out[k]);
                }
            }
            continue;
        }
        let f = match others.iter().find(|r| r.first == first && r.last == last) {
            Some(r) => Found { kind, ..r.clone() },
            None => {
                let (offset, stem) = name_start(lx, ws, first, last, bare);
                let name = loose_phrase(ws, &stem, first, last);
                let known = lx.names.get(&name).copied();
                Found { first, last, offset, kind: known.map_or(kind, |k| lx.known[k].kind), name, known, sure: known.is_some() }
            }
        };
        mark(&mut covered, &f);
        out.push(f);
    }
    // One sense per article: a lone word the tagger typed otherwise is a person
    // where it is a word of a person's full name in the article (`بدعوة من كيم`
    // after `كيم جونغ أون`). Known names keep their type (`واشنطن` the city).
    let person_words: HashSet<String> = out
        .iter()
        .filter(|f| f.kind == EntityType::Per && f.last > f.first)
        .flat_map(|f| f.name.split(' '))
        .filter(|w| !lx.person_connectors.contains(*w) && !lx.never_alone.contains(*w))
        .map(str::to_string)
        .collect();
    for f in out.iter_mut().filter(|f| !f.sure && f.known.is_none() && f.first == f.last && f.kind != EntityType::Per) {
        if person_words.contains(&f.name) {
            f.kind = EntityType::Per;
        }
    }
    out.sort_by_key(|f| f.first);
    out
}

/// A person's name written with و at word `i`, right after another person's name:
/// the stem a given name or a word no list knows, and the name words after it, when
/// the list ends there or goes on with another و (`كيم وحيا الضيوف` is a verb).
fn next_in_list(lx: &Lexicon, doc: &Document, ws: &[Word], covered: &[bool], i: usize) -> Option<Found> {
    let w = ws.get(i).filter(|w| w.is_word && !covered[i] && i > 0 && ws[i - 1].joined_to_next)?;
    let (offset, stem) = w.readings.iter().skip(1).find(|(o, _)| doc.text.get(w.span.start..w.span.start + o) == Some("و"))?;
    let open = is_given(lx, stem)
        || (stem.chars().count() >= 3
            && !stem.starts_with("ال")
            && !lx.function_words.contains(stem.as_str())
            && !is_title_word(lx, stem)
            && !lx.nationality.contains_key(stem.as_str())
            && !lx.names.contains_key(stem.as_str()));
    // Common words, in any reading: `is_common`.
    if !open || is_common(lx, w) {
        return None;
    }
    let mut last = i;
    while last + 1 < ws.len() && last - i < 2 && ws[last].joined_to_next && !covered[last + 1] && continues_name(lx, &ws[last + 1]) {
        last += 1;
    }
    // A list ends at punctuation, or goes on with another و.
    let ends_list = ws.get(last + 1).is_none_or(|n| !n.is_word || !ws[last].joined_to_next || n.norm.starts_with('و'));
    if !ends_list {
        return None;
    }
    let name = phrase(ws, stem, i, last)?;
    Some(Found { first: i, last, offset: *offset, kind: EntityType::Per, name, known: None, sure: false })
}

/// Find the mentions of every document of the set.
pub fn recognize_all(docs: &[Document]) -> Vec<Vec<Mention>> {
    recognize_with(docs, tagger::model())
}

/// [`recognize_all`] with a given tagger model (none: rules only).
pub(crate) fn recognize_with(docs: &[Document], model: Option<&Model>) -> Vec<Vec<Mention>> {
    let lx = lexicon();
    let all_words: Vec<Vec<Word>> = docs.iter().map(words).collect();
    let rules = docs.iter().zip(&all_words).map(|(d, ws)| first_pass(lx, d, ws));
    let firsts: Vec<Vec<Found>> = match model {
        Some(model) => {
            let bare: HashSet<&str> = all_words.iter().flatten().filter(|w| w.is_word).map(|w| w.norm).collect();
            rules
                .zip(&all_words)
                .map(|(found, ws)| {
                    let features = StaticFeatures::new(lx, ws, &labels_of(&found, ws.len()));
                    merge_tagged(lx, ws, &model.tag(&features), found, &bare)
                })
                .collect()
        }
        None => rules.collect(),
    };

    // Names learnt from the set: full names found by rules or the tagger, and
    // (rules alone) the parts of every person's full name, with their spelling variants.
    let mut learnt: HashMap<String, (EntityType, Option<usize>)> = HashMap::default();
    for f in firsts.iter().flatten() {
        if f.known.is_none() && f.name.split(' ').count() >= 2 {
            for v in variants(&f.name) {
                learnt.entry(v).or_insert((f.kind, None));
            }
        }
        // A part of a person's name alone: only for the rules alone; the tagger
        // finds those itself, and cross-validation on ANERcorp says it does
        // better than this (0.758 without the parts, 0.753 with them).
        if f.kind == EntityType::Per && model.is_none() {
            for part in name_parts(lx, &f.name) {
                for v in variants(&part) {
                    learnt.entry(v).or_insert((EntityType::Per, None));
                }
            }
        }
    }

    let learnt_starts = name_starts(learnt.keys());
    let no_lexicon = Lexicon::default();
    let mut out = Vec::with_capacity(docs.len());
    for ((doc, ws), first) in docs.iter().zip(&all_words).zip(firsts) {
        let mut covered = vec![false; ws.len()];
        for f in &first {
            mark(&mut covered, f);
        }
        // The next names of a list of people (`بوفون وزامبروتا`, `عنان وصبري`).
        let mut found = Vec::with_capacity(first.len());
        for f in first {
            let mut after = (f.kind == EntityType::Per).then_some(f.last + 1);
            found.push(f);
            while let Some(next) = after.and_then(|i| next_in_list(lx, doc, ws, &covered, i)) {
                mark(&mut covered, &next);
                after = Some(next.last + 1);
                found.push(next);
            }
        }
        let mut i = 0;
        while i < ws.len() {
            if covered[i] {
                i += 1;
                continue;
            }
            let hit = known_at(&no_lexicon, ws, i, &learnt, &learnt_starts).filter(|h| free(&covered, i, h.0));
            match hit {
                Some((last, offset, name, kind, known)) => {
                    let f = Found { first: i, last, offset, kind, name, known, sure: known.is_some() };
                    mark(&mut covered, &f);
                    found.push(f);
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        found.sort_by_key(|f| f.first);
        out.push(
            found
                .into_iter()
                .filter_map(|f| {
                    let span = Span::new(ws.get(f.first)?.span.start + f.offset, ws.get(f.last)?.span.end);
                    (!doc.in_boilerplate(span)).then_some(Mention { span, kind: f.kind, entity: None, name: f.name, known: f.known })
                })
                .collect(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::text::read_documents;

    /// The rules alone (no tagger): `(case, text, a mention that must be found as
    /// TYPE:text, text that must not be a mention)`.
    const CASES: &[(&str, &str, &str, &str)] = &[
        ("definite-org-head-adjective", "وقال الاتحاد الأوروبي إنه سيدرس الطلب.", "ORG:الاتحاد الأوروبي", ""),
        ("definite-org-head-lam-lam", "وأعلن الاتحاد الدولي للشرطة عن مؤتمر جديد.", "ORG:الاتحاد الدولي للشرطة", ""),
        ("definite-head-without-adjective", "وقال الحزب الحاكم إن الانتخابات ستجري.", "", "الحزب الحاكم"),
        ("family-name-after-two-given-names", "وقال عثمان محمد الأغبش إن الوضع هادئ.", "PER:عثمان محمد الأغبش", ""),
        ("family-name-after-bin-chain", "وقال سعد بن ناصر بن عبد العزيز الشمري إن الوضع هادئ.", "PER:سعد بن ناصر بن عبد العزيز الشمري", ""),
        ("family-name-after-compound-given-name", "وقال محمد بن عبد الكريم الخطابي إن الوضع هادئ.", "PER:محمد بن عبد الكريم الخطابي", ""),
        ("title-is-not-a-family-name", "استقبل عبد الله الملك الضيوف ثم قال الملك كلمته.", "", "الملك"),
        ("family-name-after-title-and-given-name", "وقال الدكتور فارس السقاف إن المعرض يفتتح غدا.", "PER:فارس السقاف", ""),
        ("nationality-then-two-unknown-name-words", "وتغلب على الألماني فلوريان ماير في المباراة.", "PER:فلوريان ماير", ""),
        ("nationality-then-one-word-is-not-a-name", "وأشاد المدرب الألماني فيرنتس بأداء فريقه.", "", "فيرنتس"),
        ("foreign-given-name-and-unknown-surname", "وفازت نيكول فايديسوفا على منافستها.", "PER:نيكول فايديسوفا", ""),
        ("conjunction-ends-a-name", "واستقبل كيم وحيا الضيوف في المطار.", "", "كيم وحيا"),
        ("known-name-with-a-hyphen", "وقال الزعيم كيم جونغ-أون إن بلاده مستعدة.", "PER:كيم جونغ-أون", "كيم جونغ"),
        ("known-name-with-a-spaced-hyphen", "واستقبلت ميشال اليو - ماري الوفد.", "PER:ميشال اليو - ماري", "ميشال اليو"),
        ("a-dateline-hyphen-joins-nothing", "الخرطوم - أعلنت الحكومة خطتها.", "LOC:الخرطوم", ""),
        ("common-word-ends-a-foreign-name", "وقال جان دافيد ليفيت مشروع القانون جاهز.", "", "ليفيت مشروع"),
        ("short-first-word-after-a-proclitic", "وزار الوزير بيروت وتل أبيب الأسبوع الماضي.", "LOC:تل أبيب", ""),
        ("short-word-after-a-proclitic-alone", "وقال إنه سيزور تل أبيب وتل قريبا.", "", "تل"),
        ("ali-the-name-after-a-title", "وقتل الإمام علي في الكوفة.", "PER:علي", ""),
        ("ali-the-preposition-after-a-title", "وأكد الرئيس علي ضرورة الحوار.", "", "علي"),
        ("ali-opens-a-chain-of-given-names", "برئاسة السيد علي محمد الحمادي مدير الإدارة.", "PER:علي محمد الحمادي", ""),
        ("ali-the-preposition-before-a-given-name-chain", "ووافق المجلس على محمد سالم رئيسا.", "", "على محمد سالم"),
        ("definite-given-name-after-a-title", "وكان الملك الحسين قد أمر بإعادة صنع المنبر.", "PER:الحسين", ""),
        ("quoted-name-after-an-outlet-descriptor", "وقالت صحيفة « نيويورك تايمز » إن المحادثات فشلت.", "ORG:نيويورك تايمز", ""),
        ("quoted-name-after-an-organisation-head", "وأعلنت شركة « ميديا غروب » عن خطة جديدة.", "ORG:ميديا غروب", ""),
        ("a-place-name-after-an-outlet-descriptor", "ونسبت صحيفة \" الشرق الأوسط \" اللندنية إلى جنبلاط قوله.", "ORG:الشرق الأوسط", ""),
        ("a-place-name-after-an-unquoted-descriptor", "ويعزز ذلك موقع لبنان في المنطقة.", "LOC:لبنان", ""),
        ("quoted-name-unknown-words", "وكتبت مجلة \" فورين أفيرز \" أن الحرب طويلة.", "ORG:فورين أفيرز", ""),
        ("party-adjective-after-a-title", "وعرض السناتور الجمهوري ، ارلن سبيكتر ، اقتراحا جديدا.", "PER:ارلن سبيكتر", ""),
        ("a-city-in-a-sports-report-is-its-club", "وتعادل تشيلسي مع ضيفه ليفربول في المباراة ، وقال المدرب إن الفريق لعب جيدا في الشوط الثاني.", "ORG:ليفربول", ""),
        ("a-city-in-a-sports-report-where-it-is-played", "وأقيمت المباراة في ليفربول ، وقال المدرب إن الفريق لعب جيدا في الشوط الثاني.", "LOC:ليفربول", ""),
        ("a-city-elsewhere-is-the-city", "وزار الوزير ليفربول ومانشستر لبحث الاستثمار في الصناعة.", "LOC:ليفربول", ""),
        ("common-word-is-no-proclitic-and-name", "وتعرف على الإسلام خلال فترة وجيزة ثم عاد.", "", "جيزة"),
        ("derived-adjective-is-not-the-country", "وصعد التشيلي فرناندو غونزاليز إلى الدور الثالث.", "", "التشيلي"),
        ("derived-common-word-is-not-the-city", "وليس في هذا المشهد من جديد.", "", "المشهد"),
        ("org-purpose-lam-noun-definite", "وبحسب المعهد الوطني الأميركي لرصد الزلازل فإن الهزة قوية.", "ORG:المعهد الوطني الأميركي لرصد الزلازل", ""),
        ("org-purpose-lam-lam-common-noun", "وقالت الهيئة العامة للاستثمار إن الأرقام تحسنت.", "ORG:الهيئة العامة للاستثمار", ""),
        ("org-adverbial-lam-lam-is-not-its-purpose", "وقال المجلس الوطني للمرة الثانية إنه يرفض الخطة.", "ORG:المجلس الوطني", "المجلس الوطني للمرة"),
        ("foreign-surname-starting-with-ba", "وقال النقيب فرانك باسكوال للصحفيين إن الهجوم كبير.", "PER:فرانك باسكوال", ""),
        ("ba-and-a-known-word-ends-a-name", "وقال جون بالأمس إن الهجوم كبير.", "", "جون بالأمس"),
        ("given-name-with-a-conjunction-in-a-list", "وضمت القائمة محمد عبدالمنصف ووائل القباني وعادل فتحي.", "PER:عادل فتحي", ""),
        ("conjunction-after-a-title-joins-another-name", "وشارك طارق السيد وتامر حسني في الحفل.", "PER:تامر حسني", "وتامر حسني"),
        ("place-named-by-a-common-word-after-a-preposition", "وقال إن الوفد توجه إلى سورية أمس.", "LOC:سورية", ""),
        ("place-named-by-a-common-word-with-a-proclitic", "وأكد دعم بلاده لسورية في مواجهة الأزمة.", "LOC:سورية", ""),
        ("place-named-by-a-common-word-after-a-place", "وشاركت روسيا وسورية في التدريبات.", "LOC:سورية", ""),
        ("common-word-that-names-a-place-as-an-adjective", "ونقلت مصادر سورية أن الاجتماع انتهى.", "", "سورية"),
        ("common-word-that-names-a-place-as-a-word", "وقال إن الوضع مالي بحت ولا علاقة له بالسياسة.", "", "مالي"),
        ("title-adjective-before-the-name", "ودعا الرئيس الكيني السابق أمبيكي سيماتا إلى الحوار.", "PER:أمبيكي سيماتا", ""),
        ("nasab-chain-after-a-title", "وحضر الشيخ حمد بن جاسم بن جبر آل ثاني الجلسة.", "PER:حمد بن جاسم بن جبر آل ثاني", ""),
        ("relation-word-before-a-name", "وسجل زميله بورغان كيتيلي الهدف الثاني.", "PER:بورغان كيتيلي", ""),
        ("name-words-after-an-inner-connector", "ويقع ضريح الصحابي سعد بن أبي وقاص في المدينة.", "PER:سعد بن أبي وقاص", ""),
        ("definite-name-word-after-bin", "وقاد الجيش خالد بن الوليد في المعركة.", "PER:خالد بن الوليد", ""),
        ("nationality-with-a-conjunction-then-a-name", "وضم النادي بافل ندفيد والفرنسي أوبوري ماتيسو إلى صفوفه.", "PER:أوبوري ماتيسو", ""),
        ("next-name-of-a-list-of-people", "وحضر اللقاء كوفي عنان وصبري ، ثم غادرا.", "PER:صبري", ""),
        ("a-verb-after-a-name-is-no-list", "واستقبل كوفي عنان وحيا الضيوف في المطار.", "", "حيا"),
        ("conjunction-and-preposition-is-no-given-name", "وعلى محمد سالم أن يقرر موعد السفر.", "PER:محمد سالم", "على محمد سالم"),
    ];

    #[test]
    fn a_known_person_in_another_spelling_of_its_vowels_is_known() {
        let docs = read_documents(&["وفي عام 1968 حاول فيديل كاسترو إجلاء الأمريكيين. واستقبل محمد عباس الوفد."]);
        let got = super::recognize_with(&docs, None).remove(0);
        let lx = super::lexicon();
        let castro = got.iter().find(|m| docs[0].slice(m.span) == "فيديل كاسترو").unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(castro.known.map(|k| lx.known[k].name_en.as_str()), Some("Fidel Castro"));
        // The same skeleton, but `محمد` is a given name the known `محمود عباس` does not have.
        assert!(got.iter().all(|m| m.known.is_none_or(|k| lx.known[k].name_en != "Mahmoud Abbas")), "{got:?}");
    }

    /// `TYPE:text` of each mention when the tagger says `labels` (one per word).
    fn merged(text: &str, labels: &[u8]) -> Vec<String> {
        let docs = read_documents(&[text]);
        let lx = super::lexicon();
        let ws = super::words(&docs[0]);
        assert_eq!(ws.len(), labels.len(), "one label per word of {text}");
        let bare = Default::default();
        super::merge_tagged(lx, &ws, labels, Vec::new(), &bare).iter().map(|f| format!("{}:{}", f.kind.as_str(), &docs[0].text[ws[f.first].span.start + f.offset..ws[f.last].span.end])).collect()
    }

    #[test]
    fn a_tagged_person_stops_at_a_title_and_never_ends_in_a_connector() {
        let got = merged("قال غسان بن جدو الصحفي العربي .", &[0, 1, 2, 2, 2, 2, 0]);
        assert_eq!(got, ["PER:غسان بن جدو"]);
        let got = merged("بتولي أبي جميل زيان بن مدافع", &[0, 1, 2, 2, 2, 0]);
        assert_eq!(got, ["PER:أبي جميل زيان"]);
        // A unit is no one, whatever the tagger says (`3 كيلو مترات`).
        let got = merged("يقطعون 3 كيلو مترات", &[0, 0, 1, 0]);
        assert!(got.is_empty(), "{got:?}");
        // A time written `1دو43ث`: the connector `دو` alone is no one.
        let got = merged("مسجلا توقيت 1دو43 ث", &[0, 0, 0, 1, 0, 0]);
        assert!(got.is_empty(), "{got:?}");
        // A plural before its complement (`مسلحو` of `مسلحين`) is no one.
        let got = merged("وقال مسلحو الحركة إنهم مستعدون .", &[0, 1, 0, 0, 0, 0]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_lone_word_of_a_persons_name_is_that_person_in_the_article() {
        let got = merged("قال تشو سونغ مين إن الزيارة جاءت بدعوة من تشو .", &[0, 1, 2, 2, 0, 0, 0, 0, 0, 3, 0]);
        assert_eq!(got, ["PER:تشو سونغ مين", "PER:تشو"]);
        // A known place keeps its type.
        let got = merged("قال جورج واشنطن إن الجيش وصل إلى واشنطن .", &[0, 1, 2, 0, 0, 0, 0, 3, 0]);
        assert_eq!(got, ["PER:جورج واشنطن", "LOC:واشنطن"]);
    }

    /// `TYPE:text` of each mention found in `text` (with `model`, or the rules alone).
    fn found(text: &str, model: Option<&super::Model>) -> Vec<String> {
        let docs = read_documents(&[text]);
        super::recognize_with(&docs, model).remove(0).iter().map(|m| format!("{}:{}", m.kind.as_str(), docs[0].slice(m.span))).collect()
    }

    #[test]
    fn the_committed_tagger_is_used_and_finds_what_the_rules_miss() {
        let model = super::tagger::model().expect("data/model/tagger.bin loads");
        assert!(model.len() > 1000, "the model has {} rows", model.len());
        let text = "وأشاد المدرب الألماني فيرنتس بأداء فريقه في المباراة.";
        assert!(!found(text, None).contains(&"PER:فيرنتس".to_string()));
        assert!(found(text, Some(model)).contains(&"PER:فيرنتس".to_string()));
        // A tagged name is trimmed of function words at its ends, but not of the
        // `الله` that ends a compound given name.
        let got = found("وقال ابو عبد الله إن جماعته فقدت مقرها.", Some(model));
        assert!(got.contains(&"PER:ابو عبد الله".to_string()), "{got:?}");
    }

    #[test]
    fn a_tagged_organisation_keeps_the_word_after_its_head_and_a_head_alone_is_no_name() {
        let model = super::tagger::model().expect("data/model/tagger.bin loads");
        let got = found("وأشار زعيم الغالبية الجمهورية في مجلس الشيوخ إلى أنه ينوي التصويت.", Some(model));
        assert!(!got.contains(&"ORG:مجلس".to_string()), "{got:?}");
        let got = found("وقد فر مئات من الناجين من جزيرة جاوا بعد الزلزال.", Some(model));
        assert!(!got.iter().any(|g| g.starts_with("ORG:")), "{got:?}");
    }

    #[test]
    fn a_known_surname_takes_the_given_name_the_tagger_finds_before_it() {
        let model = super::tagger::model().expect("data/model/tagger.bin loads");
        let docs = read_documents(&["ومن جهة أخرى تأهل السويسري روجيه فيدرر المصنف أول إلى الدور الثالث."]);
        let got = super::recognize_with(&docs, Some(model)).remove(0);
        let federer = got.iter().find(|m| docs[0].slice(m.span) == "روجيه فيدرر").unwrap_or_else(|| panic!("{got:?}"));
        assert!(federer.known.is_some(), "still the known Roger Federer");
        assert!(!got.iter().any(|m| docs[0].slice(m.span) == "فيدرر"), "{got:?}");
    }

    #[test]
    fn rules_on_short_news_sentences() {
        for (case, text, want, not) in CASES {
            let got = found(text, None);
            if !want.is_empty() {
                assert!(got.iter().any(|g| g == want), "case {case}: want {want} in {got:?}");
            }
            if !not.is_empty() {
                assert!(!got.iter().any(|g| g.ends_with(&format!(":{not}"))), "case {case}: {not} is not a mention: {got:?}");
            }
        }
    }
}
