use std::process::ExitCode;

fn main() -> ExitCode {
    khlint::cli::run()
}
