//! Files and folders to articles: the library the reader browses.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::article::decode::{decode, DecodeError};
use crate::article::model::Article;
use crate::article::parse_json::{looks_like_json, parse_json, JsonError};
use crate::article::parse_text::parse_text;

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
    #[error("{path}: no .txt or .json articles in this folder")]
    EmptyFolder { path: String },
}

/// An article and what was wrong with its bytes.
#[derive(Debug)]
pub struct Loaded {
    pub article: Article,
    pub bad_sequences: usize,
}

impl Loaded {
    /// A one-line notice for the user when the file had to be repaired.
    pub fn notice(&self) -> Option<String> {
        (self.bad_sequences > 0)
            .then(|| format!("{}: {} invalid UTF-8 sequence(s) replaced with �", self.article.path, self.bad_sequences))
    }
}

/// Parses bytes already read; `path` names the source (`-` for standard input).
pub fn load_bytes(bytes: &[u8], path: &str) -> Result<Loaded, LoadError> {
    parse_decoded(decode(bytes, path)?, path)
}

fn parse_decoded(decoded: crate::article::decode::Decoded, path: &str) -> Result<Loaded, LoadError> {
    let stories =
        if looks_like_json(path, &decoded.text) { parse_json(&decoded.text, path)? } else { parse_text(&decoded.text) };
    Ok(Loaded { article: Article { path: path.to_string(), stories }, bad_sequences: decoded.bad_sequences })
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
    let decoded = decode(&bytes, &name)?;
    drop(bytes);
    parse_decoded(decoded, &name)
}

/// Every article file a path names: the file itself, or a folder's `.txt` and `.json` files,
/// recursively, in name order.
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
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("json"))
        {
            out.push(path);
        }
    }
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

    fn sort(&mut self) {
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
