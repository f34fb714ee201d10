//! The command line: options, sub-commands, exit codes. The edge where errors get context.

mod doctor_cmd;
mod extract_cmd;
mod render_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::layout::{BaseDirection, LayoutOptions};

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
    #[arg(long, value_enum)]
    pub theme: Option<crate::app::config::ThemeChoice>,
}

#[derive(Debug, Args, Clone, Copy, Default)]
pub struct GlobalArgs {
    /// Join Arabic letters for terminals that do not (auto: on unless the terminal shapes).
    #[arg(long, global = true, value_enum)]
    pub shaping: Option<Shaping>,
    /// Who reorders right-to-left text: qari (app) or a bidi-aware terminal.
    #[arg(long, global = true, value_enum)]
    pub bidi: Option<BidiMode>,
    /// Paragraph direction: from the text (auto) or forced.
    #[arg(long, global = true, value_enum)]
    pub direction: Option<DirectionArg>,
}

impl GlobalArgs {
    /// These options, each one that is not given taken from `fallback` (the config file).
    pub fn or(self, fallback: GlobalArgs) -> GlobalArgs {
        GlobalArgs {
            shaping: self.shaping.or(fallback.shaping),
            bidi: self.bidi.or(fallback.bidi),
            direction: self.direction.or(fallback.direction),
        }
    }

    /// How text is laid out under these options at `width` columns.
    pub fn layout_options(&self, width: usize) -> LayoutOptions {
        let bidi = self.bidi.unwrap_or_default();
        LayoutOptions {
            width,
            shaping: crate::terminal::shaping_for(
                self.shaping.unwrap_or_default(),
                bidi,
                &crate::terminal::Terminal::detect(&|k| std::env::var(k).ok()),
            ),
            direction: self.direction.unwrap_or_default().into(),
            reorder: bidi == BidiMode::App,
            reveal_controls: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shaping {
    #[default]
    Auto,
    On,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BidiMode {
    #[default]
    App,
    Terminal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DirectionArg {
    #[default]
    Auto,
    Rtl,
    Ltr,
}

impl From<DirectionArg> for BaseDirection {
    fn from(d: DirectionArg) -> Self {
        match d {
            DirectionArg::Auto => BaseDirection::Auto,
            DirectionArg::Rtl => BaseDirection::Rtl,
            DirectionArg::Ltr => BaseDirection::Ltr,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a story as the article pane lays it out, one visual line a line.
    Render(render_cmd::RenderArgs),
    /// Print the stories and their facts (figures, people, places, …) as JSON or a table.
    Extract(extract_cmd::ExtractArgs),
    /// Print what qari detects about this terminal (bidi, shaping, colours, locale) and what
    /// it will do there.
    Doctor,
}

/// Prints a message on stderr. Messages carry file names, which can hold escape sequences as
/// well as any article: they are made visible the same way before they reach the terminal.
pub fn say(message: &str) {
    eprintln!("qari: {}", crate::article::decode::sanitize_line(message));
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
        Some(Command::Extract(args)) => extract_cmd::run(&args),
        Some(Command::Doctor) => doctor_cmd::run(&cli.global),
        None => crate::app::run(cli.reader, cli.global),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
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
