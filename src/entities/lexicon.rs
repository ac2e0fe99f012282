//! The entity stage's language data, parsed once from the files under `data/`.
//!
//! Every name is stored folded (see `text::normalize`), as a sequence of tokens.
//! Spelling variants are expanded here by rule, not listed by hand in the data:
//! the two letters Arabic uses for a foreign g (غ/ج), a multi-word foreign name
//! written as one word (`بيونغ يانغ` → `بيونغيانغ`), and a single name with or
//! without the article ال.

use super::EntityType;
use crate::text::normalize::fold;
// Fx hashing: the lexicon is looked up a dozen times per word, and its keys are ours, not an attacker's.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

const ENTITIES: &str = crate::data_file!("gazetteer/entities.tsv");
const GIVEN_AR: &str = include_str!(concat!(env!("OUT_DIR"), "/given_ar.fc"));
const GIVEN_FOREIGN: &str = include_str!(concat!(env!("OUT_DIR"), "/given_foreign.fc"));
const TRIGGERS: &str = crate::data_file!("triggers.tsv");
const NATIONALITY: &str = crate::data_file!("nationality.tsv");
const FUNCTION_WORDS: &str = crate::data_file!("lexicon/function_words.txt");
const PLACES_IN_CONTEXT: &str = crate::data_file!("gazetteer/places_in_context.tsv");
const DERIVED_NOT_NAMES: &str = crate::data_file!("lexicon/derived_not_names.txt");
const SPORT_WORDS: &str = crate::data_file!("lexicon/sport_words.txt");
/// Front-coded by build.rs from `data/lexicon/common_words.txt` (see [`front_decoded`]).
const COMMON_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/common_words.fc"));
const NUMBER_WORDS: &str = crate::data_file!("time/numbers.tsv");
/// Front-coded by build.rs from `data/lexicon/common_definite.txt`.
const COMMON_DEFINITE: &str = include_str!(concat!(env!("OUT_DIR"), "/common_definite.fc"));

/// The most spelling variants generated for one written name.
const MAX_VARIANTS: usize = 16;

/// A known entity.
#[derive(Clone, Debug)]
pub struct KnownEntity {
    /// Stable id (`north-korea`).
    pub id: String,
    /// Type.
    pub kind: EntityType,
    /// Canonical Arabic name.
    pub name_ar: String,
    /// English name.
    pub name_en: String,
}

