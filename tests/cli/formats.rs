//! The newsroom's small expectations: completions and a man page from the
//! command line's definitions, each command's formats in its help, and
//! messages that say what to do next.

use crate::support::*;

#[test]
fn bash_completion_names_every_subcommand() {
    let dir = tempfile::TempDir::new().unwrap();
    let run = recoupe(dir.path(), &["completions", "bash"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("complete -F"),
        "a bash completion script"
    );
    for sub in [
        "report",
        "graph",
        "validate",
        "check",
        "add",
        "import",
        "init",
        "extract",
        "sources",
        "export",
        "completions",
        "man",
    ] {
        assert!(
            run.stdout.contains(&format!("recoupe__subcmd__{sub}")),
            "bash completion lacks `{sub}`"
        );
    }
    assert!(
        run.stdout.contains("--claimreview"),
        "flags of subcommands too"
    );
}

#[test]
fn every_shell_gets_a_script_of_its_own() {
    let dir = tempfile::TempDir::new().unwrap();
    for (shell, mark) in [
        ("zsh", "#compdef recoupe"),
        ("fish", "complete -c recoupe"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = recoupe(dir.path(), &["completions", shell]);
        assert_eq!(run.status, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains(mark), "{shell}: no `{mark}`");
        assert!(run.stdout.contains("export"), "{shell}: no subcommand");
    }
    let run = recoupe(dir.path(), &["completions", "tcsh"]);
    assert_eq!(run.status, 2, "an unknown shell is a usage error");
}

#[test]
fn the_man_page_is_roff_with_a_page_per_subcommand() {
    let dir = tempfile::TempDir::new().unwrap();
    let run = recoupe(dir.path(), &["man"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let first_th = run
        .stdout
        .lines()
        .find(|l| l.starts_with('.'))
        .map(|l| l.starts_with(".TH") || l.starts_with(".ie"));
    assert_eq!(first_th, Some(true), "roff requests from the first line");
    assert!(
        run.stdout.contains(".TH recoupe 1"),
        "{}",
        &run.stdout[..200]
    );
    assert!(run.stdout.contains(".TH recoupe-export 1"));
    assert!(run.stdout.contains(".SH NAME"));
    assert!(
        run.stdout.contains("\\-\\-claimreview"),
        "export's options are documented"
    );
    assert!(
        run.stdout.contains("markdown"),
        "report's formats are in its page"
    );
}

#[test]
fn a_command_that_takes_format_lists_its_formats_in_its_help() {
    let dir = tempfile::TempDir::new().unwrap();
    for (command, formats) in [
        ("report", "table (the default), json, markdown, html"),
        ("graph", "dot (the default), json"),
        ("extract", "yaml (the default), json"),
        ("sources", "table (the default), json"),
        ("check", "table (the default), json"),
        ("add", "table (the default), json"),
    ] {
        let run = recoupe(dir.path(), &[command, "--help"]);
        assert_eq!(run.status, 0, "{command}: {}", run.stderr);
        assert!(
            run.stdout
                .contains(&format!("Formats (--format): {formats}.")),
            "{command} --help:\n{}",
            run.stdout
        );
    }
    let run = recoupe(dir.path(), &["validate", "--help"]);
    let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("short, snippet, json."), "{help}");
}

#[test]
fn a_format_outside_the_list_is_refused_with_the_list() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["--format", "html", "sources"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("this command writes table or json, not html"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_store_found_suggests_init() {
    let dir = tempfile::TempDir::new().unwrap();
    let run = recoupe(dir.path(), &["report"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no store found"), "{}", run.stderr);
    assert!(run.stderr.contains("`recoupe init`"), "{}", run.stderr);
}

#[test]
fn a_question_named_alone_gets_its_event_suggested() {
    let store = shipped_store();
    let run = recoupe(store.path(), &["report", "pro-regime-killed"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("EVENT/QUESTION")
            && run.stderr.contains("`qadam-2018-03/pro-regime-killed`"),
        "{}",
        run.stderr
    );
    let run = recoupe(store.path(), &["report", "no-such-thing"]);
    assert!(
        run.stderr.contains("no event `no-such-thing`") && !run.stderr.contains("EVENT/QUESTION"),
        "{}",
        run.stderr
    );
}

#[test]
fn import_prints_the_ids_it_created() {
    let store = shipped_store();
    write(
        store.path(),
        "feed.csv",
        "event,about,source,date,value,text,lang\n\
         qadam-2018-03,pro-regime-killed,al-watan,2018-03-22,40,40 tués,fr\n\
         qadam-2018-03,pro-regime-killed,osdh,2018-03-23,70,70 tués,fr\n",
    );
    let run = recoupe(store.path(), &["import", "feed.csv"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "claims/qadam-2018-03.yaml: 2 claims",
            "  al-watan-pro-regime-killed",
            "  osdh-pro-regime-killed",
        ],
        "{}",
        run.stdout
    );
    for id in ["al-watan-pro-regime-killed", "osdh-pro-regime-killed"] {
        let shown = recoupe(store.path(), &["--format", "json", "report"]);
        assert!(shown.stdout.contains(id), "`{id}` is in the store");
    }
}

#[test]
fn check_dates_a_claim_today_in_the_local_time_zone() {
    let store = shipped_store();
    let date_in = |tz: &str| {
        let run = recoupe_with_env(
            store.path(),
            &[
                "--format",
                "json",
                "check",
                "--about",
                "qadam-2018-03/pro-regime-killed",
                "--value",
                "70",
                "--source",
                "osdh",
            ],
            &[("TZ", tz)],
        );
        assert!(run.status <= 1, "{}", run.stderr);
        run.json()["claim"]["date"].as_str().unwrap().to_string()
    };
    // 26 hours apart: never the same day, whatever the clock says.
    let east = date_in("UTC-14");
    let west = date_in("UTC+12");
    assert_ne!(east, west, "the date follows TZ");
    assert!(east > west, "{east} is later than {west}");
}

const BROKEN: &str = "\
event: raid
questions:
  - {id: toll, ask: How many died?, kind: count}
claims:
  - id: a
    source: sana
    about: toll
    text: \"36 dead\"
";

#[test]
fn validate_shows_the_line_and_a_caret_as_rustc_does() {
    let store = store_with(SOURCES, &[("raid.yaml", BROKEN)]);
    let run = recoupe(store.path(), &["validate", "--format", "snippet"]);
    assert_eq!(run.status, 2);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("error: unknown source \"sana\""),
        "{}",
        run.stdout
    );
    assert!(
        lines[1]
            .trim_start()
            .starts_with("--> claims/raid.yaml:6:13"),
        "{}",
        run.stdout
    );
    let code = lines
        .iter()
        .position(|l| l.ends_with("|     source: sana"))
        .unwrap_or_else(|| panic!("the line is shown:\n{}", run.stdout));
    assert!(lines[code].trim_start().starts_with("6 |"));
    let caret = lines[code + 1];
    assert_eq!(caret.find('^'), lines[code].find("sana"), "{}", run.stdout);
    assert!(caret.ends_with("^^^^"), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}'), "no colour when piped");
    let coloured = recoupe(
        store.path(),
        &["--color", "always", "validate", "--format", "snippet"],
    );
    assert!(coloured.stdout.contains('\u{1b}'), "colour on demand");
}

#[test]
fn validate_piped_or_short_keeps_the_one_line_form() {
    let store = store_with(SOURCES, &[("raid.yaml", BROKEN)]);
    let expected =
        "claims/raid.yaml:6:13: unknown source \"sana\" (sources are declared in sources.yaml)\n";
    let piped = recoupe(store.path(), &["validate"]);
    assert_eq!(piped.status, 2);
    assert!(piped.stdout.starts_with(expected), "{}", piped.stdout);
    let short = recoupe(store.path(), &["validate", "--format", "short"]);
    assert_eq!(short.stdout, piped.stdout, "byte for byte");
    let table = recoupe(store.path(), &["validate", "--format", "table"]);
    assert_eq!(table.stdout, piped.stdout, "table means: short when piped");
}
