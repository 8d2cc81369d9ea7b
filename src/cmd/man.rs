//! `recoupe man`: the manual page in roff, made by `clap_mangen` from the
//! command line's own definitions (`recoupe man | man -l -`).

use super::Outcome;
use anyhow::Result;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install: recoupe man > ~/.local/share/man/man1/recoupe.1")]
pub struct Args {}

pub fn run(_args: Args, out: &mut dyn Write) -> Result<Outcome> {
    let mut command = super::command();
    // Built, so that each subcommand's page carries the global options.
    command.build();
    clap_mangen::Man::new(command.clone()).render(out)?;
    // Each subcommand's page follows, as `git help` keeps them apart.
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("recoupe-{}", sub.get_name());
        let page = sub.clone().name(name.clone()).display_name(name);
        writeln!(out)?;
        clap_mangen::Man::new(page).render(out)?;
    }
    Ok(Outcome::Done)
}
