//! `qari doctor`: what qari found out about the terminal and what it will do there, one fact
//! a line, for a person to read or paste into a report.

use std::io::IsTerminal;

use super::{CliError, GlobalArgs};
use crate::app::config::{self, Background, ThemeChoice};
use crate::layout::BidiMode;
use crate::terminal::query::{self, Answers, Questions};
use crate::terminal::{
    background, render_target, tmux, BackgroundSource, BidiHandling, Multiplexer, Passthrough, Plan, RenderTarget,
    Terminal,
};

/// What the doctor found: the environment's word and the terminal's answers.
pub struct Findings {
    pub terminal: Terminal,
    pub bidi: BidiMode,
    pub shaping: bool,
    pub theme: ThemeChoice,
    pub tmux_allows: Option<bool>,
    /// None: the terminal was not asked (not a terminal, or colours off).
    pub answers: Option<Answers>,
    pub colorfgbg: Option<String>,
    pub no_color: bool,
    pub locale: Option<(String, String)>,
    pub stdout_is_terminal: bool,
}

pub fn run(global: &GlobalArgs) -> Result<(), CliError> {
    let env = |k: &str| std::env::var(k).ok();
    let (config, problem) = config::load(config::config_path(&env).as_deref());
    if let Some(problem) = problem {
        super::say(&problem);
    }
    let layout = global.layout().or(config.layout());
    let terminal = Terminal::detect(&env);
    let bidi = layout.bidi();
    // the terminal is asked on its own device: `qari doctor > report.txt` still asks it
    let interactive = std::io::stdin().is_terminal();
    let no_color = env("NO_COLOR").is_some_and(|v| !v.is_empty());
    let answers = interactive.then(|| ask(&terminal, bidi == BidiMode::App, !no_color)).flatten();
    let tmux_allows = (terminal.multiplexer == Some(Multiplexer::Tmux)).then(tmux::allows_passthrough);
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| env(k).filter(|v| !v.is_empty()).map(|v| (k.to_string(), v)));
    let findings = Findings {
        shaping: layout.layout_options(80, &env).shaping,
        terminal,
        bidi,
        theme: config.theme.background.unwrap_or_default(),
        tmux_allows,
        answers,
        colorfgbg: env("COLORFGBG"),
        no_color,
        locale,
        stdout_is_terminal: std::io::stdout().is_terminal(),
    };
    for line in report(&findings) {
        println!("{line}");
    }
    Ok(())
}

fn ask(terminal: &Terminal, reorder: bool, background: bool) -> Option<Answers> {
    let questions = Questions::for_terminal(terminal, reorder, background, &|k| std::env::var(k).ok());
    ratatui::crossterm::terminal::enable_raw_mode().ok()?;
    let answers = query::ask(&questions, query::ANSWER_TIMEOUT);
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    answers.ok()
}

/// The report, a fact a line.
pub fn report(f: &Findings) -> Vec<String> {
    let t = &f.terminal;
    let mut lines = Vec::new();
    let term = t.term.as_deref().unwrap_or("(unset)");
    lines.push(format!("terminal: {} (TERM={term})", t.name()));
    let inside = match (t.multiplexer, f.tmux_allows) {
        (None, _) => "none".to_string(),
        (Some(Multiplexer::Tmux), Some(true)) => "tmux, allow-passthrough on: escapes reach the terminal".into(),
        (Some(Multiplexer::Tmux), _) => "tmux, allow-passthrough off: escapes do not reach the terminal".into(),
        (Some(Multiplexer::Screen), _) => "GNU screen: escapes passed on in DCS strings".into(),
    };
    lines.push(format!("multiplexer: {inside}"));
    lines.push(format!(
        "terminal's bidi: {}",
        match t.bidi() {
            BidiHandling::None => "none: cells are shown in the order they are written",
            BidiHandling::ReordersUnlessExplicit => "reorders rows unless asked for explicit mode (CSI 8 l)",
            BidiHandling::ReordersUnlessConfigured => "reorders rows unless its use_ctl setting is off",
            BidiHandling::ReordersAlways => "reorders rows; only its profile setting turns that off",
        }
    ));
    if let Some(use_ctl) = f.answers.as_ref().and_then(|a| a.mlterm_use_ctl) {
        lines.push(format!("mlterm use_ctl: {use_ctl} (asked)"));
    }
    lines.push(format!(
        "bidi: {}",
        match f.bidi {
            BidiMode::App => "app (qari reorders)",
            BidiMode::Terminal => "terminal (qari hands over logical text)",
        }
    ));
    lines.push(format!(
        "shaping: {}",
        if f.shaping { "qari joins Arabic letters" } else { "the terminal joins Arabic letters" }
    ));
    let answer = f.answers.as_ref().and_then(|a| a.background);
    let (ground, source) = background(f.theme, answer, f.colorfgbg.as_deref());
    let ground_name = if ground == Background::Light { "light" } else { "dark" };
    let how = match &source {
        BackgroundSource::Chosen => "as the config chose".to_string(),
        BackgroundSource::Answer(rgb) => {
            let ms = f.answers.as_ref().map_or(0, |a| a.elapsed.as_millis());
            format!("#{:02x}{:02x}{:02x}, the terminal's answer to OSC 11 in {ms} ms", rgb.0, rgb.1, rgb.2)
        }
        BackgroundSource::Colorfgbg(v) => format!("COLORFGBG={v}"),
        BackgroundSource::Unknown => match &f.answers {
            Some(a) if a.complete => "the terminal does not tell its colour; taken as dark".into(),
            Some(_) => "the terminal did not answer in time; taken as dark".into(),
            None => "not asked (no terminal); taken as dark".into(),
        },
    };
    lines.push(format!("background: {ground_name} ({how})"));
    lines.push(format!(
        "colours: {}",
        if f.no_color { "off (NO_COLOR): highlights by bold, underline, reverse" } else { "on" }
    ));
    lines.push(match &f.locale {
        Some((k, v)) => {
            let utf8 = v.to_ascii_lowercase().replace('-', "").contains("utf8");
            format!("locale: {k}={v}{}", if utf8 { "" } else { " (not UTF-8: Arabic may not show)" })
        }
        None => "locale: unset (C): Arabic may not show".into(),
    });
    let passthrough = Passthrough::for_terminal(t, f.tmux_allows.unwrap_or(false));
    let plan = Plan::new(t, f.bidi == BidiMode::App, passthrough, f.answers.as_ref().and_then(|a| a.mlterm_use_ctl));
    lines.push(format!("reader: {}", reader_will(t, &plan)));
    let render = match render_target(t, f.stdout_is_terminal, f.bidi) {
        RenderTarget::AsIs => "visual lines as they are",
        RenderTarget::ExplicitRows => "visual lines, each row asked to be explicit, implicit mode back after",
        RenderTarget::Logical => "logical lines for the terminal to reorder and join",
    };
    lines.push(format!("render into this output: {render}"));
    lines
}

