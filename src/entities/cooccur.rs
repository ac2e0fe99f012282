//! Who appears with whom: pairs of entities named in the same sentence.
//!
//! A sentence, not an article, is the unit: two people in one long article may
//! have nothing to do with each other, two in one sentence usually do.
//! Boilerplate (related links, tags) is left out, as it is from mention counts.

use super::Mention;
use crate::text::Document;

/// Pairs of entities (indices into the records, smaller first) that share a
/// sentence, with the number of such sentences over the set.
#[derive(Clone, Debug, Default)]
pub struct Pairs {
    /// Sorted by pair, each once.
    counts: Vec<((usize, usize), u32)>,
}

impl Pairs {
    /// Sentences naming both `a` and `b` (0 for a pair never seen).
    pub fn get(&self, a: usize, b: usize) -> u32 {
        let key = (a.min(b), a.max(b));
        self.counts.binary_search_by_key(&key, |&(k, _)| k).map_or(0, |i| self.counts[i].1)
    }

    /// Every entity that shares a sentence with another, each once, ascending.
    pub fn entities(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self.counts.iter().flat_map(|&((a, b), _)| [a, b]).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Counts given directly (for tests): pairs put in order, repeats added up.
    #[cfg(test)]
    pub fn from_counts(list: &[((usize, usize), u32)]) -> Pairs {
        Pairs::from_sightings(list.iter().flat_map(|&(pair, n)| std::iter::repeat_n(pair, n as usize)).collect())
    }

    /// Count sightings of pairs (sorted as plain tuples: a sort the wasm has already).
    fn from_sightings(mut seen: Vec<(usize, usize)>) -> Pairs {
        for pair in &mut seen {
            *pair = (pair.0.min(pair.1), pair.0.max(pair.1));
        }
        seen.sort_unstable();
        let mut counts: Vec<((usize, usize), u32)> = Vec::new();
        for pair in seen {
            match counts.last_mut() {
                Some((last, n)) if *last == pair => *n += 1,
                _ => counts.push((pair, 1)),
            }
        }
        Pairs { counts }
    }
}

/// Who shares a sentence with whom, over the set.
pub fn count_pairs(docs: &[Document], mentions: &[Vec<Mention>]) -> Pairs {
    let mut seen = Vec::new();
    for (doc, mentions) in docs.iter().zip(mentions) {
        // (sentence, entity), once each.
        let mut named: Vec<(usize, usize)> = mentions
            .iter()
            .filter(|m| !doc.in_boilerplate(m.span))
            .filter_map(|m| Some((doc.sentence_at(m.span.start)?, m.entity?)))
            .collect();
        named.sort_unstable();
        named.dedup();
        for sentence in named.chunk_by(|a, b| a.0 == b.0) {
            for (i, &(_, a)) in sentence.iter().enumerate() {
                for &(_, b) in &sentence[i + 1..] {
                    seen.push((a, b));
                }
            }
        }
    }
    Pairs::from_sightings(seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_count_sentences_not_mentions() {
        let text = "التقى فلاديمير بوتين كيم جونغ أون في موسكو. وقال بوتين إن كيم وبوتين اتفقا.\nزار سيرغي لافروف بيونغ يانغ.";
        let docs = crate::text::read_documents(&[text]);
        let mut mentions = crate::entities::recognize(&docs);
        let records = crate::entities::link(&docs, &mut mentions, &["a".to_string()]);
        let index = |id: &str| records.iter().position(|r| r.id == id).unwrap_or_else(|| panic!("{id} not found"));
        let (putin, kim, moscow, lavrov, pyongyang) =
            (index("vladimir-putin"), index("kim-jong-un"), index("moscow"), index("sergey-lavrov"), index("pyongyang"));
        let pairs = count_pairs(&docs, &mentions);
        let get = |a: usize, b: usize| pairs.get(a, b);
        assert_eq!(get(putin, kim), 2, "two sentences name both (the second twice)");
        assert_eq!(get(putin, moscow), 1);
        assert_eq!(get(lavrov, pyongyang), 1);
        assert_eq!(get(lavrov, putin), 0, "another sentence");
        assert_eq!(get(kim, putin), 2, "either order");
        assert!(pairs.counts.windows(2).all(|w| w[0].0 < w[1].0) && pairs.counts.iter().all(|((a, b), _)| a < b));
    }
}
