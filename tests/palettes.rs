//! The default palettes against the backgrounds people use: every highlight keeps WCAG's
//! 4.5:1 contrast (kept out of src/ui/, whose string literals must all be catalog glue).

use qari::app::config::{Background, Theme};
use qari::extract::FigureKind;
use qari::terminal::query::Rgb;
use qari::ui::theme::{Palette, Styles, DARK, LIGHT};
use ratatui::style::Color;

/// Every colour a highlight is drawn in on the background (not the bars' ground).
fn highlights(p: &Palette) -> [u8; 11] {
    [p.count, p.approx, p.percent, p.money, p.date, p.time, p.ordinal, p.duration, p.quantity, p.entity, p.accent]
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
        for colour in highlights(palette) {
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