/// All language data of the entity stage.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Known entities, in file order.
    pub known: Vec<KnownEntity>,
    /// Folded name (tokens joined by one space) → index into `known`.
    pub names: HashMap<String, usize>,
    /// The most tokens in a known name.
    pub max_name_tokens: usize,
    /// The first word of every known name of two words or more.
    pub name_starts: HashSet<String>,
    /// A place (index into `known`) → the club named after it, where the gazetteer
    /// has `نادي` + the place's name (`نادي ليفربول`) and the place is no country.
    pub club_of: HashMap<usize, usize>,
    /// Words of sports reporting, folded (`مباراة`, `المدرب`).
    pub sport_words: HashSet<String>,
    /// Consonant skeleton of each known name → index, when only one entity has it.
    pub skeletons: HashMap<String, usize>,
    /// Skeletons of the first words of the known names of two words or more.
    pub skeleton_starts: HashSet<String>,
    /// Folded given names.
    pub given_arabic: HashSet<String>,
    /// Folded foreign given names as transliterated in Arabic.
    pub given_foreign: HashSet<String>,
    /// Titles before a person's name, folded tokens (`الرئيس`, `وزير الخارجية`).
    pub person_titles: HashSet<String>,
    /// The most tokens in a title.
    pub max_title_tokens: usize,
    /// The first words of the titles of two words or more (`وزير` of `وزير الخارجية`).
    pub title_starts: HashSet<String>,
    /// One-word titles without their article (`ملك` of `الملك`), never name words either.
    pub bare_titles: HashSet<String>,
    /// Words that open an organisation's name and belong to it (`وزارة`, `جامعة`).
    pub org_heads: HashSet<String>,
    /// Adjectives that make a definite organisation head a name (`الاتحاد الأوروبي`).
    pub org_adjectives: HashSet<String>,
    /// Adjectives between a title and the name (`الرئيس السابق`, `الملك الراحل`).
    pub title_adjectives: HashSet<String>,
    /// Descriptors before an organisation's name that stay outside it (`وكالة`, `صحيفة`).
    pub org_descriptors: HashSet<String>,
    /// Descriptors before a place's name that stay outside it (`مدينة`, `محافظة`).
    pub loc_descriptors: HashSet<String>,
    /// Words that never name a person alone although names end in them: the second
    /// half of compound given names (`الدين` of `نور الدين`, `الإسلام`, `الله`) and
    /// regnal ordinals (`الثاني` of `عبد الله الثاني`), folded.
    pub never_alone: HashSet<String>,
    /// Places whose name is also a common word (`سورية`, `مالي`) → index into `known`:
    /// a place only after a preposition (`loc_prepositions`) or with ب or ل attached.
    pub places_in_context: HashMap<String, usize>,
    /// Words before such a place (`في`, `إلى`, `جنوب`).
    pub loc_prepositions: HashSet<String>,
    /// Verbs that often introduce a speaker's name (`قال`, `أكد`), for the tagger.
    pub speech_verbs: HashSet<String>,
    /// Words inside Arabic names (`بن`, `أبو`, `عبد`).
    pub person_connectors: HashSet<String>,
    /// Connectors that never end a name (`بن`, `أبو`), folded.
    pub inner_connectors: HashSet<String>,
    /// لل-words that say when or how much (`للمرة`), not an organisation's purpose, folded.
    pub not_purpose: HashSet<String>,
    /// Nationality adjectives (folded phrase) → country id.
    pub nationality: HashMap<String, String>,
    /// The most tokens in a nationality adjective.
    pub max_nationality_tokens: usize,
    /// The first words of the nationality adjectives of two words or more.
    pub nationality_starts: HashSet<String>,
    /// Function words that never start or continue a name.
    pub function_words: HashSet<String>,
    /// Words that corpora almost never show inside a name (`ردا`, `كثيرا`, `بأن`),
    /// folded: they neither continue a name found by rule nor name a person alone.
    pub common_words: HashSet<String>,
    /// The same for words with the article (`الجديد`, `الماضي`): never a family
    /// name, and never a person's name alone.
    pub common_definite: HashSet<String>,
    /// Every word of the lists above → its classes, for the tagger (`tagger::class_table`).
    pub word_classes: HashMap<String, u16>,
}

fn data_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// The gazetteer's rows as their columns (id, type, Arabic name, English name,
/// aliases), put back together from the column groups build.rs writes: the row
/// count, every row's Latin columns, then every row's Arabic ones.
fn gazetteer_rows() -> impl Iterator<Item = [&'static str; 5]> {
    let mut lines = ENTITIES.lines();
    let n: usize = lines.next().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
    let latin: Vec<&str> = lines.by_ref().take(n).collect();
    latin.into_iter().zip(lines).map(|(latin, arabic)| {
        let (mut l, mut a) = (latin.split('\t'), arabic.split('\t'));
        let (id, kind, name_en) = (l.next().unwrap_or(""), l.next().unwrap_or(""), l.next().unwrap_or(""));
        let (name_ar, aliases) = (a.next().unwrap_or(""), a.next().unwrap_or(""));
        [id, kind, name_ar, name_en, aliases]
    })
}

