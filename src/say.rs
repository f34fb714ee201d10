//! Messages to the person on stderr, from the command line and the reader alike.

/// Prints a message on stderr. Messages carry file names, which can hold escape sequences as
/// well as any article: they are made visible the same way before they reach the terminal.
pub fn say(message: &str) {
    eprintln!("qari: {}", crate::article::decode::sanitize_line(message));
}
