//! clap's own words in `--help` (the help flag and command, the usage line, the headings) in
//! Chinese and English, like the rest of the help. clap only makes its help and version
//! arguments and `help` command when the command is built, so they are reworded after that.
use clap::{Arg, Command};

const HELP: &str = "打印帮助 / Print help";
const VERSION: &str = "打印版本 / Print version";
const HELP_COMMAND: &str =
    "显示本说明或所列命令的说明 / Print this message or the help of the given command(s)";
const HELP_COMMAND_ARG: &str = "要查看说明的命令 / The command(s) to show the help of";
const COMMANDS: &str = "命令 Commands";
const OPTIONS: &str = "选项 Options";
const ARGUMENTS: &str = "参数 Arguments";

/// The template of every subcommand's help: about, usage, then the arguments.
pub const SUB_TEMPLATE: &str = "\
{about-with-newline}
用法 {usage-heading} {usage}

{all-args}{after-help}";

/// The whole command line, built, with clap's words in both languages.
pub fn bilingual(mut command: Command) -> Command {
    command.build();
    reword(command, true)
}

fn reword(mut command: Command, top: bool) -> Command {
    if !top {
        command = command.help_template(SUB_TEMPLATE);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(&id, |arg| heading(arg, &id));
    }
    if command.has_subcommands() {
        command = command.subcommand_help_heading(COMMANDS);
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| {
            let sub = if name == "help" {
                sub.about(HELP_COMMAND)
            } else {
                sub
            };
            reword(sub, false)
        });
    }
    command
}

/// Each argument under a bilingual heading; clap's own help and version in both languages.
fn heading(arg: Arg, id: &str) -> Arg {
    let arg = match id {
        "help" => arg.help(HELP),
        "version" => arg.help(VERSION),
        // The `help` command's own argument.
        "subcommand" => arg.help(HELP_COMMAND_ARG),
        _ => arg,
    };
    match (arg.get_help_heading().is_some(), arg.is_positional()) {
        (true, _) => arg,
        (false, true) => arg.help_heading(ARGUMENTS),
        (false, false) => arg.help_heading(OPTIONS),
    }
}
