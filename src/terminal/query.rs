//! Asking the terminal: its background colour (`OSC 11`) and, in mlterm, its bidi setting,
//! in one round trip that ends on the answer to a device-attributes query (`DA1`), which every
//! terminal gives: a terminal that does not know a question answers DA1 alone, so qari waits
//! for the timeout only when a terminal answers nothing at all.
//!
//! Written by hand rather than with terminal-colorsaurus (which asks the same way) because
//! mlterm's question rides in the same round trip, and the answer is read while the reader
//! already holds the terminal in raw mode.

use std::time::{Duration, Instant};

/// How long the terminal has to answer. Terminals answer in a few milliseconds (0 to 30
/// measured in mlterm and sakura); the wait is this long only for one that answers nothing.
pub const ANSWER_TIMEOUT: Duration = Duration::from_millis(300);

/// A colour as the terminal reports it, 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// A background is light when dark text stands out on it more than light text does.
    pub fn is_light(self) -> bool {
        self.contrast(Rgb(0, 0, 0)) > self.contrast(Rgb(255, 255, 255))
    }
}

/// What to ask.
#[derive(Debug, Clone, Default)]
pub struct Questions {
    pub background: bool,
    /// mlterm answers questions about its settings only with the challenge it wrote to its
    /// configuration folder when it started.
    pub mlterm_challenge: Option<String>,
}

/// What the terminal said.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    pub background: Option<Rgb>,
    pub mlterm_use_ctl: Option<bool>,
    /// The closing DA1 answer came: nothing more is on its way.
    pub complete: bool,
    pub elapsed: Duration,
}

impl Questions {
    /// What to ask `terminal`: its background when the palette depends on it, and mlterm's
    /// bidi setting when qari is to turn it off. GNU screen answers DA1 itself and passes the
    /// colour question on, so the colour's answer would come after DA1's: it is not asked.
    pub fn for_terminal(
        terminal: &super::Terminal,
        reorder: bool,
        background: bool,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Questions {
        let direct = terminal.multiplexer.is_none();
        let mlterm = reorder && direct && terminal.bidi() == super::BidiHandling::ReordersUnlessConfigured;
        Questions {
            background: background && terminal.multiplexer != Some(super::Multiplexer::Screen),
            mlterm_challenge: if mlterm { mlterm_challenge(env) } else { None },
        }
    }
}

impl Answers {
    /// Whether an answer may still arrive, as input, after the reading stopped: some question
    /// went unanswered (a multiplexer may answer DA1 itself before the terminal's answer).
    pub fn may_come_late(&self, questions: &Questions) -> bool {
        !self.complete
            || (questions.background && self.background.is_none())
            || (questions.mlterm_challenge.is_some() && self.mlterm_use_ctl.is_none())
    }
}

const DA1: &[u8] = b"\x1b[c";

/// The bytes that ask `questions`, DA1 last.
pub fn question_bytes(questions: &Questions) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(challenge) = &questions.mlterm_challenge {
        out.extend_from_slice(format!("\x1b]5380;{challenge};use_ctl\x07").as_bytes());
    }
    if questions.background {
        out.extend_from_slice(b"\x1b]11;?\x07");
    }
    out.extend_from_slice(DA1);
    out
}

