//! `qari render`: a story as the article pane lays it out, without colour.

use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::Args;

use super::{write_out, CliError, GlobalArgs};
use crate::article::decode::{check_not_binary, decode_chunk, is_utf16};
use crate::article::{load_bytes, load_file, Story};
use crate::layout::{title_direction, BidiMode, LayoutChoices, LayoutOptions, Layouter};
use crate::terminal::escapes::ExplicitRows;
use crate::terminal::{render_target, RenderTarget, Terminal};

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The article file, or - for standard input.
    pub path: PathBuf,
    /// Columns (default: the terminal's, else 80); 0: no wrapping and no padding.
    #[arg(long)]
    pub width: Option<usize>,
    /// Every input line is one paragraph; no article structure (streams: memory stays flat).
    #[arg(long)]
    pub plain: bool,
    /// Which story of the article (from 0).
    #[arg(long, default_value_t = 0)]
    pub story: usize,
}

pub fn run(args: &RenderArgs, global: &GlobalArgs) -> Result<(), CliError> {
    let width = args.width.unwrap_or_else(terminal_width);
    let env = |k: &str| std::env::var(k).ok();
    let choices = global.layout();
    let stdout = std::io::stdout();
    let terminal = Terminal::detect(&env);
    let options = choices.layout_options(width, &env);
    match render_target(&terminal, stdout.is_terminal(), choices.bidi()) {
        RenderTarget::AsIs => render(args, &options, BufWriter::with_capacity(1 << 16, stdout.lock())),
        RenderTarget::ExplicitRows => {
            let mut rows = ExplicitRows::new(BufWriter::with_capacity(1 << 16, stdout.lock()));
            let result = render(args, &options, &mut rows);
            write_out(rows.finish().map(drop))?;
            result
        }
        RenderTarget::Logical => {
            // what `--bidi terminal` prints: the terminal reorders (and joins) by itself
            let logical = LayoutChoices { bidi: Some(BidiMode::Terminal), ..choices }.layout_options(width, &env);
            render(args, &logical, BufWriter::with_capacity(1 << 16, stdout.lock()))
        }
    }
}

