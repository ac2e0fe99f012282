//! Linking mentions to entities across spellings and articles.
//!
//! A known name links to its gazetteer entity. Another name links to a known
//! entity with the same consonant skeleton (`فلاديفستوك` = `فلاديفوستوك`) unless
//! a word of it is one the lexicon knows and the entity's name lacks (`محمد عباس`
//! is not `محمود عباس`), else to the other names with its skeleton. A part of a person's name (`كيم`, `بوتين`)
//! links to the full name that contains it in the same article (the most
//! mentioned one when several do), else in the whole set.

use crate::offsets::Span;
use super::lexicon::{lexicon, skeleton, skeleton_may_be};
use super::{EntityType, Mention};
use crate::model::EntityRecord;
use crate::text::Document;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a mention links to before ids are given out.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Known(usize),
    Name(EntityType, String),
}

/// Every run of whole words of `full` shorter than it (`كيم`, `جونغ اون` of
/// `كيم جونغ اون`), as slices of it: the parts of a name a mention may be.
fn inner_runs(full: &str) -> Vec<&str> {
    let words: Vec<(usize, usize)> = full.split(' ').map(|w| (w.as_ptr() as usize - full.as_ptr() as usize, w.len())).collect();
    let mut runs = Vec::new();
    for a in 0..words.len() {
        for b in a..words.len() {
            if b - a + 1 < words.len() {
                runs.push(&full[words[a].0..words[b].0 + words[b].1]);
            }
        }
    }
    runs
}

/// Each part of the `names` (see [`inner_runs`]) → the most counted name it is a
/// part of (of equal counts, the last in order): one lookup per mention instead
/// of a scan of every name of the set.
fn containers(names: &BTreeMap<String, usize>) -> HashMap<&str, (&str, usize)> {
    let mut out: HashMap<&str, (&str, usize)> = HashMap::new();
    for (full, &n) in names {
        for run in inner_runs(full) {
            let best = out.entry(run).or_insert((full, n));
            if n >= best.1 {
                *best = (full, n);
            }
        }
    }
    out
}

/// Romanise a folded Arabic name for an id (`كيرت كامبل` → `kyrt-kambl`).
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let s = match c {
            'ا' | 'أ' | 'إ' | 'آ' => "a",
            'ب' => "b",
            'ت' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' => "h",
            'خ' => "kh",
            'د' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' => "z",
            'س' => "s",
            'ش' => "sh",
            'ص' => "s",
            'ض' => "d",
            'ط' => "t",
            'ظ' => "z",
            'ع' => "a",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'ه' => "h",
            'و' => "w",
            'ي' => "y",
            ' ' | '-' => "-",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        out.push_str(s);
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "entity".to_string()
    } else {
        out
    }
}

