//! Where the panes go for a terminal size: library | article | side panel, folding away as
//! the terminal narrows.

/// A rectangle of cells (the UI turns it into its own type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub title: Area,
    pub library: Option<Area>,
    pub article: Area,
    /// Beside the article, or over it when `library_overlay`.
    pub library_overlay: bool,
    /// Beside the article, or over it when `panel_overlay`.
    pub panel: Option<Area>,
    pub panel_overlay: bool,
    pub status: Area,
}

/// Below this width the library folds away unless asked for.
pub const LIBRARY_MIN_WIDTH: u16 = 100;
/// Below this width the panel is an overlay shown on a key.
pub const PANEL_MIN_WIDTH: u16 = 60;

/// `library`/`panel`: whether the user wants them (None: the default for the width).
pub fn panes(width: u16, height: u16, library: Option<bool>, panel: Option<bool>) -> Panes {
    let mut p = Panes::default();
    if width == 0 || height == 0 {
        return p;
    }
    let body_y = u16::from(height >= 3);
    let body_h = height.saturating_sub(if height >= 3 { 2 } else { 0 });
    if height >= 3 {
        p.title = Area { x: 0, y: 0, width, height: 1 };
        p.status = Area { x: 0, y: height - 1, width, height: 1 };
    }
    let show_library = library.unwrap_or(width >= LIBRARY_MIN_WIDTH) && width >= 20;
    let overlay = width < PANEL_MIN_WIDTH;
    let show_panel = panel.unwrap_or(!overlay);
    let mut x = 0;
    let mut rest = width;
    if show_library {
        let w = (width / 4).clamp(12, 40).min(width.saturating_sub(10));
        p.library = Some(Area { x, y: body_y, width: w, height: body_h });
        x += w + 1;
        rest = rest.saturating_sub(w + 1);
    }
    if show_panel && !overlay {
        let w = (width * 3 / 10).clamp(20, 48).min(rest.saturating_sub(20));
        p.panel = Some(Area { x: x + rest - w, y: body_y, width: w, height: body_h });
        rest = rest.saturating_sub(w + 1);
    }
    p.article = Area { x, y: body_y, width: rest, height: body_h };
    if show_panel && overlay {
        p.panel_overlay = true;
        // over the whole body, so nothing of the article shows at its sides
        p.panel = Some(Area { x: 0, y: body_y, width, height: body_h });
    }
    p
}

/// One pane at a time, over the whole body: the focused one. For a terminal that reorders
/// each whole row (`--bidi terminal`), which would mix two panes' text on one row. The
/// article keeps the whole body (its text is laid out for that width) and is covered by the
/// library or the panel when they have the focus.
pub fn one_at_a_time(width: u16, height: u16, focus: super::Focus) -> Panes {
    let mut p = panes(width, height, Some(false), Some(false));
    match focus {
        super::Focus::Article => {}
        super::Focus::Library => {
            p.library = Some(p.article);
            p.library_overlay = true;
        }
        super::Focus::Panel => {
            p.panel = Some(p.article);
            p.panel_overlay = true;
        }
    }
    p
}

impl Panes {
    /// The same panes as a right-to-left interface places them: library on the right, panel
    /// on the left, every area flipped across a terminal `width` columns wide.
    pub fn mirrored(self, width: u16) -> Panes {
        let flip = |a: Area| Area { x: width.saturating_sub(a.x + a.width), ..a };
        Panes {
            title: flip(self.title),
            library: self.library.map(flip),
            article: flip(self.article),
            panel: self.panel.map(flip),
            library_overlay: self.library_overlay,
            panel_overlay: self.panel_overlay,
            status: flip(self.status),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_when_wide() {
        let p = panes(120, 40, None, None);
        assert!(p.library.is_some() && p.panel.is_some() && !p.panel_overlay);
        let (l, a, s) = (p.library.unwrap(), p.article, p.panel.unwrap());
        assert!(l.x + l.width < a.x && a.x + a.width < s.x && s.x + s.width <= 120, "{p:?}");
    }

    #[test]
    fn mirrored_puts_the_library_right_and_the_panel_left() {
        let p = panes(120, 40, None, None).mirrored(120);
        let (l, a, s) = (p.library.unwrap(), p.article, p.panel.unwrap());
        assert!(s.x + s.width < a.x && a.x + a.width < l.x && l.x + l.width == 120, "{p:?}");
        assert_eq!(p.article.width, panes(120, 40, None, None).article.width);
        let narrow = panes(40, 12, None, Some(true)).mirrored(40);
        assert_eq!(narrow.panel, panes(40, 12, None, Some(true)).panel, "an overlay covers the body either way");
    }

    #[test]
    fn library_folds_below_100_and_panel_overlays_below_60() {
        let p = panes(80, 24, None, None);
        assert!(p.library.is_none() && p.panel.is_some() && !p.panel_overlay);
        assert!(panes(80, 24, Some(true), None).library.is_some(), "a key brings the library back");
        let p = panes(40, 12, None, None);
        assert!(p.panel.is_none());
        let p = panes(40, 12, None, Some(true));
        assert!(p.panel_overlay && p.panel.is_some());
    }

    #[test]
    fn one_at_a_time_never_puts_two_panes_on_a_row() {
        use super::super::Focus;
        for focus in [Focus::Library, Focus::Article, Focus::Panel] {
            let p = one_at_a_time(140, 40, focus);
            assert_eq!((p.article.x, p.article.width), (0, 140), "the article keeps the whole width");
            let shown: Vec<Area> = [p.library, p.panel].into_iter().flatten().collect();
            assert!(shown.iter().all(|a| *a == p.article), "{focus:?}: {p:?}");
            assert_eq!(shown.len(), usize::from(focus != Focus::Article));
            assert_eq!(p.library_overlay, focus == Focus::Library);
            assert_eq!(p.panel_overlay, focus == Focus::Panel);
        }
    }

    #[test]
    fn tiny_sizes_give_sane_areas() {
        for (w, h) in [(1, 1), (3, 2), (20, 4), (0, 0), (2, 50)] {
            let p = panes(w, h, Some(true), Some(true));
            for a in [Some(p.article), p.library, p.panel, Some(p.title), Some(p.status)].into_iter().flatten() {
                assert!(a.x + a.width <= w && a.y + a.height <= h, "{w}x{h}: {a:?}");
            }
        }
    }
}
