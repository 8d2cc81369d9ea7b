//! `recoupe completions SHELL`: a completion script, made by
//! `clap_complete` from the same definitions the command line is parsed
//! with, so it never lags behind a new flag.

use super::Outcome;
use anyhow::Result;
use clap_complete::Shell;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install (then open a new shell):\n  \
    bash:       recoupe completions bash > ~/.local/share/bash-completion/completions/recoupe\n  \
    zsh:        recoupe completions zsh > ~/.zfunc/_recoupe   (with fpath+=~/.zfunc before compinit)\n  \
    fish:       recoupe completions fish > ~/.config/fish/completions/recoupe.fish\n  \
    powershell: recoupe completions powershell >> $PROFILE")]
pub struct Args {
    /// The shell to complete for.
    shell: Shell,
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let mut command = super::command();
    clap_complete::generate(args.shell, &mut command, "recoupe", out);
    Ok(Outcome::Done)
}