fn render(args: &RenderArgs, options: &LayoutOptions, mut out: impl Write) -> Result<(), CliError> {
    let name = args.path.display().to_string();
    if args.plain {
        return match render_stream(&args.path, &name, options, &mut out) {
            Ok(bad) => {
                warn_bad_bytes(&name, bad);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(CliError::Input(e.to_string())),
        };
    }
    let loaded = load_file(&args.path)?;
    if let Some(notice) = loaded.notice() {
        super::say(&format!("warning: {notice}"));
    }
    let stories = &loaded.article.stories;
    let Some(story) = stories.get(args.story) else {
        return Err(CliError::Input(format!(
            "{name}: no story {} (the file has {} {})",
            args.story,
            stories.len(),
            if stories.len() == 1 { "story" } else { "stories" }
        )));
    };
    write_out(write_story(story, options, &mut out).and_then(|_| out.flush()))
}

fn warn_bad_bytes(name: &str, bad: usize) {
    if bad > 0 {
        super::say(&format!("warning: {name}: {bad} invalid UTF-8 sequence(s) replaced with �"));
    }
}

fn terminal_width() -> usize {
    if std::io::stdout().is_terminal() {
        if let Ok((w, _)) = ratatui::crossterm::terminal::size() {
            return w as usize;
        }
    }
    80
}

/// The title, a blank line, then the paragraphs separated by blank lines.
pub fn write_story(story: &Story, options: &LayoutOptions, out: &mut impl Write) -> std::io::Result<()> {
    let title_options =
        LayoutOptions { direction: title_direction(&story.title, &story.paragraphs, options.direction), ..*options };
    write_paragraph(&story.title, &title_options, out)?;
    for p in &story.paragraphs {
        writeln!(out)?;
        write_paragraph(p, options, out)?;
    }
    Ok(())
}

const BATCH: usize = 2048;

/// Renders paragraphs (one an input line) on `threads` threads; the outputs come back in order.
fn render_batch(paragraphs: &[String], options: &LayoutOptions, threads: usize) -> Vec<Vec<u8>> {
    let render = |part: &[String]| -> Vec<u8> {
        let mut out = Vec::with_capacity(part.iter().map(|p| p.len() + 1).sum::<usize>() * 2);
        let mut layouter = Layouter::default();
        for text in part {
            if text.trim().is_empty() {
                out.push(b'\n');
            } else {
                layouter.write_plain(text, options, &mut out);
            }
        }
        out
    };
    if threads < 2 || paragraphs.len() < 64 {
        return vec![render(paragraphs)];
    }
    // small parts handed out in turn, so no thread idles while another finishes a long part
    let parts: Vec<&[String]> = paragraphs.chunks(paragraphs.len().div_ceil(threads * 8)).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: Vec<std::sync::Mutex<Vec<u8>>> = parts.iter().map(|_| std::sync::Mutex::new(Vec::new())).collect();
    let work = || loop {
        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let Some(part) = parts.get(k) else { break };
        let rendered = render(part);
        if let Ok(mut slot) = done[k].lock() {
            *slot = rendered;
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    done.into_iter().map(|slot| slot.into_inner().unwrap_or_default()).collect()
}

fn write_paragraph(text: &str, options: &LayoutOptions, out: &mut impl Write) -> std::io::Result<()> {
    let mut lines = Vec::new();
    Layouter::default().write_plain(text, options, &mut lines);
    out.write_all(&lines)
}

/// `--plain`: one paragraph a line, read and written line by line. Returns the number of
/// invalid UTF-8 sequences repaired.
fn render_stream(path: &PathBuf, name: &str, options: &LayoutOptions, out: &mut impl Write) -> std::io::Result<usize> {
    let input: Box<dyn Read + Send> = if name == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| std::io::Error::new(e.kind(), format!("{name}: {e}")))?)
    };
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let head = reader.fill_buf()?.to_vec();
    if is_utf16(&head) {
        let mut all = Vec::new();
        reader.read_to_end(&mut all)?;
        let loaded = load_bytes(&all, name).map_err(std::io::Error::other)?;
        for story in &loaded.article.stories {
            for text in std::iter::once(&story.title).chain(&story.paragraphs) {
                write_paragraph(text, options, out)?;
            }
        }
        return Ok(0);
    }
    check_not_binary(&head, name).map_err(std::io::Error::other)?;
    // Paragraphs are independent: while one thread reads and decodes the next batch, the
    // current one is laid out on every core and written in order. Memory stays bounded by
    // two batches, whatever the input's size.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel::<std::io::Result<Vec<String>>>(2);
        let reading = scope.spawn(move || read_batches(reader, name, send));
        for batch in batches {
            for chunk in render_batch(&batch?, options, threads) {
                out.write_all(&chunk)?;
            }
        }
        out.flush()?;
        reading.join().unwrap_or(Ok(0))
    })
}

/// Reads lines into batches of paragraphs for [`render_stream`]; returns the number of invalid
/// UTF-8 sequences repaired.
fn read_batches(
    mut reader: BufReader<Box<dyn Read + Send>>,
    name: &str,
    send: std::sync::mpsc::SyncSender<std::io::Result<Vec<String>>>,
) -> std::io::Result<usize> {
    let mut bad = 0;
    let mut batch: Vec<String> = Vec::with_capacity(BATCH);
    let mut line = Vec::new();
    loop {
        line.clear();
        let done = match reader.read_until(b'\n', &mut line) {
            Ok(n) => n == 0,
            Err(e) => {
                let _ = send.send(Err(e));
                return Ok(bad);
            }
        };
        if !done {
            if line.contains(&0) {
                let e = std::io::Error::other(format!("{name}: binary file (not text): it contains NUL bytes"));
                let _ = send.send(Err(e));
                return Ok(bad);
            }
            let (mut text, repaired) = decode_chunk(&line);
            bad += repaired;
            if text.ends_with('\n') {
                text.pop();
            }
            batch.push(text);
        }
        if batch.len() == BATCH || (done && !batch.is_empty()) {
            // the receiver gone (output closed) ends the reading too
            if send.send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))).is_err() {
                return Ok(bad);
            }
        }
        if done {
            return Ok(bad);
        }
    }
}
