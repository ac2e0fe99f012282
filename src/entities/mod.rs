//! Stage 2: people, places and organisations, linked across spellings and articles.

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
}

/// Find the mentions of one document.
pub fn recognize(doc: &Document) -> Vec<Mention> {
    let _ = doc;
    Vec::new()
}

/// Link the mentions of all documents to entities; sets each mention's `entity`.
pub fn link(docs: &[Document], mentions: &mut [Vec<Mention>]) -> Vec<EntityRecord> {
    let _ = (docs, mentions);
    Vec::new()
}
