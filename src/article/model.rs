//! The article model: plain data, the same whether it came from text or from JSON.

use serde::{Deserialize, Serialize};

/// One file of the library: the stories it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub path: String,
    pub stories: Vec<Story>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    pub title: String,
    /// ISO 8601 date of the precision the date line gave (`2024-11-01`).
    #[serde(default)]
    pub published: Option<String>,
    /// The place the story was filed from (`الولايات المتحدة – …`).
    #[serde(default)]
    pub dateline: Option<String>,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub linked: Vec<Link>,
    /// Where the story is published (a page's canonical URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The site or paper that published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Who wrote it (a page's byline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// A story this one points to: `story` indexes the stories of the same article; `url` names
/// a page, which the library finds among its other files (see `Library::link_target`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<usize>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub via: LinkKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// The story's own "اقرأ أيضاً" links.
    ReadAlso,
    /// Found by extraction: shares people, places or figures.
    Related,
}
