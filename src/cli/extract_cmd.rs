//! `qari extract`: stories and their facts as JSON, JSON Lines or a table for people.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{write_out, CliError};
use crate::app::config;
use crate::article::decode::{check_not_binary, decode_chunk};
use crate::article::{article_files_of, load_file, Article, Library, LinkKind, Story, StoryRef};
use crate::extract::{extract_all, figures_in, Facts, Figure, Mention, Person, Quote};
use crate::i18n::{months_used, Counted, Interface, InterfaceChoices, Msg};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files or folders, or - for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Each input line is its own text: JSON Lines `{"line": N, "figures": [...]}`.
    #[arg(long)]
    pub per_line: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Jsonl,
    Table,
}

/// `{"articles": [...]}`: what `extract` prints, and `stories` with its own story type.
#[derive(Serialize)]
pub(super) struct LibraryJson<'a, S = StoryJson<'a>> {
    pub articles: Vec<ArticleJson<'a, S>>,
}

#[derive(Serialize)]
pub(super) struct ArticleJson<'a, S = StoryJson<'a>> {
    pub path: &'a str,
    pub stories: Vec<S>,
}

impl<S: Serialize> LibraryJson<'_, S> {
    /// The whole library as one JSON document, or one article a line (JSON Lines).
    pub(super) fn write(&self, lines: bool, out: &mut impl Write) -> std::io::Result<()> {
        if lines {
            return self.articles.iter().try_for_each(|a| {
                serde_json::to_writer(&mut *out, a).map_err(std::io::Error::from).and_then(|_| writeln!(out))
            });
        }
        serde_json::to_writer_pretty(&mut *out, self).map_err(std::io::Error::from).and_then(|_| writeln!(out))
    }
}

#[derive(Serialize)]
pub(super) struct StoryJson<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    published: Option<&'a str>,
    dateline: Option<&'a str>,
    sources: &'a [String],
    paragraphs: &'a [String],
    figures: &'a [Figure],
    people: &'a [Person],
    places: &'a [Mention],
    organizations: &'a [Mention],
    quotes: &'a [Quote],
    linked: Vec<LinkJson>,
}

#[derive(Serialize)]
pub(super) struct LinkJson {
    /// The linked story's index in its file; absent for a page not among the inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    story: Option<usize>,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    via: LinkKind,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    shared: Vec<String>,
    /// Set when the linked story is in another file.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
}

pub fn run(args: &ExtractArgs, interface: InterfaceChoices) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if args.per_line {
        for path in &args.paths {
            per_line(path, &mut out)?;
        }
        return write_out(out.flush());
    }
    let mut articles: Vec<Article> = Vec::new();
    for path in &args.paths {
        for file in article_files_of(path)? {
            let loaded = load_file(&file)?;
            if let Some(notice) = loaded.notice() {
                super::say(&format!("warning: {notice}"));
            }
            articles.push(loaded.article);
        }
    }
    // a library, for links between the given files
    let library = Library::from_articles(articles);
    let articles = &library.articles;
    let index: Vec<(usize, usize)> =
        articles.iter().enumerate().flat_map(|(a, art)| (0..art.stories.len()).map(move |s| (a, s))).collect();
    let stories: Vec<&Story> = index.iter().map(|&(a, s)| &articles[a].stories[s]).collect();
    let (facts, related) = extract_all(&stories);
    let mut json = LibraryJson { articles: Vec::new() };
    let mut k = 0;
    for (a, article) in articles.iter().enumerate() {
        let mut stories_json = Vec::new();
        for (s, story) in article.stories.iter().enumerate() {
            let from = StoryRef { article: a, story: s };
            let targets: Vec<Option<StoryRef>> = story.linked.iter().map(|l| library.link_target(from, l)).collect();
            let mut linked: Vec<LinkJson> = story
                .linked
                .iter()
                .zip(&targets)
                .map(|(l, target)| LinkJson {
                    story: target.map(|t| t.story),
                    title: l.title.clone(),
                    url: l.url.clone(),
                    via: l.via,
                    shared: l.shared.clone(),
                    path: target.filter(|t| t.article != a).map(|t| articles[t.article].path.clone()),
                })
                .collect();
            for (other, shared) in &related[k] {
                let (oa, os) = index[*other];
                if targets.contains(&Some(StoryRef { article: oa, story: os })) {
                    continue;
                }
                linked.push(LinkJson {
                    story: Some(os),
                    url: None,
                    title: articles[oa].stories[os].title.clone(),
                    via: LinkKind::Related,
                    shared: shared.clone(),
                    path: (oa != a).then(|| articles[oa].path.clone()),
                });
            }
            stories_json.push(story_json(story, &facts[k], linked));
            k += 1;
        }
        json.articles.push(ArticleJson { path: &article.path, stories: stories_json });
    }
    let written = match args.format {
        Format::Json | Format::Jsonl => json.write(args.format == Format::Jsonl, &mut out),
        Format::Table => {
            // the table is for people: its labels in their language (the config's, else the
            // locale's); JSON keeps its stable English keys and values
            let env = |k: &str| std::env::var(k).ok();
            let (config, _) = config::load(config::config_path(&env).as_deref());
            write_table(&json, &mut out, &interface.or(config.interface()).resolve(&env))
        }
    };
    write_out(written.and_then(|_| out.flush()))
}

