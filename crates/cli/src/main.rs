//! The `dyad` binary: parse arguments, run, turn the outcome into an exit code.

fn main() {
    std::process::exit(dyad_cli::run(std::env::args_os()));
}
