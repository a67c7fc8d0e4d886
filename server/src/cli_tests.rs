//! Unit tests of the command line (`cli.rs`): parsing, usage errors, bilingual help.
use super::*;

#[test]
fn no_arguments_start_the_server() {
    assert_eq!(
        parse_args(Vec::<String>::new()).expect("parses"),
        Command::Serve
    );
    assert_eq!(parse_args(["serve"]).expect("parses"), Command::Serve);
}

#[test]
fn commands_read_their_arguments() {
    let cases: &[(&[&str], Command)] = &[
        (
            &["import-regions", "qingshi.csv"],
            Command::ImportRegions {
                file: "qingshi.csv".into(),
            },
        ),
        (&["migrate", "--check"], Command::Migrate { check: true }),
        (&["migrate"], Command::Migrate { check: false }),
        (
            &["backup", "/var/backups/sn.db"],
            Command::Backup {
                file: "/var/backups/sn.db".into(),
            },
        ),
        (
            &["restore", "sn.db"],
            Command::Restore {
                file: "sn.db".into(),
            },
        ),
        (
            &[
                "create-admin",
                "--region=522799000000",
                "--username",
                "admin",
                "--password-file",
                "/run/secrets/pw",
            ],
            Command::CreateAdmin {
                username: "admin".into(),
                region: "522799000000".into(),
                display_name: None,
                password_file: Some("/run/secrets/pw".into()),
                password: None,
            },
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(
            &parse_args(args.iter()).expect("parses"),
            expected,
            "{args:?}"
        );
    }
}

#[test]
fn wrong_command_lines_are_usage_errors() {
    for args in [
        vec!["import-regions"],
        vec!["import-regions", "a.csv", "b.csv"],
        vec!["create-admin", "--username", "admin"],
        vec!["serve-now"],
        vec!["set-password", "--user", "a"],
        vec!["backup"],
    ] {
        let error = parse_args(args.clone()).expect_err("refused");
        assert_eq!(error.exit_code(), exit::USAGE, "{args:?}");
    }
}

#[test]
fn a_password_in_the_arguments_is_refused_without_repeating_it() {
    for args in [
        vec![
            "create-admin",
            "--username",
            "a",
            "--region",
            "1",
            "--password",
            "secret-1",
        ],
        vec![
            "create-admin",
            "--password=secret-1",
            "--username",
            "a",
            "--region",
            "1",
        ],
        vec!["set-password", "--username", "a", "--password", "secret-1"],
    ] {
        let error = parse_args(args.clone()).expect_err("refused");
        assert!(
            matches!(error, UsageError::PasswordInArguments),
            "{args:?}: {error}"
        );
        assert!(!error.to_string().contains("secret-1"));
        assert!(!format!("{error:?}").contains("secret-1"));
    }
}

#[test]
fn help_is_in_chinese_and_english() {
    let help = parse_args(["--help"]).expect_err("help is an early answer");
    assert_eq!(help.exit_code(), exit::OK);
    let text = help.to_string();
    for words in [
        "迁移数据库",
        "Migrate the database",
        "在线备份",
        "Online backup",
        "退出码",
    ] {
        assert!(text.contains(words), "{words} missing from {text}");
    }
}

#[test]
fn clap_own_words_are_in_chinese_and_english_too() {
    let help_of = |args: &[&str]| {
        let error = parse_args(args.iter()).expect_err("help is an early answer");
        assert_eq!(error.exit_code(), exit::OK, "{args:?}");
        error.to_string()
    };
    for args in [
        &["--help"][..],
        &["migrate", "--help"],
        &["keys", "--help"],
        &["keys", "rotate", "--help"],
        &["help", "backup"],
        &["help"],
    ] {
        let text = help_of(args);
        for words in ["用法 Usage", "选项 Options", "打印帮助 / Print help"] {
            assert!(
                text.contains(words),
                "{args:?}: {words} missing from {text}"
            );
        }
        // No line left in clap's English alone.
        for english_only in ["\nOptions:", "\nCommands:", "\nArguments:", "  Print help"] {
            assert!(
                !text.contains(english_only),
                "{args:?}: {english_only:?} in {text}"
            );
        }
    }
    let top = help_of(&["--help"]);
    for words in ["命令 Commands", "打印版本 / Print version", "显示本说明"] {
        assert!(top.contains(words), "{words} missing from {top}");
    }
    assert!(help_of(&["backup", "--help"]).contains("参数 Arguments"));
}

#[test]
fn no_help_shows_a_password_option() {
    for args in [
        &["--help"][..],
        &["create-admin", "--help"],
        &["set-password", "--help"],
        &["help", "create-admin"],
    ] {
        let text = parse_args(args.iter()).expect_err("help").to_string();
        assert!(!text.contains("--password "), "{args:?}: {text}");
        assert!(!text.contains("--password\n"), "{args:?}: {text}");
        assert!(!text.contains("<PASSWORD>"), "{args:?}: {text}");
    }
}

#[test]
fn a_password_is_the_first_line_without_its_line_end() {
    let mut stdin = std::io::Cursor::new("  spaces kept 2026 \r\nsecond line\n");
    assert_eq!(
        read_password(None, &mut stdin).expect("password"),
        "  spaces kept 2026 "
    );
    let mut empty = std::io::Cursor::new("\n");
    assert!(matches!(
        read_password(None, &mut empty),
        Err(CliError::NoPassword)
    ));
}