/// A story's own links (read-also), as the JSON gives them.
pub(super) fn own_links(story: &Story) -> Vec<LinkJson> {
    story
        .linked
        .iter()
        .map(|l| LinkJson {
            story: l.story,
            title: l.title.clone(),
            url: l.url.clone(),
            via: l.via,
            shared: l.shared.clone(),
            path: None,
        })
        .collect()
}

pub(super) fn story_json<'a>(story: &'a Story, facts: &'a Facts, linked: Vec<LinkJson>) -> StoryJson<'a> {
    StoryJson {
        title: &story.title,
        url: story.url.as_deref(),
        site: story.site.as_deref(),
        author: story.author.as_deref(),
        published: story.published.as_deref(),
        dateline: story.dateline.as_deref(),
        sources: &story.sources,
        paragraphs: &story.paragraphs,
        figures: &facts.figures,
        people: &facts.people,
        places: &facts.places,
        organizations: &facts.organizations,
        quotes: &facts.quotes,
        linked,
    }
}

#[derive(Serialize)]
struct LineFigures {
    line: usize,
    figures: Vec<Figure>,
}

/// `--per-line`: streamed, so memory stays flat however long the input.
fn per_line(path: &PathBuf, out: &mut impl Write) -> Result<(), CliError> {
    let name = path.display().to_string();
    let input: Box<dyn Read> = if name == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| CliError::Input(format!("{name}: {e}")))?)
    };
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let head = reader.fill_buf().map_err(|e| CliError::Input(format!("{name}: {e}")))?;
    check_not_binary(head, &name).map_err(|e| CliError::Input(e.to_string()))?;
    let mut line = Vec::new();
    let mut number = 0;
    let mut bad = 0;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(CliError::Input(format!("{name}: {e}"))),
        }
        number += 1;
        let (text, repaired) = decode_chunk(&line);
        bad += repaired;
        let record = LineFigures { line: number, figures: figures_in(text.trim_end_matches('\n'), None) };
        let written =
            serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::from).and_then(|_| writeln!(out));
        write_out(written)?;
    }
    if bad > 0 {
        super::say(&format!("warning: {name}: {bad} invalid UTF-8 sequence(s) replaced with �"));
    }
    Ok(())
}

