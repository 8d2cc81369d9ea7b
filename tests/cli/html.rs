//! `report --format markdown|html`: a report to send. The HTML page is
//! rendered in a real browser when one is installed (.ci/run installs
//! Debian's chromium): no console errors, the chart's elements present, a
//! picture that is not blank.

use crate::export::derna;
use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn markdown_has_pipe_tables_and_marked_diffs() {
    let store = derna();
    let run = recoupe(store.path(), &["--format", "markdown", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let md = &run.stdout;
    assert!(md.starts_with("# recoupe report\n"), "{md}");
    assert!(md.contains("## derna-2023-09/derna-dead · contradiction · widest gap"));
    assert!(md.contains("| claim | source | value | date | standing |\n|---|---|---|---|---|\n"));
    // A claim with a `url` links to the report it is quoted from.
    assert!(md.contains(
        "| [`who-3958`](<https://dekkbi.com/?p=21657>) | who via afp (intergovernmental) | 3,958 | 2023-09-16 |"
    ));
    assert!(md.contains("| contradiction | gap | wording |"));
    assert!(md.contains("~~") && md.contains("**"), "diffs are marked");
    assert!(
        md.contains("- revised by ocha: about 11,300 (ocha-11300) → at least 3,958 (ocha-3958)")
    );
    assert!(md.contains("## Answered by one source"));
    assert!(
        md.contains("Standing: **contested**, **walked back**"),
        "{md}"
    );
    assert!(
        md.contains("- **ocha revised down: about 11,300 → at least 3,958"),
        "{md}"
    );
    assert!(md.contains("| disputed earlier | gap | wording |"), "{md}");
    // Every table row has as many cells as its header.
    let mut columns = 0;
    for line in md.lines() {
        if line.starts_with("| ") {
            let cells = line.replace("\\|", "").matches('|').count();
            if line.contains(" claim ")
                || line.contains(" question ")
                || line.contains(" contradiction ")
            {
                columns = cells;
            }
            assert_eq!(cells, columns, "{line}");
        }
    }
    assert!(!md.contains('\u{1b}'), "no terminal colour in Markdown");
}

#[test]
fn markup_in_a_wording_stays_text_in_markdown_and_html() {
    let store = store_with(
        SOURCES,
        &[(
            "raid.yaml",
            "event: raid\nquestions:\n  - {id: toll, ask: How many died?, kind: count}\nclaims:\n  \
             - {id: a1, source: monitor-a, date: 2018-03-19, about: toll, value: 36, text: \"36 | <script>x</script> **bold**\"}\n  \
             - {id: b1, source: daily-b, date: 2018-03-19, about: toll, value: 90, text: \"90 [link](http://example.invalid)\"}\n",
        )],
    );
    let md = recoupe(store.path(), &["--format", "markdown", "report"]).stdout;
    assert!(md.contains(r"\<script\>"), "{md}");
    assert!(md.contains(r"\[link\](http://example.invalid)"), "{md}");
    let html = recoupe(store.path(), &["--format", "html", "report"]).stdout;
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
}

fn derna_page() -> (tempfile::TempDir, PathBuf, String) {
    let store = derna();
    let run = recoupe(store.path(), &["--format", "html", "report"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = store.path().join("report.html");
    std::fs::write(&page, &run.stdout).unwrap();
    (store, page, run.stdout)
}

#[test]
fn the_html_page_is_self_contained_with_a_timeline_per_number_question() {
    let (_store, _page, html) = derna_page();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains(
            "<title>Storm Daniel floods, Derna, Libya (September 2023) — recoupe</title>"
        )
    );
    for external in ["<script", "<link", "src=", "@import", "url(", "@font-face"] {
        assert!(
            !html.contains(external),
            "the page fetches nothing: {external}"
        );
    }
    // Five count questions: five charts.
    assert_eq!(html.matches("<svg ").count(), 5);
    assert_eq!(html.matches("<section class=\"question\"").count(), 5);
    let dead = &html[html.find("id=\"q-derna-2023-09-derna-dead\"").unwrap()..];
    let dead = &dead[..dead.find("</section>").unwrap()];
    // OCHA's two figures, joined by its revision; bands for the bounds.
    assert!(dead.contains("<g class=\"series\" data-source=\"ocha\">"));
    assert!(dead.contains("<line class=\"revision\""));
    assert!(
        dead.contains("<rect class=\"band open\""),
        "at least 3,958 is open above"
    );
    assert!(
        dead.contains("<g class=\"contradiction\" opacity=\"1\">"),
        "contradictions are drawn"
    );
    assert!(
        dead.contains("<path class=\"claim text-only\""),
        "the Red Crescent's denial"
    );
    assert!(
        dead.contains("<del>") && dead.contains("<ins>"),
        "coloured word diffs"
    );
    assert!(dead.contains("<ul class=\"revisions\">"));
    // OCHA's walk-back of 11,300 to 3,958, on the chart and in the list.
    assert!(
        dead.contains(
            "<g class=\"walk-back\"><title>ocha walked back: about 11,300 → at least 3,958</title>"
        ),
        "{dead}"
    );
    assert!(dead.contains("<strong class=\"walked-back\">walked back</strong>"));
    assert!(dead.contains("<li class=\"walk-back\"><strong>ocha revised down"));
    // OCHA's 11,300 against the WHO and the minister: an earlier dispute.
    assert!(dead.contains("<g class=\"contradiction earlier\" opacity=\"0.45\">"));
    assert!(dead.contains("<th>disputed earlier</th>"));
    // Each claim drawn has its tooltip.
    assert!(dead.contains("<title>ocha-11300 · ocha · about 11,300 · 2023-09-16</title>"));
}

/// The browser: chromium as Debian names it, or another name on the path.
fn browser() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome", "chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join(name))
                    .find(|p| p.is_file())
            })
        })
}

