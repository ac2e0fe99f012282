//! Stage 6: strings for the page (escaped HTML, the timeline's and the co-occurrences' SVG). Never touches the DOM.

pub mod article;
pub mod cooccurrence_svg;
pub mod escape;
pub mod timeline_overview;
pub mod timeline_svg;

pub use article::{article_html, ArticleView};
pub use cooccurrence_svg::{cooccurrence_svg, CooccurrenceView};
pub use escape::escaped;
pub use timeline_svg::{timeline_svg, TimelineView};
