//! Stage 2: people, places and organisations, linked across spellings and articles.

pub mod cooccur;
pub mod lexicon;
pub mod link;
pub mod recognize;
pub mod tagger;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use crate::model::EntityRecord;
use crate::offsets::Span;
use crate::text::Document;

/// Entity types of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Per,
    /// A place (states acting as such included).
    Loc,
    /// An organisation.
    Org,
}

impl EntityType {
    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
        }
    }
}

/// One mention found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where it is (raw bytes; proclitics and titles outside).
    pub span: Span,
    /// Its type.
    pub kind: EntityType,
    /// Index of its entity in the records [`link`] returns.
    pub entity: Option<usize>,
    /// The folded name as matched (proclitics removed).
    pub name: String,
    /// Index of the known entity (gazetteer) it matched, if any.
    pub known: Option<usize>,
}

/// Find the mentions of every document of a set (names found in one article
/// are looked for in the others too).
pub fn recognize(docs: &[Document]) -> Vec<Vec<Mention>> {
    recognize::recognize_all(docs)
}

/// Link the mentions of all documents to entities; sets each mention's `entity`.
/// `ids` are the articles' ids, in the same order.
pub fn link(docs: &[Document], mentions: &mut [Vec<Mention>], ids: &[String]) -> Vec<EntityRecord> {
    link::link(docs, mentions, ids)
}
