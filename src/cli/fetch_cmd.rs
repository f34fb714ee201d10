//! `qari fetch`: every subscribed feed, or those named, into the store.

use std::io::IsTerminal;

use clap::Args;

use super::{clean, open_store, say, CliError};
use crate::fetch::{fetch_feeds, Event, Outcome, Settings};

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  qari fetch\n  qari fetch الجزيرة https://example.com/rss.xml")]
pub struct FetchArgs {
    /// Feeds to fetch, by URL or title (default: all).
    pub feeds: Vec<String>,
}

pub fn run(args: &FetchArgs) -> Result<(), CliError> {
    let config = super::load_config();
    let settings = Settings::from_config(&config.fetch, &config.feeds);
    let mut store = open_store()?;
    let feeds = if args.feeds.is_empty() {
        store.feeds()?
    } else {
        args.feeds.iter().map(|name| super::feed_cmd::find(&store, name)).collect::<Result<_, _>>()?
    };
    if feeds.is_empty() {
        say("no feeds to fetch: subscribe with `qari feed add URL`");
        return Ok(());
    }
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(feeds.len() as u64);
        let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} feeds {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        bar
    });
    let mut on_event = |event: &Event| match event {
        Event::Started { title, .. } => {
            if let Some(bar) = &bar {
                bar.set_message(clean(title));
            }
        }
        Event::Finished(report) => {
            let line = match &report.outcome {
                Outcome::Failed(why) => Some(format!("{}: {why}", report.title)),
                Outcome::Waiting(_) => Some(format!("{}: {}", report.title, report.outcome.describe())),
                Outcome::Fetched { pages_failed, .. } if *pages_failed > 0 => {
                    Some(format!("{}: {}", report.title, report.outcome.describe()))
                }
                _ => None,
            };
            match (&bar, line) {
                (Some(bar), Some(line)) => bar.suspend(|| say(&line)),
                (None, Some(line)) => say(&line),
                _ => {}
            }
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        }
    };
    let reports = fetch_feeds(&mut store, &feeds, &settings, &mut on_event)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let new: usize = reports.iter().map(|r| if let Outcome::Fetched { new, .. } = r.outcome { new } else { 0 }).sum();
    let failed = reports.iter().filter(|r| r.outcome.failed()).count();
    let unchanged = reports.iter().filter(|r| r.outcome == Outcome::NotModified).count();
    let waiting = reports.iter().filter(|r| matches!(r.outcome, Outcome::Waiting(_))).count();
    let mut summary = format!("fetched {} feed(s): {new} new stories", reports.len() - failed - waiting);
    if unchanged > 0 {
        summary.push_str(&format!(", {unchanged} not modified"));
    }
    if waiting > 0 {
        summary.push_str(&format!(", {waiting} skipped (asked to wait)"));
    }
    summary.push_str(&format!(", {failed} failed"));
    eprintln!("{summary}");
    if failed > 0 {
        return Err(CliError::Quiet);
    }
    Ok(())
}