/// Reads what came back so far; `complete` once the DA1 answer is in.
pub fn parse_answers(bytes: &[u8]) -> Answers {
    let mut answers = Answers::default();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if let Some(body) = rest.strip_prefix(b"\x1b]11;") {
            let end = body.iter().position(|&b| b == 0x07 || b == 0x1b).unwrap_or(body.len());
            answers.background = parse_color(&body[..end]);
            i += 5 + end;
        } else if let Some(body) = rest.strip_prefix(b"#use_ctl=") {
            answers.mlterm_use_ctl = match body {
                b if b.starts_with(b"true") => Some(true),
                b if b.starts_with(b"false") => Some(false),
                _ => None,
            };
            i += 9;
        } else if let Some(body) = rest.strip_prefix(b"\x1b[?") {
            // DA1: ESC [ ? Ps ; … c
            if let Some(end) = body.iter().position(|&b| !(b.is_ascii_digit() || b == b';')) {
                if body[end] == b'c' {
                    answers.complete = true;
                    return answers;
                }
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    answers
}

/// `rgb:R/G/B` with 1 to 4 hex digits a channel (X11's form, which terminals answer in).
pub fn parse_color(spec: &[u8]) -> Option<Rgb> {
    let spec = std::str::from_utf8(spec).ok()?;
    let body = spec.strip_prefix("rgb:").or_else(|| spec.strip_prefix("rgba:"))?;
    let mut channels = body.split('/').map(|c| {
        let v = u32::from_str_radix(c, 16).ok().filter(|_| (1..=4).contains(&c.len()))?;
        let max = (1u32 << (4 * c.len())) - 1;
        Some((v * 255 / max) as u8)
    });
    Some(Rgb(channels.next()??, channels.next()??, channels.next()??))
}

/// The background from `COLORFGBG` (`fg;bg` or `fg;default;bg`, colour numbers, set by
/// rxvt, Konsole and others): 7 and 9–15 are light, 0–6 and 8 dark.
pub fn background_from_colorfgbg(value: &str) -> Option<bool> {
    let bg: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match bg {
        7 | 9..=15 => Some(true),
        0..=6 | 8 => Some(false),
        _ => None,
    }
}

/// Asks the terminal on `/dev/tty`, which must already be in raw mode, and waits at most
/// `timeout` for the answers.
#[cfg(unix)]
pub fn ask(questions: &Questions, timeout: Duration) -> std::io::Result<Answers> {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    use std::io::{Read, Write};

    let start = Instant::now();
    let mut tty = std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty")?;
    tty.write_all(&question_bytes(questions))?;
    tty.flush()?;
    let mut got = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        let answers = parse_answers(&got);
        let left = timeout.saturating_sub(start.elapsed());
        if answers.complete || left.is_zero() || got.len() > 4096 {
            return Ok(Answers { elapsed: start.elapsed(), ..answers });
        }
        let wait = Timespec { tv_sec: left.as_secs() as _, tv_nsec: left.subsec_nanos() as _ };
        let mut fds = [PollFd::new(&tty, PollFlags::IN)];
        if poll(&mut fds, Some(&wait)).map_err(std::io::Error::from)? == 0 {
            continue;
        }
        let n = tty.read(&mut buf)?;
        if n == 0 {
            return Ok(Answers { elapsed: start.elapsed(), ..parse_answers(&got) });
        }
        got.extend_from_slice(&buf[..n]);
    }
}

#[cfg(not(unix))]
pub fn ask(_questions: &Questions, _timeout: Duration) -> std::io::Result<Answers> {
    Ok(Answers::default())
}

/// mlterm's challenge, from the file it writes when it starts.
pub fn mlterm_challenge(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let home = std::path::PathBuf::from(env("HOME")?);
    let config = env("XDG_CONFIG_HOME").map(std::path::PathBuf::from).unwrap_or_else(|| home.join(".config"));
    [config.join("mlterm/challenge"), home.join(".mlterm/challenge")]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_graphic()))
}

/// Swallows an answer that came after the timeout, so it is not read as keys: crossterm
/// reads `ESC ] 11 ; rgb:… ESC \` as Alt-], characters, and Alt-\ (or Ctrl-G for BEL).
#[derive(Debug, Default)]
pub struct LateAnswer {
    armed: bool,
    inside: bool,
}

/// A key as the late-answer filter needs to see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawKey {
    Alt(char),
    Ctrl(char),
    Char(char),
    Other,
}

impl LateAnswer {
    /// A filter that waits for one late answer (`armed`: the terminal did not answer in time).
    pub fn new(armed: bool) -> LateAnswer {
        LateAnswer { armed, inside: false }
    }