/// Link every mention (sets `entity`) and return the entity records, most mentioned first.
pub fn link(docs: &[Document], mentions: &mut [Vec<Mention>], ids: &[String]) -> Vec<EntityRecord> {
    let lx = lexicon();
    // Full person names (2+ words) per article and in the whole set, with counts.
    let mut doc_full: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); mentions.len()];
    let mut set_full: BTreeMap<String, usize> = BTreeMap::new();
    for (d, ms) in mentions.iter().enumerate() {
        for m in ms.iter().filter(|m| m.kind == EntityType::Per && m.name.contains(' ')) {
            *doc_full[d].entry(m.name.clone()).or_default() += 1;
            *set_full.entry(m.name.clone()).or_default() += 1;
        }
    }
    // Which key each full name links to.
    let key_of_name = |name: &str, kind: EntityType, known: Option<usize>| -> Key {
        if let Some(k) = known {
            return Key::Known(k);
        }
        let sk = skeleton(name);
        if let Some(&k) = lx.skeletons.get(&sk) {
            if lx.known[k].kind == kind && skeleton_may_be(lx, name, k) {
                return Key::Known(k);
            }
        }
        Key::Name(kind, sk)
    };
    let mut full_key: HashMap<String, Key> = HashMap::new();
    for ms in mentions.iter() {
        for m in ms.iter().filter(|m| m.kind == EntityType::Per && m.name.contains(' ')) {
            full_key.entry(m.name.clone()).or_insert_with(|| key_of_name(&m.name, m.kind, m.known));
        }
    }
    let set_containers = containers(&set_full);

    let mut keys: Vec<Vec<Key>> = Vec::with_capacity(mentions.len());
    for (d, ms) in mentions.iter().enumerate() {
        let mut ks = Vec::with_capacity(ms.len());
        // Each part of the full person names seen so far in the article → the last
        // of them seen: one lookup per mention (a scan of every mention before took
        // 12 s for 40,000). The count beside the name is unused: the map has the
        // type of `containers`, one hash map instance less in the wasm (500 bytes).
        let mut last_full: HashMap<&str, (&str, usize)> = HashMap::new();
        let doc_containers = containers(&doc_full[d]);
        for m in ms.iter() {
            let key = if m.kind == EntityType::Per {
                // A part of a name (`كيم`) is the person last named in full before it
                // (another Kim may come later), else the article's most named one
                // that contains it, else the set's.
                let name = m.name.as_str();
                let container = last_full.get(name).map(|c| c.0).or_else(|| doc_containers.get(name).map(|c| c.0)).or_else(|| set_containers.get(name).map(|c| c.0));
                match container.and_then(|c| full_key.get(c).cloned()) {
                    // A known alias (`بوتين`) keeps its own entity.
                    Some(k) if m.known.is_none() => k,
                    _ => key_of_name(&m.name, m.kind, m.known),
                }
            } else {
                key_of_name(&m.name, m.kind, m.known)
            };
            if m.kind == EntityType::Per && m.name.contains(' ') {
                for run in inner_runs(&m.name) {
                    last_full.insert(run, (&m.name, 0));
                }
            }
            ks.push(key);
        }
        keys.push(ks);
    }

    // Records, in order of first appearance, then sorted by mentions.
    let mut index_of: HashMap<Key, usize> = HashMap::new();
    let mut records: Vec<EntityRecord> = Vec::new();
    let mut surface_counts: Vec<BTreeMap<String, usize>> = Vec::new();
    // Each article's headline and lead (its first sentence outside the headline), for salience.
    let heads: Vec<(Option<Span>, Option<Span>)> = docs.iter().map(|doc| (doc.title, doc.lead())).collect();
    for (d, (ms, ks)) in mentions.iter_mut().zip(&keys).enumerate() {
        for (m, k) in ms.iter_mut().zip(ks) {
            let r = *index_of.entry(k.clone()).or_insert_with(|| {
                let (id, name, name_en) = match k {
                    Key::Known(i) => (lx.known[*i].id.clone(), lx.known[*i].name_ar.clone(), Some(lx.known[*i].name_en.clone()).filter(|s| !s.is_empty())),
                    Key::Name(_, _) => (String::new(), String::new(), None),
                };
                records.push(EntityRecord { id, kind: m.kind.as_str().to_string(), name, name_en, aliases: Vec::new(), mentions: 0, articles: Vec::new(), article_mentions: Vec::new(), salience: 0 });
                surface_counts.push(BTreeMap::new());
                records.len() - 1
            });
            m.entity = Some(r);
            let rec = &mut records[r];
            rec.mentions += 1;
            let surface = docs.get(d).map(|doc| doc.slice(m.span).to_string()).unwrap_or_default();
            *surface_counts[r].entry(surface).or_default() += 1;
            if let Some(id) = ids.get(d) {
                if rec.articles.last() != Some(id) {
                    rec.articles.push(id.clone());
                    rec.article_mentions.push(0);
                }
                if let Some(n) = rec.article_mentions.last_mut() {
                    *n += 1;
                }
            }
            let (title, lead) = heads.get(d).copied().unwrap_or_default();
            rec.salience += if title.is_some_and(|t| t.contains(&m.span)) {
                3
            } else if lead.is_some_and(|s| s.contains(&m.span)) {
                2
            } else {
                1
            };
        }
    }
    // Names and ids of entities found by rules: the most frequent longest spelling.
    let mut used: HashSet<String> = records.iter().filter(|r| !r.id.is_empty()).map(|r| r.id.clone()).collect();
    for (rec, counts) in records.iter_mut().zip(&surface_counts) {
        rec.aliases = counts.keys().cloned().collect();
        if rec.id.is_empty() {
            let best = counts.iter().max_by_key(|(s, n)| (s.split_whitespace().count(), **n)).map(|(s, _)| s.clone()).unwrap_or_default();
            rec.name = best;
            let base = slug(&crate::text::normalize::fold(&rec.name));
            let mut id = base.clone();
            let mut n = 2;
            while used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used.insert(id.clone());
            rec.id = id;
        }
    }
    // Most mentioned first; mentions point at records by index, so remap.
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by(|&a, &b| records[b].mentions.cmp(&records[a].mentions).then(a.cmp(&b)));
    let mut new_index = vec![0; records.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for m in mentions.iter_mut().flatten() {
        m.entity = m.entity.map(|e| new_index[e]);
    }
    let mut slots: Vec<Option<EntityRecord>> = records.into_iter().map(Some).collect();
    order.iter().filter_map(|&old| slots[old].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One article recognised and linked: its document, mentions and entity records.
    fn linked(text: &str) -> (Document, Vec<Mention>, Vec<EntityRecord>) {
        let mut docs = crate::text::read_documents(&[text]);
        let mut mentions = crate::entities::recognize(&docs);
        let records = link(&docs, &mut mentions, &["a".to_string()]);
        (docs.remove(0), mentions.remove(0), records)
    }

    #[test]
    fn a_part_of_a_name_is_the_person_last_named_in_full() {
        let (doc, mentions, records) = linked("والتقى الزعيم كيم جونغ أون بالوفد. وقال كيم إن المحادثات جيدة. ثم تحدث الوزير كيم هونغ كيون للصحفيين. وأضاف كيم أن بلاده مستعدة.");
        let entity_of = |nth_kim: usize| {
            let m = mentions.iter().filter(|m| doc.slice(m.span) == "كيم").nth(nth_kim).expect("a bare كيم");
            records[m.entity.expect("linked")].name.clone()
        };
        assert_eq!(entity_of(0), "كيم جونغ أون");
        assert_eq!(entity_of(1), "كيم هونغ كيون");
    }

    #[test]
    fn another_person_with_the_same_skeleton_stays_apart() {
        // `محمد عباس` has the skeleton of the known `محمود عباس`; `محمد` is a given name he does not have.
        let (doc, mentions, records) = linked("وقال الدكتور محمد عباس إن النتائج جيدة. والتقى الرئيس محمود عباس الوفد.");
        let entity_of = |name: &str| {
            let m = mentions.iter().find(|m| doc.slice(m.span) == name).unwrap_or_else(|| panic!("{name} in {mentions:?}"));
            records[m.entity.expect("linked")].id.clone()
        };
        assert_ne!(entity_of("محمد عباس"), entity_of("محمود عباس"));
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("كيرت كامبل"), "kyrt-kambl");
        assert_eq!(slug("؟؟"), "entity");
    }

    #[test]
    fn word_containment() {
        assert_eq!(inner_runs("كيم جونغ اون"), ["كيم", "كيم جونغ", "جونغ", "جونغ اون", "اون"]);
        assert!(inner_runs("كيم").is_empty(), "a name is no part of itself");
        let names: BTreeMap<String, usize> = [("كيم جونغ اون".to_string(), 3), ("كيم يو جونغ".to_string(), 1)].into();
        let parts = containers(&names);
        assert_eq!(parts["كيم"], ("كيم جونغ اون", 3), "the most named");
        assert_eq!(parts["يو جونغ"].0, "كيم يو جونغ");
        assert!(!parts.contains_key("اون كيم"), "words in another order are no part");
    }
}