/// Folded tokens of a written name, joined by one space.
pub fn fold_name(name: &str) -> String {
    fold(name)
        .split(|c: char| c.is_whitespace() || c == '-' || c == '"' || c == '\'')
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The consonant skeleton of a folded name, for linking spellings of foreign
/// names: no spaces or hyphens, no leading ال, vowel letters and hamza dropped
/// after the first letter, the g letters (غ ج) as one, doubled letters as one.
pub fn skeleton(folded: &str) -> String {
    let joined = folded.split(' ').flat_map(|w| w.strip_prefix("ال").filter(|r| r.chars().count() >= 3).unwrap_or(w).chars());
    let mut out = String::with_capacity(folded.len());
    let mut last = None;
    for (i, c) in joined.enumerate() {
        let c = match c {
            'غ' | 'ج' => 'G',
            'ء' => continue,
            'ا' | 'و' | 'ي' if i > 0 => continue,
            c => c,
        };
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// May the folded `words` be known entity `k` by its skeleton alone? Each word is
/// one of the name's as written, or no word the lexicon knows otherwise (an
/// Arabic given name, a common word, another name): `محمد عباس` is not `محمود عباس`.
pub fn skeleton_may_be(lx: &Lexicon, words: &str, k: usize) -> bool {
    let written = fold_name(&lx.known[k].name_ar);
    // A word of vowel letters alone has no skeleton (`يو` of `كيم يو جونغ`), but
    // `كيم جونغ` is not her: such a word of the name must be there.
    let vowels_only = |w: &str| w.chars().all(|c| matches!(c, 'ا' | 'و' | 'ي'));
    if written.split(' ').any(|n| vowels_only(n) && !words.split(' ').any(|w| w == n)) {
        return false;
    }
    words.split(' ').all(|w| {
        written.split(' ').any(|n| n == w)
            || !(lx.given_arabic.contains(w) || lx.common_words.contains(w) || lx.function_words.contains(w) || lx.names.get(w).is_some_and(|&o| o != k))
    })
}

/// The spelling variants of a folded name (the name itself first).
pub fn variants(folded: &str) -> Vec<String> {
    let mut out = vec![folded.to_string()];
    // g written غ or ج.
    for from_to in [('غ', 'ج'), ('ج', 'غ')] {
        let n = out.len();
        for i in 0..n {
            let v = out[i].replace(from_to.0, &from_to.1.to_string());
            if !out.contains(&v) && out.len() < MAX_VARIANTS {
                out.push(v);
            }
        }
    }
    let tokens = folded.split(' ').count();
    let n = out.len();
    for i in 0..n {
        let v = out[i].clone();
        // A foreign two- or three-word name written as one word.
        if (2..=3).contains(&tokens) && !v.starts_with("ال") {
            let joined = v.replace(' ', "");
            if joined.chars().count() >= 6 && !out.contains(&joined) && out.len() < MAX_VARIANTS {
                out.push(joined);
            }
        }
        // A one-word name written with or without the article.
        if tokens == 1 {
            let other = match v.strip_prefix("ال") {
                Some(rest) if rest.chars().count() >= 4 => rest.to_string(),
                Some(_) => continue,
                None => format!("ال{v}"),
            };
            if !out.contains(&other) && out.len() < MAX_VARIANTS {
                out.push(other);
            }
        }
    }
    out
}

fn parse_type(s: &str) -> Option<EntityType> {
    match s.trim() {
        "PER" => Some(EntityType::Per),
        "LOC" => Some(EntityType::Loc),
        "ORG" => Some(EntityType::Org),
        _ => None,
    }
}

fn word_set(src: &str) -> HashSet<String> {
    data_lines(src).map(fold_name).filter(|w| !w.is_empty()).collect()
}

/// The words of a front-coded list (build.rs): each line is a digit from `0`
/// saying how many letters it shares with the word before, then the rest.
fn front_decoded(src: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in src.lines() {
        let mut chars = line.chars();
        let Some(shared) = chars.next().map(|c| (c as usize).saturating_sub('0' as usize)) else { continue };
        let mut word: String = out.last().map(|p| p.chars().take(shared).collect()).unwrap_or_default();
        word.extend(chars);
        out.push(word);
    }
    out
}

fn front_coded_set(src: &str) -> HashSet<String> {
    front_decoded(src).iter().map(|w| fold_name(w)).filter(|w| !w.is_empty()).collect()
}

/// The id the gazetteer leaves implicit: the English name in lower case, each
/// run of other characters one hyphen (`Abu Dhabi` → `abu-dhabi`).
fn slug(english: &str) -> String {
    let mut out = String::with_capacity(english.len());
    for c in english.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        let mut skeleton_owners: HashMap<String, HashSet<usize>> = HashMap::default();
        // Spellings made by rule (the article added or taken off, a g letter swapped...), and those written.
        let (mut derived, mut written_forms): (HashSet<String>, HashSet<String>) = Default::default();
        let mut toggled: HashSet<String> = HashSet::default();
        for cols in gazetteer_rows() {
            let (Some(id), Some(kind), Some(name_ar)) = (cols.first(), cols.get(1).and_then(|t| parse_type(t)), cols.get(2)) else {
                continue;
            };
            let index = lx.known.len();
            let id = match id.trim() {
                "" => slug(cols.get(3).copied().unwrap_or_default()),
                id => id.to_string(),
            };
            lx.known.push(KnownEntity {
                id,
                kind,
                name_ar: name_ar.trim().to_string(),
                name_en: cols.get(3).map(|s| s.trim().to_string()).unwrap_or_default(),
            });
            let aliases = cols.get(4).map(|a| a.split('|').collect::<Vec<_>>()).unwrap_or_default();
            for written in std::iter::once(*name_ar).chain(aliases) {
                let folded = fold_name(written);
                if folded.is_empty() {
                    continue;
                }
                lx.max_name_tokens = lx.max_name_tokens.max(folded.split(' ').count());
                let sk = skeleton(&folded);
                if sk.chars().count() >= 4 {
                    skeleton_owners.entry(sk).or_default().insert(index);
                }
                for v in variants(&folded) {
                    if v != folded {
                        derived.insert(v.clone());
                    }
                    if v.starts_with("ال") != folded.starts_with("ال") {
                        toggled.insert(v.clone());
                    }
                    // The first entity to claim a spelling keeps it (the file lists
                    // the usual sense first).
                    lx.names.entry(v).or_insert(index);
                }
                written_forms.insert(folded);
            }
        }
        lx.skeletons = skeleton_owners.into_iter().filter(|(_, o)| o.len() == 1).filter_map(|(k, o)| Some((k, *o.iter().next()?))).collect();
        lx.given_arabic = front_coded_set(GIVEN_AR);
        // Compound names are written joined too (`عبد الله` / `عبدالله`, `أبو بكر` / `أبوبكر`).
        let joined: Vec<String> = lx.given_arabic.iter().filter(|n| n.contains(' ')).map(|n| n.replace(' ', "")).collect();
        lx.given_arabic.extend(joined);
        lx.given_foreign = front_coded_set(GIVEN_FOREIGN);
        lx.never_alone = lx.given_arabic.iter().filter_map(|n| n.rsplit_once(' ').map(|(_, tail)| tail.to_string())).collect();
        for line in data_lines(NUMBER_WORDS) {
            let cols: Vec<&str> = line.split('\t').collect();
            if matches!(cols.get(2).map(|k| k.trim()), Some("ord" | "tens")) {
                let folded = fold_name(cols[0]);
                lx.never_alone.insert(format!("ال{folded}"));
                lx.never_alone.insert(folded);
            }
        }
        lx.function_words = word_set(FUNCTION_WORDS);
        lx.common_words = front_coded_set(COMMON_WORDS);
        lx.common_definite = front_coded_set(COMMON_DEFINITE);
        for line in data_lines(TRIGGERS) {
            let Some((kind, phrase)) = line.split_once('\t') else { continue };
            let folded = fold_name(phrase);
            if folded.is_empty() {
                continue;
            }
            let set = match kind.trim() {
                "PER_TITLE" => {
                    lx.max_title_tokens = lx.max_title_tokens.max(folded.split(' ').count());
                    &mut lx.person_titles
                }
                "ORG_HEAD" => &mut lx.org_heads,
                "ORG_ADJECTIVE" => &mut lx.org_adjectives,
                "LOC_PREPOSITION" => &mut lx.loc_prepositions,
                "PER_TITLE_ADJECTIVE" => &mut lx.title_adjectives,
                "ORG_DESCRIPTOR" => &mut lx.org_descriptors,
                "LOC_DESCRIPTOR" => &mut lx.loc_descriptors,
                "PER_CONNECTOR" => &mut lx.person_connectors,
                "PER_CONNECTOR_INNER" => {
                    lx.person_connectors.insert(folded.clone());
                    &mut lx.inner_connectors
                }
                "ORG_NOT_PURPOSE" => &mut lx.not_purpose,
                "PER_VERB_CUE" => &mut lx.speech_verbs,
                _ => continue,
            };
            set.insert(folded);
        }
        for line in data_lines(PLACES_IN_CONTEXT) {
            let Some((form, name)) = line.split_once('\t') else { continue };
            if let Some(&index) = lx.names.get(&fold_name(name)) {
                lx.places_in_context.insert(fold_name(form), index);
            }
        }
        for line in data_lines(NATIONALITY) {
            let Some((adj, country)) = line.split_once('\t') else { continue };
            let folded = fold_name(adj);
            if folded.is_empty() {
                continue;
            }
            lx.max_nationality_tokens = lx.max_nationality_tokens.max(folded.split(' ').count());
            let country = country.trim();
            // A one-word adjective's other forms: without ال, and feminine with ة
            // (الروسي → روسي, الروسية, روسية); never a given name (تركي).
            if !adj.contains(' ') {
                let bare = adj.strip_prefix("ال");
                for form in [Some(adj), bare].into_iter().flatten().filter(|f| f.ends_with('ي')).map(|f| format!("{f}ة")).chain(bare.map(str::to_string)) {
                    let form = fold_name(&form);
                    if !lx.given_arabic.contains(&form) && !lx.given_foreign.contains(&form) {
                        lx.nationality.entry(form).or_insert_with(|| country.to_string());
                    }
                }
            }
            lx.nationality.insert(folded, country.to_string());
        }
        // A spelling made by rule can be a common word: the article taken off or
        // put on (`الجزيرة`, the channel, is not `جزيرة`, an island), a nationality
        // adjective (`التشيلي`, the Chilean, is not `تشيلي`) or, once the article is
        // off, a given name (`خليل` is not `الخليل`, Hebron); and the words a person
        // checked (`lexicon/derived_not_names.txt`: `المشهد`, the scene, is not `مشهد`).
        // Such spellings are not names; written ones stay.
        let not_names = word_set(DERIVED_NOT_NAMES);
        let common = |w: &str| {
            let bare = w.strip_prefix("ال").unwrap_or(w);
            [&lx.common_words, &lx.common_definite, &lx.loc_descriptors, &lx.org_heads, &lx.person_titles].iter().any(|set| set.contains(w) || set.contains(bare))
                || lx.nationality.contains_key(w)
                || not_names.contains(w)
                || (toggled.contains(w) && (lx.given_arabic.contains(w) || lx.given_foreign.contains(w)))
        };
        let unnamed: Vec<String> = derived.into_iter().filter(|v| !written_forms.contains(v) && common(v)).collect();
        for v in &unnamed {
            lx.names.remove(v);
        }
        lx.name_starts = name_starts(lx.names.keys());
        // The skeletons of the first words of known names of two words or more,
        // to try the skeleton of a phrase only where one could start (`فيديل كاسترو`).
        lx.skeleton_starts = written_forms.iter().filter_map(|n| n.split_once(' ')).filter(|(first, _)| first.chars().count() >= 3).map(|(first, _)| skeleton(first)).collect();
        // A country is never its national team here (`منتخب الكويت` is not `نادي الكويت`).
        let countries: HashSet<&str> = lx.nationality.values().map(String::as_str).collect();
        for (index, e) in lx.known.iter().enumerate() {
            let Some(place) = fold_name(&e.name_ar).strip_prefix("نادي ").map(str::to_string) else { continue };
            if e.kind != EntityType::Org {
                continue;
            }
            if let Some(&p) = lx.names.get(&place).filter(|&&p| lx.known[p].kind == EntityType::Loc && !countries.contains(lx.known[p].id.as_str())) {
                lx.club_of.insert(p, index);
            }
        }
        lx.sport_words = word_set(SPORT_WORDS);
        lx.bare_titles = lx.person_titles.iter().filter(|t| !t.contains(' ')).filter_map(|t| t.strip_prefix("ال")).map(str::to_string).collect();
        lx.title_starts = name_starts(lx.person_titles.iter());
        lx.nationality_starts = name_starts(lx.nationality.keys());
        lx.word_classes = super::tagger::class_table(&lx);
        lx
    }
}

/// The first words of the names of two words or more among `names`.
pub fn name_starts<'a>(names: impl Iterator<Item = &'a String>) -> HashSet<String> {
    names.filter_map(|n| n.split_once(' ').map(|(first, _)| first.to_string())).collect()
}

/// The entity stage's data, loaded on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_city_with_a_club_of_its_name_knows_the_club_and_a_country_does_not() {
        let lx = lexicon();
        let id = |name: &str| lx.names.get(&fold_name(name)).map(|&k| lx.known[k].id.as_str());
        let club = |name: &str| lx.names.get(&fold_name(name)).and_then(|k| lx.club_of.get(k)).map(|&c| lx.known[c].id.as_str());
        assert_eq!(club("ليفربول"), id("نادي ليفربول"));
        assert!(club("ليفربول").is_some());
        assert_eq!(club("الكويت"), None, "a country is not its club");
        assert!(lx.sport_words.contains("مباراه"), "sport words are folded");
    }

    #[test]
    fn variants_cover_g_letters_joins_and_article() {
        let v = variants("بيونغ يانغ");
        assert!(v.contains(&"بيونج يانج".to_string()), "{v:?}");
        assert!(v.contains(&"بيونغيانغ".to_string()), "{v:?}");
        assert!(variants("البنتاغون").contains(&"بنتاجون".to_string()));
    }

    #[test]
    fn the_article_added_or_taken_off_makes_no_common_word_a_name() {
        let lx = lexicon();
        assert!(lx.names.contains_key("الجزيره"), "the channel is known");
        assert!(!lx.names.contains_key("جزيره"), "an island is not the channel");
        assert!(lx.names.contains_key("بنتاجون"), "the article is still optional where it makes no common word");
    }

    #[test]
    fn a_derived_adjective_given_name_or_listed_word_is_no_name() {
        let lx = lexicon();
        for (name, derived) in [("تشيلي", "التشيلي"), ("الخليل", "خليل"), ("مشهد", "المشهد"), ("الجزيره", "الغزيره")] {
            assert!(lx.names.contains_key(name), "{name} is known");
            assert!(!lx.names.contains_key(derived), "{derived} is not {name}");
        }
        assert!(lx.names.contains_key("الفيفا"), "the article is still optional where it makes no word");
    }

    #[test]
    fn every_listed_word_is_a_spelling_the_code_derives() {
        let mut written: HashSet<String> = HashSet::default();
        let mut derived: HashSet<String> = HashSet::default();
        for cols in gazetteer_rows() {
            let aliases = cols.get(4).map(|a| a.split('|').collect::<Vec<_>>()).unwrap_or_default();
            for w in cols.get(2).into_iter().copied().chain(aliases) {
                let folded = fold_name(w);
                derived.extend(variants(&folded));
                written.insert(folded);
            }
        }
        for w in word_set(DERIVED_NOT_NAMES) {
            assert!(derived.contains(&w) && !written.contains(&w), "{w} is not a derived spelling");
        }
    }

    #[test]
    fn skeleton_links_vowel_spellings() {
        assert_eq!(skeleton(&fold_name("فلاديفوستوك")), skeleton(&fold_name("فلاديفستوك")));
        assert_eq!(skeleton(&fold_name("كيم جونغ أون")), skeleton(&fold_name("كيم جونج اون")));
        assert_ne!(skeleton(&fold_name("كيم جونغ أون")), skeleton(&fold_name("كيم جونغ إيل")));
        // `كيم جونغ` has the skeleton of `كيم يو جونغ`, and is not her.
        let lx = lexicon();
        let kim_yo_jong = lx.known.iter().position(|k| k.id == "kim-yo-jong").expect("in the gazetteer");
        assert_eq!(skeleton("كيم جونغ"), skeleton(&fold_name("كيم يو جونغ")));
        assert!(!skeleton_may_be(lx, "كيم جونغ", kim_yo_jong));
        assert!(skeleton_may_be(lx, "كيم يو جونج", kim_yo_jong));
    }

    #[test]
    fn gazetteer_ids_are_unique_and_the_implicit_ones_are_slugs() {
        assert_eq!(slug("Abu Dhabi"), "abu-dhabi");
        assert_eq!(slug("  King Abdullah II (Jordan) "), "king-abdullah-ii-jordan");
        let lx = lexicon();
        let mut ids: Vec<&str> = lx.known.iter().map(|k| k.id.as_str()).collect();
        assert!(ids.iter().all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "two gazetteer entries share an id");
        assert!(lx.known.iter().any(|k| k.id == "north-korea" && k.name_en == "North Korea"));
    }

    #[test]
    fn front_coded_lists_decode_to_the_plain_files() {
        for (coded, plain) in [
            (COMMON_WORDS, include_str!("../../data/lexicon/common_words.txt")),
            (COMMON_DEFINITE, include_str!("../../data/lexicon/common_definite.txt")),
        ] {
            let mut want: Vec<&str> = data_lines(plain).map(str::trim).collect();
            want.sort_unstable();
            want.dedup();
            assert_eq!(front_decoded(coded), want);
        }
    }

    #[test]
    fn data_files_load() {
        let lx = lexicon();
        assert!(lx.known.len() > 100, "gazetteer has {} entries", lx.known.len());
        assert!(!lx.person_titles.is_empty() && !lx.function_words.is_empty());
    }
}