/// Text for people, labelled in the interface's language. Bidi controls are dropped: they
/// could reorder the terminal's display.
fn write_table(json: &LibraryJson, out: &mut impl Write, words: &Interface) -> std::io::Result<()> {
    let clean = super::clean;
    // English keeps the extractor's own words (`more_than`), as the JSON writes them
    let term = |w: &str| if words.rtl() { words.term(w).into_owned() } else { w.to_string() };
    for article in &json.articles {
        writeln!(out, "== {}", clean(article.path))?;
        for (i, s) in article.stories.iter().enumerate() {
            writeln!(out, "\n[{i}] {}", clean(s.title))?;
            let meta: Vec<String> = [
                s.published.map(|p| words.fill(Msg::TablePublished, &[("date", p)])),
                s.dateline.map(|d| words.fill(Msg::TableDateline, &[("place", &clean(d))])),
                s.author.map(|x| words.fill(Msg::TableAuthor, &[("author", &clean(x))])),
                s.site.map(|x| words.fill(Msg::TableSite, &[("site", &clean(x))])),
            ]
            .into_iter()
            .flatten()
            .chain(
                (!s.sources.is_empty())
                    .then(|| words.fill(Msg::TableSources, &[("sources", &clean(&s.sources.join("، ")))])),
            )
            .collect();
            if !meta.is_empty() {
                writeln!(out, "    {}", meta.join(" · "))?;
            }
            if let Some(url) = s.url {
                writeln!(out, "    {url}")?;
            }
            let paragraphs = words.count(Counted::Paragraphs, s.paragraphs.len());
            let figures = words.count(Counted::Figures, s.figures.len());
            writeln!(
                out,
                "    {}",
                words.fill(Msg::TableCounts, &[("paragraphs", &paragraphs), ("figures", &figures)])
            )?;
            let months =
                words.months.or_else(|| months_used(s.paragraphs.iter().map(String::as_str))).unwrap_or_default();
            for f in s.figures {
                // English keeps the values as the JSON has them; Arabic writes them as the reader does
                let value = if words.rtl() { words.figure_value(f, months) } else { f.value.to_string() };
                let extra: Vec<String> =
                    [&f.label, &f.qualifier, &f.unit, &f.currency].into_iter().flatten().map(|w| term(w)).collect();
                writeln!(
                    out,
                    "    {:<9} {:<12} {:<28} «{}»",
                    words.kind_name(f.kind),
                    value,
                    clean(&extra.join(" ")),
                    clean(&f.text)
                )?;
            }
            let list = |label: Msg, items: Vec<String>, out: &mut dyn Write| -> std::io::Result<()> {
                if !items.is_empty() {
                    writeln!(out, "    {}: {}", words.text(label), clean(&items.join("، ")))?;
                }
                Ok(())
            };
            let named = |name: &str, n: usize| format!("{name} ({n})");
            list(Msg::TablePeople, s.people.iter().map(|p| named(&p.name, p.mentions)).collect(), out)?;
            list(Msg::TablePlaces, s.places.iter().map(|p| named(&p.name, p.mentions)).collect(), out)?;
            list(Msg::TableOrganizations, s.organizations.iter().map(|p| named(&p.name, p.mentions)).collect(), out)?;
            for q in s.quotes {
                let speaker = clean(q.speaker.as_deref().unwrap_or(words.text(Msg::UnknownSpeaker)));
                writeln!(out, "    {}: «{}»", words.fill(Msg::TableQuote, &[("speaker", &speaker)]), clean(&q.text))?;
            }
            for l in &s.linked {
                let via = words.text(if l.via == LinkKind::ReadAlso { Msg::ReadAlso } else { Msg::Related });
                let target = match (l.story, &l.path, &l.url) {
                    (Some(k), Some(path), _) => format!("{} [{k}]", clean(path)),
                    (Some(k), None, _) => format!("[{k}]"),
                    (None, _, Some(url)) => url.clone(),
                    (None, _, None) => String::new(),
                };
                writeln!(out, "    {via} → {target} {}", clean(&l.title))?;
            }
        }
    }
    Ok(())
}
