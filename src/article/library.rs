//! Files and folders to articles: the library the reader browses.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::article::decode::{decode, DecodeError, Decoded};
use crate::article::html::{looks_like_html, parse_html};
use crate::article::model::{Article, Link};
use crate::article::parse_json::{looks_like_json, parse_json, JsonError};
use crate::article::parse_text::parse_text;
use crate::article::urls;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error(transparent)]
    Binary(#[from] DecodeError),
    #[error(transparent)]
    Json(#[from] JsonError),
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    #[error("{path}: no articles (.txt, .json, .html) in this folder")]
    EmptyFolder { path: String },
    #[error("{path}: not a readable gzip file: {source}")]
    Gzip { path: String, source: std::io::Error },
    #[error("{path}: more than {limit} MiB once decompressed")]
    TooLarge { path: String, limit: u64 },
}

/// Largest decompressed `.gz` accepted: a page is never this large, a zip bomb is.
pub const MAX_DECOMPRESSED: u64 = 256 << 20;

/// An article and how its bytes were read.
#[derive(Debug)]
pub struct Loaded {
    pub article: Article,
    pub bad_sequences: usize,
    /// What the user should know about the decoding (see [`crate::article::decode::Decoded::notice`]).
    pub decoding: Option<String>,
}

impl Loaded {
    /// A one-line notice for the user when the file was not plain UTF-8 or had to be repaired.
    pub fn notice(&self) -> Option<String> {
        self.decoding.as_ref().map(|d| format!("{}: {d}", self.article.path))
    }
}

/// Parses bytes already read; `path` names the source (`-` for standard input). Gzip is
/// decompressed (by name or by its magic bytes); then the format is told by the name
/// (`.json`, `.html`/`.htm`, `.txt`) or, for other names and standard input, by sniffing.
pub fn load_bytes(bytes: &[u8], path: &str) -> Result<Loaded, LoadError> {
    parse_decoded(decode_file(bytes, path)?, path)
}

/// Decompressed when gzip (by its magic bytes), then decoded.
fn decode_file(bytes: &[u8], path: &str) -> Result<Decoded, LoadError> {
    if is_gzip(bytes) {
        return Ok(decode(&gunzip(bytes, path)?, path)?);
    }
    Ok(decode(bytes, path)?)
}

fn parse_decoded(decoded: Decoded, path: &str) -> Result<Loaded, LoadError> {
    let name = path.strip_suffix(".gz").or(path.strip_suffix(".GZ")).unwrap_or(path);
    let kind = Format::of(name, &decoded.text);
    let stories = match kind {
        Format::Json => parse_json(&decoded.text, path)?,
        Format::Html => {
            let page_url = (path != "-").then(|| urls::of_file(path)).flatten().map(String::from);
            vec![parse_html(&decoded.text, page_url.as_deref())]
        }
        Format::Text => parse_text(&decoded.text),
    };
    Ok(Loaded {
        article: Article { path: path.to_string(), stories },
        bad_sequences: decoded.bad_sequences,
        decoding: decoded.notice(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Html,
}

impl Format {
    fn of(name: &str, text: &str) -> Format {
        match extension(name).as_deref() {
            Some("json") => Format::Json,
            Some("html" | "htm" | "xhtml" | "shtml") => Format::Html,
            Some("txt") => Format::Text,
            _ if looks_like_html(text) => Format::Html,
            _ if looks_like_json(name, text) => Format::Json,
            _ => Format::Text,
        }
    }
}

fn extension(name: &str) -> Option<String> {
    Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase)
}

fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1F, 0x8B])
}

/// Decompresses, refusing more than [`MAX_DECOMPRESSED`] bytes.
fn gunzip(bytes: &[u8], path: &str) -> Result<Vec<u8>, LoadError> {
    let mut out = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(MAX_DECOMPRESSED + 1);
    reader.read_to_end(&mut out).map_err(|source| LoadError::Gzip { path: path.to_string(), source })?;
    if out.len() as u64 > MAX_DECOMPRESSED {
        return Err(LoadError::TooLarge { path: path.to_string(), limit: MAX_DECOMPRESSED >> 20 });
    }
    Ok(out)
}

pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    let read = if name == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    read.map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing { path: name.clone() },
        _ => LoadError::Io { path: name.clone(), source },
    })?;
    // the bytes go before the text is parsed: a file is held twice at most, not three times
    let decoded = decode_file(&bytes, &name)?;
    drop(bytes);
    parse_decoded(decoded, &name)
}

/// Every article file a path names: the file itself, or a folder's articles (see
/// [`is_article_file`]), recursively, in name order.
pub fn article_files(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let name = path.display().to_string();
    if name == "-" {
        return Ok(vec![path.to_path_buf()]);
    }
    let meta = fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::Missing { path: name.clone() },
        _ => LoadError::Io { path: name.clone(), source },
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    walk(path, &mut files);
    files.sort();
    if files.is_empty() {
        return Err(LoadError::EmptyFolder { path: name });
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out);
        } else if is_article_file(&path) {
            out.push(path);
        }
    }
}

/// `.txt`, `.json`, `.html`, `.htm` (also gzipped: `.html.gz`…), and files without an
/// extension whose first bytes are HTML or gzip.
fn is_article_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let name = name.strip_suffix(".gz").or(name.strip_suffix(".GZ")).unwrap_or(name);
    match extension(name).as_deref() {
        Some("txt" | "json" | "html" | "htm" | "xhtml") => true,
        Some(_) => false,
        None if name.starts_with('.') => false,
        None => sniff_file(path),
    }
}

fn sniff_file(path: &Path) -> bool {
    let mut head = [0u8; 1024];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let n = file.read(&mut head).unwrap_or(0);
    is_gzip(&head[..n]) || looks_like_html(&String::from_utf8_lossy(&head[..n]))
}

