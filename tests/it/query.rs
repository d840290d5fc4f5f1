//! Every form of the query language, and its errors.

use crate::common::{
    build_index, codes, fixture_index, gg, query_json, results, run, stderr, stdout, titles,
};

#[test]
fn kinds_in_any_case_singular_or_plural() {
    assert_eq!(
        titles("CHALLENGE FOR AI WORKLOADS ON AZURE"),
        titles("challenges for AI workloads on Azure")
    );
    assert_eq!(
        titles("Design Area for AI workload on azure"),
        ["Data design", "Operations"]
    );
}

#[test]
fn a_code_finds_its_item_first() {
    let r = results(&query_json("se:02"));
    assert_eq!(r[0]["code"], "SE:02");
    assert_eq!(r[0]["kind"], "recommendation");
}

#[test]
fn free_words_rank_full_text_over_every_kind() {
    let t = titles("model drift");
    assert_eq!(t[0], "Model drift");
    let kinds: Vec<String> = results(&query_json("grounding data"))
        .iter()
        .map(|r| r["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(
        kinds.contains(&"recommendation".to_string()) && kinds.contains(&"section".to_string()),
        "{kinds:?}"
    );
}

#[test]
fn explicit_filters_combine_with_words_and_phrases() {
    let t = titles(r#"kind:challenge pillar:security platform:"power platform" workload:gen-ai"#);
    assert_eq!(t, ["Security concerns", "Ethical and compliance issues"]);
    assert_eq!(
        titles(r#"kind:challenge "sensitive data""#),
        ["Data leakage"]
    );
    assert_eq!(codes("code:SE:03"), ["SE:03"]);
    assert!(titles(r#"kind:challenge "no such phrase anywhere""#).is_empty());
}

#[test]
fn aliases_name_pillars_platforms_and_workloads() {
    assert_eq!(
        titles("challenges related to cost for PP"),
        ["Licence spend"]
    );
    assert_eq!(
        titles("challenges for gen AI"),
        titles("challenges for generative AI workloads")
    );
    let v = query_json("explain tradeoffs between perf and ops");
    assert_eq!(
        v["interpretation"]["pillars"],
        serde_json::json!(["performance-efficiency", "operational-excellence"])
    );
}

#[test]
fn a_service_scopes_results_to_text_that_names_it() {
    let v = query_json("explain recommendations for AKS");
    assert_eq!(
        v["interpretation"]["services"],
        serde_json::json!(["azure-kubernetes-service"])
    );
    // No challenge names AKS: the kind is relaxed, and what names its words leads. (The
    // fixture's AI challenges sit in an article titled "… on Azure", so they match the
    // word `azure` by where they are, and follow.)
    let v = query_json("challenges for Azure Kubernetes Service");
    assert!(
        v["messages"][0]
            .as_str()
            .unwrap()
            .starts_with("nothing of kind challenge matched"),
        "{v}"
    );
    let first_challenge = results(&v)
        .iter()
        .position(|r| r["kind"] == "challenge")
        .unwrap_or(usize::MAX);
    assert!(first_challenge >= 5, "{v}");
    assert_eq!(
        titles("recommendations for key vault"),
        ["Rotate secrets on a schedule and audit who read them"]
    );
}

#[test]
fn exploration_forms() {
    let n = results(&query_json("neighbors of SE:02"));
    let rel: Vec<&str> = n.iter().map(|r| r["relation"].as_str().unwrap()).collect();
    assert!(
        rel.contains(&"in-pillar →") && rel.contains(&"detailed-in →"),
        "{rel:?}"
    );
    let path = titles("path from Data leakage to Data design");
    assert_eq!(path.first().map(String::as_str), Some("Data leakage"));
    assert_eq!(path.last().map(String::as_str), Some("Data design"));
    assert!(path.len() >= 3);
    let links = titles("links to Design review checklist for Security");
    assert!(
        links.contains(&"Recommendations for identity and access".to_string()),
        "{links:?}"
    );
}

#[test]
fn explain_shows_the_interpretation() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(gg(tmp.path())
        .args(["query", "--explain", "--index"])
        .arg(fixture_index())
        .arg("security checklist for Azure"));
    insta::assert_snapshot!(stdout(&out), @r"
    query: security checklist for Azure
    form: search
      `security`: pillar Security
      `checklist`: checklist items (rows of a design review checklist)
      `azure`: platform Azure
    kinds: recommendation (checklist items only)
    pillars: security
    platforms: azure
    workloads: any
    read as: a question (vocabulary words filter)
    full-text terms: none
    ");
}

#[test]
fn a_misspelt_pillar_gets_did_you_mean() {
    let out = query_output("challenges about secruity");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("did you mean `security`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_name_the_vocabulary_knows_is_not_corrected() {
    // "postgres" names Azure Database for PostgreSQL, two edits from "postgresql"; in a
    // sentence it ranks as a word too.
    let out = query_output("how do we tune postgres flexible server connection pooling");
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr(&out).contains("did you mean"), "{}", stderr(&out));
}

/// Runs a query in table form against the fixture index.
fn query_output(q: &str) -> std::process::Output {
    let tmp = tempfile::tempdir().unwrap();
    run(gg(tmp.path())
        .args(["query", "--index"])
        .arg(fixture_index())
        .arg(q))
}

#[test]
fn no_results_is_success_and_says_so() {
    let out = query_output("zzzyzzy");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("no results"));
}

#[test]
fn an_empty_kind_is_relaxed_and_says_so() {
    let out = query_output("tradeoffs for key vault");
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("nothing of kind tradeoff matched; showing every kind"),
        "{err}"
    );
    assert!(stdout(&out).contains("recommendation"), "{}", stdout(&out));
    let v = query_json("tradeoffs for key vault");
    assert!(
        v["interpretation"]["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n
                .as_str()
                .unwrap()
                .starts_with("relaxed: nothing of kind tradeoff")),
        "{v}"
    );
    // Words rank a structured answer and never empty it; words the index does not hold
    // at all are said to rank nothing, and the list comes whole.
    let out = query_output("tradeoffs about zzzyzzy");
    // Rows are numbered; the line over the guides' rows is not one.
    assert_eq!(
        stdout(&out)
            .lines()
            .skip(1)
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .count(),
        titles("tradeoffs").len(),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("no result holds the words zzzyzzy"),
        "{}",
        stderr(&out)
    );
    // Words alone that match nothing stay unanswered.
    let out = query_output("zzzyzzy qqqxqq");
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("no results"), "{}", stderr(&out));
}

#[test]
fn the_total_counts_every_match_beyond_the_page() {
    // More articles naming a word than the ranking looks at for a one-result page.
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for i in 0..80 {
        std::fs::write(
            corpus.join(format!("note-{i}.md")),
            format!("# Note {i}\n\nThe zebra crossing number {i}.\n"),
        )
        .unwrap();
    }
    let index = tmp.path().join("index");
    build_index(tmp.path(), &index, &[corpus]);
    let query = |limit: &str| {
        run(gg(tmp.path())
            .args(["query", "--format", "json", "--limit", limit, "--index"])
            .arg(&index)
            .arg("zebra"))
    };
    let all: serde_json::Value = serde_json::from_slice(&query("10000").stdout).unwrap();
    let n = results(&all).len();
    assert!(n >= 80, "{n}");
    let one = query("1");
    assert_eq!(
        stderr(&one).trim(),
        format!("guidegraph: showing 1 of {n} results (--limit)")
    );
}

fn query_error(q: &str) -> String {
    let out = query_output(q);
    assert_eq!(out.status.code(), Some(2), "{q}: {}", stderr(&out));
    assert_eq!(stdout(&out), "");
    stderr(&out)
}

#[test]
fn a_word_before_a_colon_is_a_filter_only_when_it_names_one() {
    // A pasted sentence ("Parallelize training workloads: Consider …") is text.
    let out = query_output("challenges kindd:challenge");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = query_output("Parallelize training workloads: Consider model decay");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn unknown_filter_value_points_at_the_value() {
    insta::assert_snapshot!(query_error("kind:chalenge"), @r"
    error: `kind:chalenge` names no kind
      | kind:chalenge
      |      ^^^^^^^^ unknown kind
      = help: did you mean `kind:challenge`? kinds are: framework, platform, pillar, workload, service, design-area, design-principle, challenge, recommendation, tradeoff, article, section
    ");
}

#[test]
fn unbalanced_quote_points_at_the_quote() {
    insta::assert_snapshot!(query_error(r#"kind:challenge "open phrase"#), @r#"
    error: unbalanced quote
      | kind:challenge "open phrase
      |                ^ this quote is never closed
      = help: close the phrase with another `"`
    "#);
}

#[test]
fn empty_and_oversized_queries_are_refused() {
    assert!(query_error("   ").contains("the query is empty"));
    let huge = "decay ".repeat(100 * 1024 / 6);
    assert!(query_error(&huge).contains("the limit is 4096"));
}

#[test]
fn no_spelling_hint_for_a_word_the_index_holds() {
    // Every word of the fixture articles is in the index: none may be "corrected".
    let store = guidegraph::store::Store::open(fixture_index()).unwrap();
    let mut words = std::collections::BTreeSet::new();
    for dir in crate::common::fixture_roots() {
        for entry in walk(&dir) {
            let text = std::fs::read_to_string(entry).unwrap();
            // The front matter's keys (`ms.date`) are not the article's words.
            let body = match text.strip_prefix("---\n") {
                Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, b)| b),
                None => &text,
            };
            // Nor are directives (`:::image …:::`) and link targets.
            let mut prose = String::new();
            for line in body.lines().filter(|l| !l.contains(":::")) {
                let mut rest = line;
                while let Some((before, after)) = rest.split_once("](") {
                    prose.push_str(before);
                    rest = after.split_once(')').map_or("", |(_, a)| a);
                }
                prose.push_str(rest);
                prose.push('\n');
            }
            for w in prose.split(|c: char| !c.is_alphabetic()) {
                if w.len() >= 4 {
                    words.insert(w.to_lowercase());
                }
            }
        }
    }
    assert!(words.len() > 100, "{}", words.len());
    for w in &words {
        let a = guidegraph::query::answer(&store, w, None).unwrap();
        assert!(
            !a.messages.iter().any(|m| m.contains("did you mean")),
            "{w}: {:?}",
            a.messages
        );
    }
}

#[test]
fn a_misspelt_word_that_finds_nothing_is_answered_corrected() {
    let out = query_output("chalenges for power platform");
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("showing results for `challenges for power platform`"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("Security concerns"),
        "{}",
        stdout(&out)
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out
}

/// Issue 16: a design principle's goal sentence, pasted whole, names the principle.
#[test]
fn a_pasted_goal_sentence_finds_its_principle() {
    assert_eq!(
        titles("The workload keeps running with reduced functionality.")[0],
        "Design for resilience"
    );
}

/// Issue 16: stray words rank within a structured answer and never narrow it.
#[test]
fn stray_words_never_narrow_a_list() {
    let whole = titles("security checklist for Azure");
    assert!(whole.len() >= 2, "{whole:?}");
    for q in [
        "security checklist for Azure apps",
        "security checklist for workloads running on Azure",
        "what security checklist items come with Azure",
    ] {
        let mut got = titles(q);
        got.sort();
        let mut want = whole.clone();
        want.sort();
        assert_eq!(got, want, "{q}");
    }
}

/// Issue 16: a list asked of both platforms keeps each platform's rows together, each in
/// its own code order, rather than interleaving them code by code.
#[test]
fn lists_group_rows_by_platform() {
    let tmp = tempfile::tempdir().unwrap();
    let checklist = |platform: &str, rows: &[(&str, &str)]| {
        let dir = tmp.path().join(platform).join("security");
        std::fs::create_dir_all(&dir).unwrap();
        let mut md = String::from(
            "---\ntitle: Design review checklist for Security\n---\n\n\
             # Design review checklist for Security\n\n## Checklist\n\n\
             |&nbsp;|Code|Recommendation|\n|---|---|---|\n",
        );
        for (code, title) in rows {
            md.push_str(&format!("|&#9744;|{code}|**{title}** for the workload.|\n"));
        }
        std::fs::write(dir.join("checklist.md"), md).unwrap();
        guidegraph::corpus::Root::Dir(tmp.path().join(platform))
    };
    let roots = [
        checklist(
            "azure-waf",
            &[("SE:01", "Keep a baseline"), ("SE:02", "Control access")],
        ),
        checklist(
            "power-platform-waf",
            &[
                ("SE:01", "Keep a maker baseline"),
                ("SE:02", "Govern makers"),
            ],
        ),
    ];
    let index = tmp.path().join("index");
    guidegraph::indexer::run(&roots, &index, false, || {}).unwrap();
    let store = guidegraph::store::Store::open(&index).unwrap();
    let a = guidegraph::query::answer(&store, "security checklist", None).unwrap();
    let got: Vec<(String, String)> = a
        .results
        .iter()
        .map(|r| (r.platforms[0].clone(), r.code.clone().unwrap_or_default()))
        .collect();
    let want: Vec<(String, String)> = [
        ("Azure", "SE:01"),
        ("Azure", "SE:02"),
        ("Power Platform", "SE:01"),
        ("Power Platform", "SE:02"),
    ]
    .iter()
    .map(|(p, c)| (p.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
}

/// An index of these articles (file name, text), in a corpus folder named as the Azure
/// guidance's, and the folder that holds both.
fn store_of(articles: &[(&str, &str)]) -> (tempfile::TempDir, guidegraph::store::Store) {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("azure-waf");
    std::fs::create_dir_all(&corpus).unwrap();
    for (name, text) in articles {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let index = tmp.path().join("index");
    guidegraph::indexer::run(
        &[guidegraph::corpus::Root::Dir(corpus)],
        &index,
        false,
        || {},
    )
    .unwrap();
    let store = guidegraph::store::Store::open(&index).unwrap();
    (tmp, store)
}

/// A "Next steps" section holds other pages' titles: it never answers for them.
#[test]
fn pointer_sections_do_not_answer_for_the_pages_they_link() {
    let (_tmp, store) = store_of(&[
        (
            "a.md",
            "# Queue design\n\nKeep queues short.\n\n## Next steps\n\n\
             - [Zebra crossing guidance](b.md)\n",
        ),
        (
            "b.md",
            "# Zebra crossing guidance\n\nLook both ways before crossing.\n",
        ),
    ]);
    let a = guidegraph::query::answer(&store, "zebra crossing", None).unwrap();
    let found: Vec<&str> = a.results.iter().map(|r| r.title.as_str()).collect();
    assert!(found.contains(&"Zebra crossing guidance"), "{found:?}");
    assert!(!found.contains(&"Next steps"), "{found:?}");
}

/// A section copied word for word into two articles is one result naming both places;
/// a section that differs is a result of its own.
#[test]
fn a_section_copied_into_two_articles_is_one_result() {
    let shared =
        "## Zebra checklist\n\nCross zebra herds only at marked fords, one herd at a time.\n";
    let (_tmp, store) = store_of(&[
        (
            "a.md",
            &format!("# Zebra fords\n\nAbout fords.\n\n{shared}"),
        ),
        (
            "b.md",
            &format!("# Zebra herds\n\nAbout herds.\n\n{shared}"),
        ),
        (
            "c.md",
            "# Zebra tracks\n\nTracks.\n\n## Zebra checklist\n\n\
             Cross zebra herds at marked fords, never at night.\n",
        ),
    ]);
    let a = guidegraph::query::answer(&store, "cross zebra herds at marked fords", None).unwrap();
    let checklists: Vec<Vec<String>> = a
        .results
        .iter()
        .filter(|r| r.title == "Zebra checklist")
        .map(|r| r.sources.iter().map(|s| s.path.to_string()).collect())
        .collect();
    assert_eq!(checklists.len(), 2, "{checklists:?}");
    let mut copied = checklists
        .iter()
        .find(|s| s.len() == 2)
        .expect("one result for the copies")
        .clone();
    copied.sort();
    assert_eq!(copied, ["a.md", "b.md"]);
    assert!(checklists.iter().any(|s| s == &["c.md"]), "{checklists:?}");
}

/// Issue 19: `--fail-on-empty` makes "no results" an exit status for scripts; the answer
/// is written as usual, a JSON one too.
#[test]
fn fail_on_empty_exits_one_for_no_results() {
    let tmp = tempfile::tempdir().unwrap();
    let ask = |args: &[&str]| {
        run(gg(tmp.path())
            .args(["query", "--index"])
            .arg(fixture_index())
            .args(args))
    };
    let out = ask(&["--fail-on-empty", "zzzyzzy"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--fail-on-empty"), "{}", stderr(&out));
    let out = ask(&["--fail-on-empty", "--format", "json", "zzzyzzy"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 0);
    assert_eq!(ask(&["--fail-on-empty", "SE:01"]).status.code(), Some(0));
    assert_eq!(ask(&["zzzyzzy"]).status.code(), Some(0));
}

/// An explicit `kind:` filter is never loosened: nothing of that kind is no results,
/// not other kinds (as the query language promises for `key:value` filters).
#[test]
fn explicit_filters_are_never_loosened() {
    let v = query_json("kind:design-area pillar:security");
    assert!(results(&v).is_empty(), "{v}");
    assert!(
        v["messages"][0]
            .as_str()
            .unwrap()
            .starts_with("nothing matches all of `kind:design-area pillar:security`"),
        "{v}"
    );
    // The same words without the filter syntax may be loosened, and say so.
    let v = query_json("design areas for security");
    assert!(!results(&v).is_empty(), "{v}");
}

/// Issue 16: within what a question's structure selects, the words weigh by how rare they
/// are there. In a service's guide its own word ("circuit") is on nearly every item and
/// tells nothing, however rare over the guidance; the item holding the other word leads.
#[test]
fn words_weigh_by_how_rare_they_are_within_the_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("azure-waf");
    let guides = root.join("service-guides");
    let pillar = root.join("reliability");
    std::fs::create_dir_all(&guides).unwrap();
    std::fs::create_dir_all(&pillar).unwrap();
    let mut guide = String::from(
        "---\ntitle: Architecture best practices for Azure ExpressRoute\n\
         ms.subservice: waf-service-guide\n---\n\n\
         # Architecture best practices for Azure ExpressRoute\n\n## Reliability\n\n\
         ### Workload design checklist\n\n> [!div class=\"checklist\"]\n>\n",
    );
    for (i, title) in ["Size", "Monitor", "Label", "Audit", "Renew"]
        .iter()
        .enumerate()
    {
        guide.push_str(&format!(
            "> - **{title} each circuit.** Step {i} for the circuit and its circuit peers.\n>\n"
        ));
    }
    guide.push_str("> - **Add a backup path.** A second path gives redundancy.\n");
    std::fs::write(guides.join("azure-expressroute.md"), guide).unwrap();
    let mut other = String::from(
        "---\ntitle: Recommendations for redundancy\n---\n\n\
         # Recommendations for redundancy\n\n",
    );
    for i in 0..12 {
        other.push_str(&format!(
            "## Zone topic {i}\n\nRedundancy across zones, part {i}, keeps the workload up.\n\n"
        ));
    }
    std::fs::write(pillar.join("redundancy.md"), other).unwrap();
    let index = tmp.path().join("index");
    let roots = [guidegraph::corpus::Root::Dir(root)];
    guidegraph::indexer::run(&roots, &index, false, || {}).unwrap();
    let store = guidegraph::store::Store::open(&index).unwrap();
    let a = guidegraph::query::answer(&store, "ER circuit redundancy", None).unwrap();
    let titles: Vec<&str> = a.results.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles.first(), Some(&"Add a backup path"), "{titles:?}");
}

/// Issue 16: a section whose title holds every word of the question answers it as much as
/// an item does; items holding only some of the words do not bury it.
#[test]
fn a_section_titled_with_every_word_ranks_with_the_items() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("azure-waf").join("security");
    std::fs::create_dir_all(&dir).unwrap();
    let mut checklist = String::from(
        "---\ntitle: Design review checklist for Security\n---\n\n\
         # Design review checklist for Security\n\n## Checklist\n\n\
         |&nbsp;|Code|Recommendation|\n|---|---|---|\n",
    );
    for (i, title) in ["Draw perimeters", "Guard perimeters", "Name identities"]
        .iter()
        .enumerate()
    {
        checklist.push_str(&format!(
            "|&#9744;|SE:0{}|**{title}** with an identity at each perimeter.|\n",
            i + 1
        ));
    }
    std::fs::write(dir.join("checklist.md"), checklist).unwrap();
    std::fs::write(
        dir.join("segmentation.md"),
        "---\ntitle: Recommendations for segmentation\n---\n\n\
         # Recommendations for segmentation\n\n\
         ## Establish identity as the primary security perimeter\n\n\
         Treat every access as coming from an untrusted network.\n\n\
         ## Keys\n\nThe primary key rotates.\n\n## Logs\n\nThe primary log is kept.\n\n\
         ## Roles\n\nThe primary role is reader.\n\n## Reviews\n\nThe primary review is yearly.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    let roots = [guidegraph::corpus::Root::Dir(tmp.path().join("azure-waf"))];
    guidegraph::indexer::run(&roots, &index, false, || {}).unwrap();
    let store = guidegraph::store::Store::open(&index).unwrap();
    let a = guidegraph::query::answer(&store, "identity as the primary security perimeter", None)
        .unwrap();
    let titles: Vec<&str> = a.results.iter().map(|r| r.title.as_str()).collect();
    let at = titles
        .iter()
        .position(|t| *t == "Establish identity as the primary security perimeter");
    assert!(at.is_some_and(|i| i < 2), "{titles:?}");
}

/// Issue 16: an abbreviation the guidance defines ("root cause analysis (RCA)") finds the
/// items that only spell it out, and `--explain` says so.
#[test]
fn an_abbreviation_the_guidance_defines_finds_its_long_form() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("azure-waf").join("reliability");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("incident-management.md"),
        "---\ntitle: Recommendations for incident management\n---\n\n\
         # Recommendations for incident management\n\n## Learn from incidents\n\n\
         Hold a root cause analysis (RCA) after every outage.\n\n\
         ## Track improvements\n\nTurn what a root cause analysis shows into backlog items.\n\n\
         ## Page the owner\n\nFindings of the on-call rota are kept in a wiki.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    let roots = [guidegraph::corpus::Root::Dir(tmp.path().join("azure-waf"))];
    guidegraph::indexer::run(&roots, &index, false, || {}).unwrap();
    let store = guidegraph::store::Store::open(&index).unwrap();
    let a = guidegraph::query::answer(&store, "RCA findings", None).unwrap();
    let titles: Vec<&str> = a.results.iter().map(|r| r.title.as_str()).collect();
    assert!(titles.contains(&"Track improvements"), "{titles:?}");
    assert!(
        a.interpretation
            .notes
            .iter()
            .any(|n| n.contains("\"root cause analysis\", which the guidance abbreviates so")),
        "{:?}",
        a.interpretation.notes
    );
}

/// Issue 16: a Power Platform product that nothing of the kind asked for names gives its
/// platform's answer, not every kind that names it.
#[test]
fn a_product_named_by_nothing_gives_its_platforms_answer() {
    let q = "experience optimization checklist for power apps";
    let v = query_json(q);
    assert_eq!(codes(q), codes("experience optimization checklist"), "{v}");
    assert!(!codes(q).is_empty());
    assert!(
        v["interpretation"]["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("showing Power Platform's")),
        "{v}"
    );
}

/// Issue 16: a choice between options, read as a sentence, puts the tradeoff that weighs
/// them over the recommendation that repeats more of its words.
#[test]
fn a_choice_in_a_sentence_leads_with_its_tradeoff() {
    let v =
        query_json("should we rotate secrets on a schedule or live with the key rotation chore");
    let first = &results(&v)[0];
    assert_eq!(first["kind"], "tradeoff", "{v}");
    assert_eq!(
        first["title"],
        "Customer-managed keys add a key rotation chore to operations"
    );
}