fn headless(browser: &Path, args: &[&str], page: &Path) -> std::process::Output {
    let profile = tempfile::TempDir::new().unwrap();
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("the browser runs")
}

#[test]
fn a_real_browser_renders_the_derna_page() {
    let Some(browser) = browser() else {
        eprintln!("skipped: no chromium installed (.ci/run installs it)");
        return;
    };
    let (store, page, _) = derna_page();
    // The DOM as the browser built it, and what it said on its console.
    let dom = headless(&browser, &["--dump-dom"], &page);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    let log = String::from_utf8_lossy(&dom.stderr);
    let console: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("net::ERR"))
        .collect();
    assert!(console.is_empty(), "console errors: {console:?}");
    assert_eq!(
        dom_text.matches("<svg").count(),
        5,
        "five charts in the DOM"
    );
    for element in [
        "class=\"step\"",
        "class=\"revision\"",
        "class=\"band",
        "class=\"contradiction",
        "class=\"claim\"",
    ] {
        assert!(dom_text.contains(element), "{element} in the DOM");
    }
    // A picture of the top of the page: the first chart is in it.
    let png = store.path().join("page.png");
    let shot = headless(
        &browser,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1100,900",
        ],
        &page,
    );
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (1100, 900));
    let channels = info.color_type.samples();
    let rgb: Vec<(u8, u8, u8)> = pixels[..info.buffer_size()]
        .chunks(channels)
        .map(|p| (p[0], p[1], p[2]))
        .collect();
    let luma: Vec<f64> = rgb
        .iter()
        .map(|&(r, g, b)| 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b))
        .collect();
    let mean = luma.iter().sum::<f64>() / luma.len() as f64;
    let variance = luma.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / luma.len() as f64;
    assert!(
        variance > 100.0,
        "the picture is not blank (variance {variance:.1})"
    );
    // The contradictions' red is on it.
    let red = rgb
        .iter()
        .filter(|&&(r, g, b)| r > 170 && g < 80 && b < 80)
        .count();
    assert!(
        red > 200,
        "red contradiction marks drawn ({red} red pixels)"
    );
}
