//! Styles: a colour and a modifier for each mark, so highlights still show under NO_COLOR, and
//! a default palette for each kind of background. The palettes use the 256-colour table's
//! fixed part (16–255), whose colours every terminal draws the same, so their contrast with
//! the background is known; the unit tests hold every highlight to WCAG's 4.5:1.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::query::Rgb;

    impl Palette {
        /// Every colour a highlight is drawn in on the background (not the bars' ground).
        fn highlights(&self) -> [u8; 11] {
            [
                self.count,
                self.approx,
                self.percent,
                self.money,
                self.date,
                self.time,
                self.ordinal,
                self.duration,
                self.quantity,
                self.entity,
                self.accent,
            ]
        }
    }

    /// The red, green and blue of an entry of the 256-colour table's fixed part (16–255): the
    /// 6×6×6 cube, then 24 grays. Entries 0–15 are the terminal's own and have none.
    fn table_rgb(index: u8) -> Option<(u8, u8, u8)> {
        const STEPS: [u8; 6] = [0, 95, 135, 175, 215, 255];
        match index {
            0..=15 => None,
            16..=231 => {
                let n = index - 16;
                Some((STEPS[usize::from(n / 36)], STEPS[usize::from(n / 6 % 6)], STEPS[usize::from(n % 6)]))
            }
            _ => {
                let v = 8 + 10 * (index - 232);
                Some((v, v, v))
            }
        }
    }

    fn rgb(index: u8) -> Rgb {
        let (r, g, b) = table_rgb(index).expect("palettes use the fixed part of the table");
        Rgb(r, g, b)
    }

    /// Backgrounds people use: white, GNOME's light gray, Solarized light, a light gray…
    const LIGHT_GROUNDS: [Rgb; 4] =
        [Rgb(255, 255, 255), Rgb(0xf6, 0xf5, 0xf4), Rgb(0xfd, 0xf6, 0xe3), Rgb(0xee, 0xee, 0xee)];
    /// … and black, GNOME's dark, Ubuntu's aubergine, One Dark, VS Code's, Solarized dark.
    const DARK_GROUNDS: [Rgb; 6] = [
        Rgb(0, 0, 0),
        Rgb(0x17, 0x14, 0x21),
        Rgb(0x30, 0x0a, 0x24),
        Rgb(0x28, 0x2c, 0x34),
        Rgb(0x1e, 0x1e, 0x1e),
        Rgb(0x00, 0x2b, 0x36),
    ];

    #[test]
    fn the_colour_table_is_xterms() {
        assert_eq!(table_rgb(16), Some((0, 0, 0)));
        assert_eq!(table_rgb(196), Some((255, 0, 0)));
        assert_eq!(table_rgb(231), Some((255, 255, 255)));
        assert_eq!(table_rgb(124), Some((175, 0, 0)));
        assert_eq!(table_rgb(232), Some((8, 8, 8)));
        assert_eq!(table_rgb(255), Some((238, 238, 238)));
        assert_eq!(table_rgb(7), None);
    }

    #[test]
    fn every_highlight_keeps_wcag_contrast_on_its_background() {
        for (name, palette, grounds) in [("light", &LIGHT, &LIGHT_GROUNDS[..]), ("dark", &DARK, &DARK_GROUNDS[..])] {
            for colour in palette.highlights() {
                for &ground in grounds {
                    let ratio = rgb(colour).contrast(ground);
                    assert!(ratio >= 4.5, "{name}: colour {colour} on {ground:?} is {ratio:.2}:1");
                }
            }
            let bar = rgb(palette.on_accent).contrast(rgb(palette.accent));
            assert!(bar >= 4.5, "{name}: the bars' text on their ground is {bar:.2}:1");
        }
    }

    #[test]
    fn the_background_picks_the_palette_and_the_config_still_wins() {
        let light = Styles::new(&Theme::default(), Background::Light, true);
        assert_eq!(light.figure(FigureKind::Count).fg, Some(Color::Indexed(LIGHT.count)));
        assert_eq!(light.entity().fg, Some(Color::Indexed(LIGHT.entity)));
        let dark = Styles::new(&Theme::default(), Background::Dark, true);
        assert_eq!(dark.figure(FigureKind::Count).fg, Some(Color::Indexed(DARK.count)));
        let mine = Theme { count: Some("#ff8800".into()), ..Theme::default() };
        let configured = Styles::new(&mine, Background::Light, true);
        assert_eq!(configured.figure(FigureKind::Count).fg, Some(Color::Rgb(255, 136, 0)));
        let plain = Styles::new(&Theme::default(), Background::Light, false);
        assert_eq!(plain.figure(FigureKind::Count).fg, None, "NO_COLOR: modifiers only");
    }
}