    /// Whether `key` is part of a late answer (and is to be dropped).
    pub fn swallows(&mut self, key: RawKey) -> bool {
        if self.inside {
            if matches!(key, RawKey::Alt('\\') | RawKey::Ctrl('g')) {
                self.inside = false;
                self.armed = false;
            }
            return true;
        }
        if self.armed && key == RawKey::Alt(']') {
            self.inside = true;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_of_vte_mlterm_and_a_terminal_that_knows_no_colour() {
        let vte = parse_answers(b"\x1b]11;rgb:ffff/ffff/dddd\x1b\\\x1b[?65;1;9c");
        assert_eq!(vte.background, Some(Rgb(255, 255, 221)));
        assert!(vte.complete);
        let mlterm = parse_answers(b"#use_ctl=true\n\x1b]11;rgb:0000/0000/0000\x07\x1b[?63;1;2c");
        assert_eq!((mlterm.mlterm_use_ctl, mlterm.background), (Some(true), Some(Rgb(0, 0, 0))));
        let plain = parse_answers(b"\x1b[?1;2c");
        assert!(plain.complete && plain.background.is_none());
        assert!(!parse_answers(b"\x1b]11;rgb:ff/ff/ff").complete, "still waiting for DA1");
    }

    #[test]
    fn what_is_asked_and_when_an_answer_may_come_late() {
        let env = |_: &str| None;
        let screen = super::super::Terminal::detect(&|k| (k == "STY").then(|| "1.x".to_string()));
        assert!(!Questions::for_terminal(&screen, true, true, &env).background, "screen answers out of order");
        let plain = super::super::Terminal::detect(&env);
        let asked = Questions::for_terminal(&plain, true, true, &env);
        assert!(asked.background && asked.mlterm_challenge.is_none());
        let answered = Answers { background: Some(Rgb(0, 0, 0)), complete: true, ..Answers::default() };
        assert!(!answered.may_come_late(&asked));
        assert!(Answers { complete: true, ..Answers::default() }.may_come_late(&asked));
        assert!(Answers::default().may_come_late(&Questions::default()), "no DA1 answer yet");
    }

    #[test]
    fn colour_specs_of_every_width() {
        assert_eq!(parse_color(b"rgb:f/0/8"), Some(Rgb(255, 0, 136)));
        assert_eq!(parse_color(b"rgb:ff/80/00"), Some(Rgb(255, 128, 0)));
        assert_eq!(parse_color(b"rgb:3030/0a0a/2424"), Some(Rgb(48, 10, 36)));
        assert_eq!(parse_color(b"rgb:12345/0/0"), None);
        assert_eq!(parse_color(b"#ffffff"), None);
    }

    #[test]
    fn light_and_dark() {
        assert!(Rgb(255, 255, 255).is_light() && Rgb(0xfd, 0xf6, 0xe3).is_light());
        assert!(!Rgb(0, 0, 0).is_light() && !Rgb(0x30, 0x0a, 0x24).is_light());
        assert_eq!(background_from_colorfgbg("0;15"), Some(true));
        assert_eq!(background_from_colorfgbg("15;default;0"), Some(false));
        assert_eq!(background_from_colorfgbg("15;default"), None);
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn a_late_answer_is_swallowed_once_and_keys_go_through() {
        let mut late = LateAnswer::new(true);
        assert!(!late.swallows(RawKey::Char('j')));
        let answer = [RawKey::Alt(']'), RawKey::Char('1'), RawKey::Char(';'), RawKey::Char('r'), RawKey::Alt('\\')];
        assert!(answer.iter().all(|&k| late.swallows(k)));
        assert!(!late.swallows(RawKey::Alt(']')), "only one answer was awaited");
        assert!(!LateAnswer::new(false).swallows(RawKey::Alt(']')));
    }
}
