use std::process::ExitCode;

fn main() -> ExitCode {
    qari::cli::main()
}
