//! qari: a terminal reader for Arabic news.
//!
//! The core is pure: `article` (bytes to stories), `layout` (a paragraph to visual lines),
//! `extract` (the facts of a story). `app` holds the reader's state and turns keys into
//! actions, `ui` draws it; `cli` and `main.rs` are the thin edges.

pub mod app;
pub mod arabic;
pub mod article;
pub mod cli;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod i18n;
pub mod layout;
pub mod net;
pub mod reader;
pub mod say;
pub mod store;
pub mod terminal;
pub mod ui;
