//! The reader's state and key handling.
use crate::cli::{CliError, GlobalArgs, ReaderArgs};
pub fn run(_reader: ReaderArgs, _global: GlobalArgs) -> Result<(), CliError> {
    Err(CliError::Usage("the reader is being built".into()))
}
