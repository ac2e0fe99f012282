//! Stage 6: strings for the page (escaped HTML, SVG). Never touches the DOM.

pub mod article;
pub mod escape;
pub mod timeline_svg;

pub use article::{article_html, ArticleView};
pub use escape::escaped;
pub use timeline_svg::{timeline_svg, TimelineView};
