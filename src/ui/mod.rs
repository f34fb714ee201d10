//! Drawing the reader.