/// Loads files on every core (a folder of ten thousand articles is read in well under a
/// second), results in the order of `files`.
fn load_all(files: &[PathBuf]) -> Vec<Result<Loaded, LoadError>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || files.len() < 32 {
        return files.iter().map(|f| load_file(f)).collect();
    }
    let per = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = files
            .chunks(per)
            .map(|part| scope.spawn(move || part.iter().map(|f| load_file(f)).collect::<Vec<_>>()))
            .collect();
        parts.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// Everything the reader opened, and what it could not open.
#[derive(Debug, Default)]
pub struct Library {
    pub articles: Vec<Article>,
    /// (article, story) pairs, newest first, then by title.
    pub order: Vec<StoryRef>,
    /// One line each: skipped files, repaired bytes.
    pub notices: Vec<String>,
    /// Stories by the key of their URL and of their file's URL, for links between files.
    by_url: HashMap<String, StoryRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StoryRef {
    pub article: usize,
    pub story: usize,
}

impl Library {
    /// Opens every path; files that cannot be read are skipped with a notice. Fails only when
    /// nothing at all could be opened, with the first error.
    pub fn open(paths: &[PathBuf]) -> Result<Library, LoadError> {
        let mut library = Library::default();
        let mut first_error = None;
        for path in paths {
            let files = match article_files(path) {
                Ok(f) => f,
                Err(e) => {
                    library.notices.push(e.to_string());
                    first_error.get_or_insert(e);
                    continue;
                }
            };
            for loaded in load_all(&files) {
                match loaded {
                    Ok(loaded) => {
                        library.notices.extend(loaded.notice());
                        library.articles.push(loaded.article);
                    }
                    Err(e) => {
                        library.notices.push(format!("skipped {e}"));
                        first_error.get_or_insert(e);
                    }
                }
            }
        }
        if library.articles.is_empty() {
            if let Some(e) = first_error {
                return Err(e);
            }
        }
        library.sort();
        Ok(library)
    }

    pub fn from_articles(articles: Vec<Article>) -> Library {
        let mut library = Library { articles, ..Library::default() };
        library.sort();
        library
    }

    /// Where a link of story `from` leads in the library: a story of the same article, or the
    /// story of another file whose page URL (or file) the link names.
    pub fn link_target(&self, from: StoryRef, link: &Link) -> Option<StoryRef> {
        if let Some(story) = link.story {
            return (story < self.articles[from.article].stories.len())
                .then_some(StoryRef { article: from.article, story });
        }
        let target = *self.by_url.get(&urls::key(link.url.as_deref()?)?)?;
        (target != from).then_some(target)
    }

    fn index_urls(&mut self) {
        self.by_url.clear();
        for (a, article) in self.articles.iter().enumerate() {
            let file = urls::of_file(&article.path).map(|u| u.to_string());
            for (s, story) in article.stories.iter().enumerate() {
                let r = StoryRef { article: a, story: s };
                let file_key = (s == 0).then_some(file.as_deref()).flatten();
                for url in story.url.as_deref().into_iter().chain(file_key) {
                    if let Some(key) = urls::key(url) {
                        self.by_url.entry(key).or_insert(r);
                    }
                }
            }
        }
    }

    fn sort(&mut self) {
        self.index_urls();
        self.order = self
            .articles
            .iter()
            .enumerate()
            .flat_map(|(a, art)| (0..art.stories.len()).map(move |s| StoryRef { article: a, story: s }))
            .collect();
        let articles = &self.articles;
        self.order.sort_by(|x, y| {
            let (sx, sy) = (&articles[x.article].stories[x.story], &articles[y.article].stories[y.story]);
            sy.published.cmp(&sx.published).then_with(|| sx.title.cmp(&sy.title)).then(x.cmp(y))
        });
    }

    pub fn story(&self, r: StoryRef) -> &crate::article::model::Story {
        &self.articles[r.article].stories[r.story]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::model::Story;

    fn story(title: &str, published: Option<&str>) -> Story {
        Story { title: title.into(), published: published.map(String::from), ..Story::default() }
    }

    #[test]
    fn newest_first_then_title_and_undated_last() {
        let lib = Library::from_articles(vec![
            Article { path: "a".into(), stories: vec![story("ب", Some("2024-01-01")), story("ا", None)] },
            Article { path: "b".into(), stories: vec![story("ج", Some("2025-03")), story("أ", Some("2024-01-01"))] },
        ]);
        let titles: Vec<&str> = lib.order.iter().map(|&r| lib.story(r).title.as_str()).collect();
        assert_eq!(titles, vec!["ج", "أ", "ب", "ا"]);
    }

    #[test]
    fn skips_binary_and_reports_it_but_opens_the_rest() {
        let dir = std::env::temp_dir().join(format!("qari-lib-{}", std::process::id()));
        let sub = dir.join("sub");
        fs::create_dir_all(&sub).unwrap();
        fs::write(dir.join("a.txt"), "عنوان\nفقرة").unwrap();
        fs::write(sub.join("b.json"), r#"[{"title": "ج"}]"#).unwrap();
        fs::write(dir.join("c.txt"), b"\x00\x01\x02binary").unwrap();
        fs::write(dir.join("d.png"), b"ignored").unwrap();
        let lib = Library::open(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(lib.articles.len(), 2);
        assert_eq!(lib.notices.len(), 1);
        assert!(lib.notices[0].contains("c.txt") && lib.notices[0].contains("binary"), "{:?}", lib.notices);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn nothing_to_open_is_an_error_naming_the_path() {
        let err = Library::open(&[PathBuf::from("no/such/place")]).unwrap_err();
        assert_eq!(err.to_string(), "no/such/place: no such file or folder");
    }
}