fn reader_will(t: &Terminal, plan: &Plan) -> String {
    if !plan.explicit {
        return "logical text, one pane at a time (the terminal reorders whole rows)".into();
    }
    let mut steps = Vec::new();
    if let Some(restore) = plan.mlterm_restore {
        steps.push(format!("turn mlterm's use_ctl off (back to {restore} on exit)"));
    }
    steps.push(match plan.passthrough {
        Passthrough::Direct => "ask for explicit mode before the alternate screen, implicit after".to_string(),
        Passthrough::Blocked if t.reorders() => {
            "cannot reach the terminal through tmux: set -g allow-passthrough on".to_string()
        }
        Passthrough::Blocked => "explicit mode cannot reach the terminal (no need known)".to_string(),
        Passthrough::Tmux | Passthrough::Screen => {
            "ask the outer terminal for explicit mode through the multiplexer, implicit after".to_string()
        }
    });
    if t.bidi() == BidiHandling::ReordersAlways {
        steps.push("say in the status bar how to turn Konsole's bidi off".into());
    }
    steps.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::query::Rgb;
    use std::time::Duration;

    fn findings(vars: &[(&str, &str)]) -> Findings {
        Findings {
            terminal: Terminal::of_vars(vars),
            bidi: BidiMode::App,
            shaping: true,
            theme: ThemeChoice::Auto,
            tmux_allows: None,
            answers: None,
            colorfgbg: None,
            no_color: false,
            locale: Some(("LANG".into(), "ar_EG.UTF-8".into())),
            stdout_is_terminal: true,
        }
    }

    fn line<'a>(report: &'a [String], key: &str) -> &'a str {
        report.iter().find(|l| l.starts_with(key)).map(String::as_str).unwrap_or_else(|| panic!("{key}: {report:?}"))
    }

    #[test]
    fn a_vte_on_a_light_background() {
        let mut f = findings(&[("VTE_VERSION", "7006"), ("TERM", "xterm-256color")]);
        f.answers = Some(Answers {
            background: Some(Rgb(255, 255, 255)),
            complete: true,
            elapsed: Duration::from_millis(4),
            ..Answers::default()
        });
        let r = report(&f);
        assert_eq!(
            line(&r, "terminal:"),
            "terminal: VTE 0.70.6 (GNOME Terminal, Tilix, xfce4-terminal, sakura…) (TERM=xterm-256color)"
        );
        assert!(line(&r, "terminal's bidi:").contains("CSI 8 l"));
        assert_eq!(line(&r, "background:"), "background: light (#ffffff, the terminal's answer to OSC 11 in 4 ms)");
        assert!(line(&r, "reader:").contains("explicit mode before the alternate screen"));
        assert!(line(&r, "render into").contains("each row asked to be explicit"));
        assert_eq!(line(&r, "locale:"), "locale: LANG=ar_EG.UTF-8");
    }

    #[test]
    fn mlterm_tmux_without_passthrough_and_a_c_locale() {
        let mut f = findings(&[("MLTERM", "3.9.0")]);
        f.answers = Some(Answers { mlterm_use_ctl: Some(false), complete: true, ..Answers::default() });
        f.locale = None;
        let r = report(&f);
        assert_eq!(line(&r, "mlterm use_ctl:"), "mlterm use_ctl: false (asked)");
        assert!(line(&r, "reader:").contains("back to false on exit"));
        assert!(line(&r, "background:").contains("does not tell its colour"));
        assert!(line(&r, "locale:").contains("Arabic may not show"));
        let mut t = findings(&[("TMUX", "/tmp/t,1,0"), ("VTE_VERSION", "7006")]);
        t.tmux_allows = Some(false);
        let r = report(&t);
        assert!(line(&r, "multiplexer:").contains("allow-passthrough off"));
        assert!(line(&r, "reader:").contains("set -g allow-passthrough on"));
        assert_eq!(line(&r, "render into"), "render into this output: visual lines as they are");
    }
}
