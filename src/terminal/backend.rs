//! ratatui's crossterm backend with one duty added: explicit mode is asked for again before
//! every clear, so the rows a clear makes are made explicit even if something (a reset, a
//! multiplexer reattached) put the terminal back in implicit mode meanwhile.

use std::io::{Stdout, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

pub struct BidiBackend {
    inner: CrosstermBackend<Stdout>,
    /// What to write before a clear (empty when qari does not reorder).
    reassert: Vec<u8>,
}

impl BidiBackend {
    pub fn new(reassert: Vec<u8>) -> BidiBackend {
        BidiBackend { inner: CrosstermBackend::new(std::io::stdout()), reassert }
    }

    fn assert_mode(&mut self) -> std::io::Result<()> {
        if !self.reassert.is_empty() {
            self.inner.write_all(&self.reassert)?;
        }
        Ok(())
    }
}

impl Backend for BidiBackend {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> std::io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> std::io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> std::io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> std::io::Result<()> {
        self.assert_mode()?;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> std::io::Result<()> {
        self.assert_mode()?;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> std::io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
