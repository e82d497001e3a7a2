//! The command line describing itself: a shell's completion script, and the manual page, both
//! made from the clap definition so that they never drift from it.

use std::io::{self, Write};

use clap::CommandFactory;

use super::{Cli, Command};

/// Prints a shell's completion script or the manual page when `command` asks for one; false
/// for any other command.
pub fn describe_itself(command: &Command, out: &mut dyn Write) -> io::Result<bool> {
    match command {
        Command::Completions { shell } => {
            // Made whole first: `generate` panics when it cannot write (a reader that left).
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "mdboard", &mut script);
            out.write_all(&script).map(|()| true)
        }
        Command::Man => man(out).map(|()| true),
        _ => Ok(false),
    }
}

/// One manual page: the command line's, then a section per command with its synopsis,
/// description and options.
///
/// `clap_mangen`'s whole page refers to a page per command (`mdboard-list(1)`), which `mdboard
/// man` printing one page would leave dangling; its sections are put together here instead,
/// each command's own sections made subsections of its.
fn man(out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    // `help` is clap's own, and `mdboard help` says what it does.
    for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = sub.get_name();
        writeln!(out, ".SH \"COMMAND: {}\"", name.to_uppercase())?;
        let page = clap_mangen::Man::new(sub.clone());
        let mut text = Vec::new();
        page.render_synopsis_section(&mut text)?;
        page.render_description_section(&mut text)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            page.render_options_section(&mut text)?;
        }
        let text = String::from_utf8_lossy(&text).replace("\n.SH ", "\n.SS ");
        let text = text
            .strip_prefix(".SH ")
            .map_or_else(|| text.clone(), |rest| format!(".SS {rest}"));
        out.write_all(text.as_bytes())?;
    }
    man.render_version_section(out)
}
