//! Styles: a colour and a modifier for each mark, so highlights still show under NO_COLOR, and
//! a default palette for each kind of background. The palettes use the 256-colour table's
//! fixed part (16–255), whose colours every terminal draws the same, so their contrast with
//! the background is known; tests/palettes.rs holds every highlight to WCAG's 4.5:1.

use ratatui::style::{Color, Modifier, Style};

use crate::app::config::{Background, Theme};
use crate::extract::FigureKind;

/// The default colours for one kind of background, as 256-colour table entries.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub count: u8,
    pub approx: u8,
    pub percent: u8,
    pub money: u8,
    pub date: u8,
    pub time: u8,
    pub ordinal: u8,
    pub duration: u8,
    pub quantity: u8,
    /// Names: a quieter colour, underlined.
    pub entity: u8,
    /// Focused borders; the ground of the title and status bars.
    pub accent: u8,
    /// Text on the accent.
    pub on_accent: u8,
}

/// Light colours for a dark background.
pub const DARK: Palette = Palette {
    count: 203,
    approx: 209,
    percent: 213,
    money: 120,
    date: 111,
    time: 111,
    ordinal: 221,
    duration: 229,
    quantity: 123,
    entity: 250,
    accent: 81,
    on_accent: 16,
};

/// Dark colours for a light background: none of the light grays and yellows that vanish on
/// white.
pub const LIGHT: Palette = Palette {
    count: 124,
    approx: 95,
    percent: 90,
    money: 22,
    date: 25,
    time: 25,
    ordinal: 94,
    duration: 58,
    quantity: 23,
    entity: 240,
    accent: 24,
    on_accent: 231,
};

impl Palette {
    pub fn for_background(background: Background) -> &'static Palette {
        match background {
            Background::Dark => &DARK,
            Background::Light => &LIGHT,
        }
    }
}

pub struct Styles {
    pub color: bool,
    pub accent: Color,
    on_accent: Color,
    palette: &'static Palette,
    theme: Theme,
}

fn parse_color(name: &str) -> Option<Color> {
    name.trim().parse::<Color>().ok()
}

impl Styles {
    pub fn new(theme: &Theme, background: Background, color: bool) -> Styles {
        let palette = Palette::for_background(background);
        let accent = theme.accent.as_deref().and_then(parse_color).unwrap_or(Color::Indexed(palette.accent));
        Styles { color, accent, on_accent: Color::Indexed(palette.on_accent), palette, theme: theme.clone() }
    }

    fn fg(&self, configured: &Option<String>, default: u8) -> Style {
        if !self.color {
            return Style::default();
        }
        Style::default().fg(configured.as_deref().and_then(parse_color).unwrap_or(Color::Indexed(default)))
    }

    pub fn figure(&self, kind: FigureKind) -> Style {
        let (t, p) = (&self.theme, self.palette);
        let (configured, default) = match kind {
            FigureKind::Count => (&t.count, p.count),
            FigureKind::Approx => (&t.approx, p.approx),
            FigureKind::Percent => (&t.percent, p.percent),
            FigureKind::Money => (&t.money, p.money),
            FigureKind::Date | FigureKind::Weekday => (&t.date, p.date),
            FigureKind::Time => (&t.time, p.time),
            FigureKind::Ordinal => (&t.ordinal, p.ordinal),
            FigureKind::Duration => (&t.duration, p.duration),
            FigureKind::Quantity => (&t.quantity, p.quantity),
        };
        let modifier = if self.color { Modifier::BOLD } else { Modifier::BOLD | Modifier::UNDERLINED };
        self.fg(configured, default).add_modifier(modifier)
    }

    pub fn selected_figure(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn entity(&self) -> Style {
        self.fg(&self.theme.entity, self.palette.entity).add_modifier(if self.color {
            Modifier::UNDERLINED
        } else {
            Modifier::ITALIC
        })
    }

    pub fn search_hit(&self) -> Style {
        if self.color {
            let ink = self.theme.search.as_deref().and_then(parse_color).unwrap_or(Color::Black);
            Style::default().fg(ink).bg(Color::Yellow)
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
            Style::default().fg(self.on_accent).bg(self.accent)
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
