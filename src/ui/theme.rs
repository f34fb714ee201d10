//! Styles: a colour and a modifier for each mark, so highlights still show under NO_COLOR.

use ratatui::style::{Color, Modifier, Style};

use crate::app::config::Theme;
use crate::extract::FigureKind;

pub struct Styles {
    pub color: bool,
    pub accent: Color,
    theme: Theme,
}

fn parse_color(name: &str) -> Option<Color> {
    name.trim().parse::<Color>().ok()
}

impl Styles {
    pub fn new(theme: &Theme, color: bool) -> Styles {
        let accent = theme.accent.as_deref().and_then(parse_color).unwrap_or(Color::Cyan);
        Styles { color, accent, theme: theme.clone() }
    }

    fn fg(&self, configured: &Option<String>, default: Color) -> Style {
        if !self.color {
            return Style::default();
        }
        Style::default().fg(configured.as_deref().and_then(parse_color).unwrap_or(default))
    }

    pub fn figure(&self, kind: FigureKind) -> Style {
        let t = &self.theme;
        let (configured, default) = match kind {
            FigureKind::Count => (&t.count, Color::LightRed),
            FigureKind::Approx => (&t.approx, Color::Red),
            FigureKind::Percent => (&t.percent, Color::LightMagenta),
            FigureKind::Money => (&t.money, Color::LightGreen),
            FigureKind::Date | FigureKind::Weekday => (&t.date, Color::LightBlue),
            FigureKind::Time => (&t.time, Color::LightBlue),
            FigureKind::Ordinal => (&t.ordinal, Color::Yellow),
            FigureKind::Duration => (&t.duration, Color::LightYellow),
            FigureKind::Quantity => (&t.quantity, Color::LightCyan),
        };
        let modifier = if self.color { Modifier::BOLD } else { Modifier::BOLD | Modifier::UNDERLINED };
        self.fg(configured, default).add_modifier(modifier)
    }

    pub fn selected_figure(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn entity(&self) -> Style {
        self.fg(&self.theme.entity, Color::Gray).add_modifier(if self.color {
            Modifier::UNDERLINED
        } else {
            Modifier::ITALIC
        })
    }

    pub fn search_hit(&self) -> Style {
        if self.color {
            self.fg(&self.theme.search, Color::Black).bg(Color::Yellow)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn current_hit(&self) -> Style {
        self.search_hit().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    pub fn bar(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Black).bg(self.accent)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn selection(&self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused && self.color {
            Style::default().fg(self.accent)
        } else if focused {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
}
