//! Articles: bytes to the story model (decode, sanitize, parse) and the library of them.

pub mod charset;
pub mod dates;
pub mod decode;
pub mod html;
pub mod library;
pub mod model;
pub mod parse_json;
pub mod parse_text;
pub mod urls;

pub use library::{article_files as article_files_of, load_bytes, load_file, Library, LoadError, Loaded, StoryRef};
pub use model::{Article, Link, LinkKind, Story};
