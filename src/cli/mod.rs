//! The command line: options, sub-commands, exit codes. The edge where errors get context.

mod doctor_cmd;
mod extract_cmd;
mod feed_cmd;
mod fetch_cmd;
mod render_cmd;
mod stories_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::app::config::ThemeChoice;
use crate::i18n::{Digits, InterfaceChoices, Lang, Months};
use crate::layout::{BaseDirection, BidiMode, LayoutChoices, Named, Shaping};
use crate::reader::{ReaderError, ReaderOptions};
pub use crate::say::say;

#[derive(Debug, Parser)]
#[command(name = "qari", version, about = "A terminal reader for Arabic news", args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub reader: ReaderArgs,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ReaderArgs {
    /// Article files or folders (default: the bundled sample library).
    pub paths: Vec<PathBuf>,
    /// Scroll with the mouse wheel.
    #[arg(long)]
    pub mouse: bool,
    /// Neither read nor write reading positions.
    #[arg(long)]
    pub no_state: bool,
    /// Colours for a light or dark background (auto: ask the terminal).
    #[arg(long, value_parser = choice::<ThemeChoice>())]
    pub theme: Option<ThemeChoice>,
}

#[derive(Debug, Args, Clone, Copy, Default)]
pub struct GlobalArgs {
    /// Join Arabic letters for terminals that do not (auto: on unless the terminal shapes).
    #[arg(long, global = true, value_parser = choice::<Shaping>())]
    pub shaping: Option<Shaping>,
    /// Who reorders right-to-left text: qari (app) or a bidi-aware terminal.
    #[arg(long, global = true, value_parser = choice::<BidiMode>())]
    pub bidi: Option<BidiMode>,
    /// Paragraph direction: from the text (auto) or forced.
    #[arg(long, global = true, value_parser = choice::<BaseDirection>())]
    pub direction: Option<BaseDirection>,
    /// Language of the interface (default: the config's, else the locale's).
    #[arg(long, global = true, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
    /// Digits for the numbers the interface writes (never the article's).
    #[arg(long, global = true, value_parser = choice::<Digits>())]
    pub digits: Option<Digits>,
    /// Month names for the dates the interface writes (default: the story's own).
    #[arg(long, global = true, value_parser = choice::<Months>())]
    pub months: Option<Months>,
}

impl GlobalArgs {
    pub fn layout(&self) -> LayoutChoices {
        LayoutChoices { shaping: self.shaping, bidi: self.bidi, direction: self.direction }
    }

    pub fn interface(&self) -> InterfaceChoices {
        InterfaceChoices { lang: self.lang, digits: self.digits, months: self.months }
    }
}

/// An option whose values are the names an option type knows (the core owns the names, the
/// command line only lists them).
fn choice<T: Named + Send + Sync>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::NAMES.iter().map(|(name, _)| *name))
        .try_map(|name| T::from_name(&name).ok_or("not one of the possible values"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a story as the article pane lays it out, one visual line a line.
    Render(render_cmd::RenderArgs),
    /// Print the stories and their facts (figures, people, places, …) as JSON or a table.
    Extract(extract_cmd::ExtractArgs),
    /// Subscriptions: add, list, remove, import or export (OPML) feeds.
    Feed(feed_cmd::FeedArgs),
    /// Fetch subscribed feeds (all, or those named) into the local store.
    Fetch(fetch_cmd::FetchArgs),
    /// List stored stories, or print them with their facts as JSON.
    Stories(stories_cmd::StoriesArgs),
    /// Print a completion script for a shell.
    #[command(
        after_help = "Examples:\n  qari completions bash > ~/.local/share/bash-completion/completions/qari\n  qari completions fish > ~/.config/fish/completions/qari.fish"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  qari man > qari.1 && man ./qari.1")]
    Man,
    /// Print what qari detects about this terminal (bidi, shaping, colours, locale) and what
    /// it will do there.
    Doctor,
}

/// Exit codes: 0 ok, 1 bad input, 2 usage.
pub const EXIT_INPUT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Some(Command::Render(args)) => render_cmd::run(&args, &cli.global),
        Some(Command::Extract(args)) => extract_cmd::run(&args, cli.global.interface()),
        Some(Command::Feed(args)) => feed_cmd::run(&args),
        Some(Command::Fetch(args)) => fetch_cmd::run(&args),
        Some(Command::Stories(args)) => stories_cmd::run(&args),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "qari", &mut std::io::stdout());
            Ok(())
        }
        Some(Command::Man) => write_out(clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())),
        Some(Command::Doctor) => doctor_cmd::run(&cli.global),
        None => {
            let ReaderArgs { paths, mouse, no_state, theme } = cli.reader;
            let options = ReaderOptions {
                paths,
                mouse,
                no_state,
                theme,
                layout: cli.global.layout(),
                interface: cli.global.interface(),
            };
            crate::reader::run(options).map_err(CliError::from)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Quiet) => ExitCode::from(EXIT_INPUT),
        Err(e) => {
            say(&e.to_string());
            ExitCode::from(e.exit_code())
        }
    }
}

/// What a command can fail with, as the user will read it.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] crate::article::LoadError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Input(String),
    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// A failure already reported line by line (`qari fetch`).
    #[error("")]
    Quiet,
}

impl From<ReaderError> for CliError {
    fn from(e: ReaderError) -> CliError {
        match e {
            ReaderError::Load(e) => CliError::Load(e),
            ReaderError::NotATerminal => CliError::Usage(e.to_string()),
            ReaderError::NoStories(_) => CliError::Input(e.to_string()),
            ReaderError::Terminal(source) => CliError::Io { context: "terminal".into(), source },
        }
    }
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            _ => EXIT_INPUT,
        }
    }
}

/// Writes to stdout, treating a closed pipe (`qari extract … | head`) as the end, not an error.
pub(crate) fn write_out(result: std::io::Result<()>) -> Result<(), CliError> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(CliError::Io { context: "writing output".into(), source }),
        Ok(()) => Ok(()),
    }
}

/// The config file, its problems said on stderr (the command goes on with the defaults).
pub(crate) fn load_config() -> crate::app::config::Config {
    let env = |k: &str| std::env::var(k).ok();
    let (config, problem) = crate::app::config::load(crate::app::config::config_path(&env).as_deref());
    if let Some(p) = problem {
        say(&p);
    }
    config
}

/// The store in the data folder.
pub(crate) fn open_store() -> Result<crate::store::Store, CliError> {
    Ok(crate::store::Store::open_default(&|k| std::env::var(k).ok())?)
}

/// Text from a feed or an article for a plain terminal line: controls made visible, bidi
/// controls dropped (they could reorder the rest of the terminal's line).
pub(crate) fn clean(text: &str) -> String {
    crate::article::decode::sanitize_line(text).chars().filter(|&c| !crate::layout::bidi::is_bidi_control(c)).collect()
}
