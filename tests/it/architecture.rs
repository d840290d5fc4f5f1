//! The guidance for an architecture (issue 21): infrastructure as code in
//! `tests/fixtures/iac` (ARM JSON, Bicep, Terraform, and bad input) read by `guidegraph
//! architecture`, and answers scoped to it, over an index of the invented service guides
//! in `tests/fixtures/architecture`. Expected lines are found in the fixture files by a
//! plain text search, not by guidegraph.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{build_index, gg, run, stderr, stdout};

fn iac(rel: &str) -> PathBuf {
    crate::common::fixtures().join("iac").join(rel)
}

/// An index of the invented reliability checklist and service guides (AKS, Cosmos DB,
/// Azure Functions, App Service), built once.
fn index() -> &'static Path {
    struct Built {
        _dir: tempfile::TempDir,
        index: PathBuf,
    }
    static BUILT: OnceLock<Built> = OnceLock::new();
    let b = BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        build_index(
            dir.path(),
            &index,
            &[crate::common::fixtures().join("architecture/azure-waf")],
        );
        Built { _dir: dir, index }
    });
    &b.index
}

/// `guidegraph ARGS… --index INDEX` run in the fixtures' `iac` folder, so paths show as
/// `bicep/main.bicep`.
fn gg_iac(args: &[&str]) -> Output {
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = gg(tmp.path());
    cmd.current_dir(iac(""))
        .args(args)
        .arg("--index")
        .arg(index());
    run(&mut cmd)
}

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        stdout(&o),
        stderr(&o)
    );
    o
}

fn architecture(paths: &[&str]) -> Value {
    let mut args = vec!["architecture", "--format", "json"];
    args.extend(paths);
    serde_json::from_slice(&ok(gg_iac(&args)).stdout).unwrap()
}

/// The 1-based line of `file` (under `tests/fixtures/iac`) holding `needle`, found once.
fn line_of(file: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(iac(file)).unwrap();
    let hits: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(hits.len(), 1, "{file}: `{needle}` on lines {hits:?}");
    hits[0] as u64
}

/// The resource of `arch` declared at `file:line`.
fn at<'a>(arch: &'a Value, file: &str, line: u64) -> &'a Value {
    let found: Vec<&Value> = arch["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["file"] == file && r["line"] == line)
        .collect();
    assert_eq!(found.len(), 1, "{file}:{line} in {:#}", arch["resources"]);
    found[0]
}

fn guides(r: &Value) -> Vec<String> {
    r["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn arm_nested_copied_and_inline_deployed_resources() {
    let a = architecture(&["arm"]);
    let f = "arm/azuredeploy.json";
    assert_eq!(
        a["files"], 1,
        "the parameters file and package.json are no templates"
    );
    assert_eq!(a["resources"].as_array().unwrap().len(), 6, "{a:#}");

    let server = at(&a, f, line_of(f, "\"Microsoft.Sql/servers\""));
    assert_eq!(server["type"], "Microsoft.Sql/servers");
    // A nested child's type is relative to its parent's; `copy` makes a loop.
    let db = at(&a, f, line_of(f, "\"type\": \"databases\""));
    assert_eq!(db["type"], "Microsoft.Sql/servers/databases");
    assert_eq!(db["repeated"], true);
    // A `copy` inside `properties` is a property loop, not a resource loop.
    let func = at(&a, f, line_of(f, "\"func-fixture\"") - 2);
    assert_eq!(func["repeated"], false);
    assert_eq!(func["kind"], "functionapp,linux");
    assert_eq!(guides(func), ["Azure Functions"]);
    // A kind only known when deployed could be either product.
    let site = at(&a, f, line_of(f, "\"site-fixture\"") - 2);
    assert_eq!(site["kind_computed"], true);
    assert_eq!(guides(site), ["Azure App Service", "Azure Functions"]);
    // An inline deployment's resources lead back to the deployment.
    let aks = at(
        &a,
        f,
        line_of(f, "Microsoft.ContainerService/managedClusters"),
    );
    let deployment = line_of(f, "\"inline-cluster\"") - 2;
    assert_eq!(aks["via"], serde_json::json!([format!("{f}:{deployment}")]));
    assert_eq!(guides(aks), ["Azure Kubernetes Service"]);
    // A linked template is named, not fetched.
    let linked = at(&a, f, line_of(f, "\"linked\"") - 2);
    assert_eq!(linked["standing"], "unknown");
    assert!(
        linked["note"].as_str().unwrap().contains("templateLink"),
        "{linked}"
    );
}

#[test]
fn bicep_existing_resources_local_modules_and_verified_modules() {
    let a = architecture(&["bicep"]);
    let main = "bicep/main.bicep";
    let app = "bicep/modules/app.bicep";
    let vault = at(&a, main, line_of(main, "resource vault"));
    assert_eq!(vault["existing"], true);
    assert_eq!(vault["standing"], "no-guide");
    assert_eq!(vault["products"], serde_json::json!(["Azure Key Vault"]));
    // An Azure Verified Module is the resource type the module index gives it.
    let cosmos = at(&a, main, line_of(main, "module cosmos"));
    assert_eq!(cosmos["type"], "Microsoft.DocumentDB/databaseAccounts");
    assert_eq!(guides(cosmos), ["Azure Cosmos DB"]);
    // A local module inside the folder is read where it is.
    let site = at(&a, app, line_of(app, "resource site"));
    assert_eq!(site["kind"], "app,linux");
    assert_eq!(guides(site), ["Azure App Service"]);
    let config = at(&a, app, line_of(app, "resource config"));
    assert_eq!(config["type"], "Microsoft.Web/sites/config");
    let workers = at(&a, app, line_of(app, "resource workers"));
    assert_eq!(workers["repeated"], true);
    assert_eq!(guides(workers), ["Azure Functions"]);
    // A local module outside the folder given is read too, and says how it was reached.
    let identity = at(&a, "shared/identity.bicep", 1);
    assert_eq!(
        identity["via"],
        serde_json::json!([format!("{main}:{}", line_of(main, "module identity"))])
    );
    assert_eq!(identity["standing"], "no-guide");
    // Comments and strings declare nothing.
    let all = serde_json::to_string(&a).unwrap();
    assert!(!all.contains("Microsoft.Nothing"), "{all}");
    assert_eq!(a["files"], 3);
}

#[test]
fn terraform_resources_azapi_verified_and_local_modules() {
    let a = architecture(&["terraform"]);
    let main = "terraform/main.tf";
    let aks = at(&a, main, line_of(main, "\"azurerm_kubernetes_cluster\""));
    assert_eq!(aks["type"], "Microsoft.ContainerService/managedClusters");
    assert_eq!(guides(aks), ["Azure Kubernetes Service"]);
    let app = at(&a, main, line_of(main, "\"azapi_resource\""));
    assert_eq!(app["type"], "Microsoft.App/containerApps");
    // Container Apps has a guide in the real guidance, not in this index.
    assert_eq!(app["standing"], "no-guide");
    assert_eq!(app["products"], serde_json::json!(["Azure Container Apps"]));
    let kv = at(&a, main, line_of(main, "data \"azurerm_key_vault\""));
    assert_eq!(kv["existing"], true);
    let db = at(&a, main, line_of(main, "module \"db\""));
    assert_eq!(db["type"], "Microsoft.DocumentDB/databaseAccounts");
    assert_eq!(db["repeated"], true);
    assert_eq!(guides(db), ["Azure Cosmos DB"]);
    let vnet = at(&a, "terraform/modules/network/main.tf", 1);
    assert_eq!(vnet["type"], "Microsoft.Network/virtualNetworks");
    let remote = at(&a, main, line_of(main, "module \"remote\""));
    assert_eq!(remote["standing"], "unknown");
    let pet = at(&a, main, line_of(main, "random_pet"));
    assert_eq!(pet["standing"], "not-azure");
    // A data source that reads no resource is none; nothing in a heredoc or comment is.
    let all = serde_json::to_string(&a).unwrap();
    for absent in [
        "client_config",
        "azurerm_not_this_one",
        "azurerm_commented_out",
    ] {
        assert!(!all.contains(absent), "{absent}: {all}");
    }
    assert_eq!(a["resources"].as_array().unwrap().len(), 7, "{a:#}");
}

/// The reliability checklist items of a fixture guide, by a line scan: the bold text of
/// each top-level checklist item under `## Reliability`.
fn reliability_items(guide: &str) -> Vec<String> {
    let text = std::fs::read_to_string(
        crate::common::fixtures()
            .join("architecture/azure-waf/service-guides")
            .join(guide),
    )
    .unwrap();
    let mut items = Vec::new();
    let mut in_reliability = false;
    for l in text.lines() {
        if let Some(h) = l.strip_prefix("## ") {
            in_reliability = h.trim() == "Reliability";
        } else if in_reliability && let Some(item) = l.strip_prefix("> - **") {
            items.push(
                item.split("**")
                    .next()
                    .unwrap()
                    .trim_end_matches('.')
                    .to_string(),
            );
        }
    }
    items
}

#[test]
fn reliability_checklist_for_an_architecture_is_grouped_by_service_in_guide_order() {
    let a = architecture(&["bicep"]);
    let o = ok(gg_iac(&[
        "query",
        "--format",
        "json",
        "--architecture",
        "bicep",
        "reliability checklist",
    ]));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let parts = v["parts"].as_array().unwrap();
    // The pillars' checklist first, for Azure.
    assert!(parts[0]["service"].is_null());
    let codes: Vec<&str> = parts[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["RE:01", "RE:02", "RE:03"]);
    // Then each guide the architecture has, by name, with its resources.
    let services: Vec<&str> = parts[1..]
        .iter()
        .map(|p| p["service"]["name"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = a["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(services, expected);
    assert_eq!(
        services,
        ["Azure App Service", "Azure Cosmos DB", "Azure Functions"]
    );
    for p in &parts[1..] {
        let name = p["service"]["name"].as_str().unwrap();
        let guide = match name {
            "Azure App Service" => "app-service-web-apps.md",
            "Azure Cosmos DB" => "cosmos-db.md",
            _ => "azure-functions.md",
        };
        let titles: Vec<&str> = p["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["title"].as_str().unwrap())
            .collect();
        assert_eq!(
            titles,
            reliability_items(guide),
            "{name}: the guide's checklist, in order"
        );
        // The resources it applies to are the architecture's resources of that guide.
        let mine: Vec<(String, u64)> = a["resources"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| guides(r).iter().any(|g| g == name))
            .map(|r| {
                (
                    r["file"].as_str().unwrap().to_string(),
                    r["line"].as_u64().unwrap(),
                )
            })
            .collect();
        let applies: Vec<(String, u64)> = p["applies_to"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["file"].as_str().unwrap().to_string(),
                    r["line"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(applies, mine, "{name}");
        assert!(!applies.is_empty());
    }
    // The resources without a guide are listed, not dropped.
    let without: Vec<&str> = v["without_guide"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(without, ["vault", "identity"]);
}

#[test]
fn scoped_answers_in_table_markdown_and_csv() {
    let md = stdout(&ok(gg_iac(&[
        "query",
        "--format",
        "markdown",
        "--architecture",
        "terraform",
        "reliability checklist",
    ])));
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        sections,
        [
            "## reliability checklist — Azure",
            "## reliability checklist — Azure Cosmos DB",
            "## reliability checklist — Azure Kubernetes Service",
            "## Resources without a service guide",
        ],
        "{md}"
    );
    // Each item of a guide names the resources it applies to.
    let aks = format!(
        "terraform/main.tf:{}",
        line_of("terraform/main.tf", "\"azurerm_kubernetes_cluster\"")
    );
    let aks_items: Vec<&str> = md
        .split("## reliability checklist — Azure Kubernetes Service")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("- [ ]"))
        .collect();
    assert_eq!(
        aks_items.len(),
        reliability_items("azure-kubernetes-service.md").len()
    );
    for item in &aks_items {
        assert!(item.contains(&format!("`{aks}`")), "{item}");
    }
    assert!(md.contains("random_pet"), "{md}");

    let table = stdout(&ok(gg_iac(&[
        "query",
        "--architecture",
        "terraform",
        "reliability checklist",
    ])));
    assert!(table.contains(&format!("applies to: {aks} aks")), "{table}");
    // One numbered list across the parts: 3 pillar items, 2 Cosmos DB, 3 AKS.
    let numbers: Vec<usize> = table
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>(), "{table}");

    let csv = stdout(&ok(gg_iac(&[
        "query",
        "--format",
        "csv",
        "--architecture",
        "terraform",
        "reliability checklist",
    ])));
    assert_eq!(csv.lines().count(), 9, "{csv}");
    assert!(
        csv.contains("reliability checklist — Azure Kubernetes Service,"),
        "{csv}"
    );
}

#[test]
fn a_question_with_no_such_items_in_a_guide_is_not_loosened() {
    // The fixture's Cosmos DB guide has cost items; the AKS guide has none.
    let v: Value = serde_json::from_slice(
        &ok(gg_iac(&[
            "query",
            "--format",
            "json",
            "--architecture",
            "terraform",
            "cost optimization checklist",
        ]))
        .stdout,
    )
    .unwrap();
    let by_service = |name: &str| -> usize {
        v["parts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["service"]["name"] == name)
            .map(|p| p["results"].as_array().unwrap().len())
            .unwrap()
    };
    assert_eq!(by_service("Azure Cosmos DB"), 1);
    assert_eq!(by_service("Azure Kubernetes Service"), 0);
}

#[test]
fn run_and_review_files_take_the_architecture() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let script = d.join("review.txt");
    std::fs::write(&script, "## Reliability\nreliability checklist\n").unwrap();
    let infra = d.join("infra");
    crate::common::copy_dir(&iac("terraform"), &infra);
    let out = ok(run(gg(d)
        .args(["run", "--architecture", "infra", "--index"])
        .arg(index())
        .arg(&script)));
    let md = stdout(&out);
    assert!(
        md.contains("## Reliability — Azure Kubernetes Service"),
        "{md}"
    );
    assert!(md.contains("`infra/main.tf:"), "{md}");

    // A review records the templates and scopes its sections to them.
    std::fs::create_dir(d.join("reviews")).unwrap();
    let out = ok(run(gg(d)
        .env("GUIDEGRAPH_TODAY", "2026-12-08")
        .args(["review", "new", "reviews/r.md", "--architecture", "infra"])
        .args(["--query", "reliability checklist", "--index"])
        .arg(index())));
    assert!(
        stderr(&out).contains("wrote reviews/r.md"),
        "{}",
        stderr(&out)
    );
    let r = std::fs::read_to_string(d.join("reviews/r.md")).unwrap();
    assert!(r.contains("architecture:\n  - \"../infra\"\n"), "{r}");
    assert!(
        r.contains("queries:\n  - query: \"reliability checklist\"\n"),
        "{r}"
    );
    assert!(
        r.contains("## reliability checklist — Azure Cosmos DB"),
        "{r}"
    );
    assert!(
        r.contains("<!-- query: reliability checklist service:azure-cosmos-db -->"),
        "{r}"
    );
    assert!(!r.contains("Azure Functions"), "{r}");

    // The templates change: update reads them again, and the new guide's items come.
    std::fs::write(
        infra.join("functions.tf"),
        "resource \"azurerm_linux_function_app\" \"fn\" {\n  name = \"fn\"\n}\n",
    )
    .unwrap();
    let out = ok(run(gg(d)
        .args(["review", "update", "reviews/r.md", "--index"])
        .arg(index())));
    assert!(stdout(&out).contains("1 new"), "{}", stdout(&out));
    let r = std::fs::read_to_string(d.join("reviews/r.md")).unwrap();
    assert!(
        r.contains("## reliability checklist — Azure Functions"),
        "{r}"
    );
    assert!(r.contains("Make functions idempotent"), "{r}");
}

#[test]
fn the_repl_scopes_answers_to_an_architecture() {
    let tmp = tempfile::tempdir().unwrap();
    let input = format!(
        ":architecture {}\nreliability checklist\n:show 5\n:architecture\n:architecture off\nreliability checklist\n",
        iac("terraform").display()
    );
    let mut child = gg(tmp.path())
        .args(["repl", "--index"])
        .arg(index())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("answers are now for the architecture in"),
        "{text}"
    );
    assert!(
        text.contains("reliability checklist — Azure Kubernetes Service"),
        "{text}"
    );
    // Result 5 is the first of the Cosmos DB guide's, after the three pillar items.
    assert!(text.contains("Replicate to a second region"), "{text}");
    assert!(text.contains("answers are no longer scoped"), "{text}");
    let after = text.rsplit("answers are no longer scoped").next().unwrap();
    assert!(!after.contains("Azure Kubernetes Service"), "{after}");
}

#[test]
fn bad_input_is_a_warning_with_its_line_and_the_rest_is_read() {
    let o = ok(gg_iac(&["architecture", "--format", "json", "bad"]));
    let err = stderr(&o);
    let a: Value = serde_json::from_slice(&o.stdout).unwrap();
    for (file, needle, before) in [
        ("bad/broken.json", "broken-here", "\"before\""),
        ("bad/broken.bicep", "resource open", "resource before"),
        ("bad/broken.tf", "azurerm_linux_web_app", "\"before\" {"),
    ] {
        let line = line_of(file, needle);
        assert!(
            err.contains(&format!("{file}:{line}: ")),
            "{file}:{line}\n{err}"
        );
        assert!(
            a["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w["file"] == file && w["line"] == line),
            "{file}:{line}: {:#}",
            a["warnings"]
        );
        // What was declared before the mistake is kept.
        let before = at(&a, file, line_of(file, before));
        assert_eq!(
            before["type"], "Microsoft.Storage/storageAccounts",
            "{file}"
        );
    }
    assert!(
        err.contains("bad/other.tf.json: Terraform's JSON syntax is not read"),
        "{err}"
    );
    // An unknown type is listed as unknown, never dropped; so is what cannot be fetched.
    let f = "bad/unknown.bicep";
    let mystery = at(&a, f, line_of(f, "resource mystery"));
    assert_eq!(mystery["standing"], "unknown");
    assert_eq!(mystery["type"], "Microsoft.Nothing/here");
    let private = at(&a, f, line_of(f, "module private"));
    assert_eq!(private["standing"], "unknown");
    assert!(
        private["note"]
            .as_str()
            .unwrap()
            .contains("private registry")
    );
    let pattern = at(&a, f, line_of(f, "module pattern"));
    assert!(pattern["note"].as_str().unwrap().contains("pattern"));
    // A path that does not exist is the user's mistake.
    let o = gg_iac(&["architecture", "no-such-folder"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no-such-folder"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folders_given_are_not_followed() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let infra = d.join("infra");
    let outside = d.join("outside");
    std::fs::create_dir_all(infra.join("modules")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("secret.bicep"),
        "resource secret 'Microsoft.KeyVault/vaults@2023-07-01' = {}\n",
    )
    .unwrap();
    std::fs::write(
        infra.join("modules/app.bicep"),
        "resource site 'Microsoft.Web/sites@2023-01-01' = {}\n",
    )
    .unwrap();
    std::fs::write(
        infra.join("main.bicep"),
        "module linked './linked.bicep' = {}\nmodule app './modules/app.bicep' = {}\n",
    )
    .unwrap();
    symlink(outside.join("secret.bicep"), infra.join("linked.bicep")).unwrap();
    symlink(&outside, infra.join("outside-dir")).unwrap();
    // A link that stays inside is read where it points, once.
    symlink(infra.join("modules/app.bicep"), infra.join("again.bicep")).unwrap();
    // A link to itself.
    symlink(infra.join("loop"), infra.join("loop")).unwrap();
    let o = ok(run(gg(d)
        .args(["architecture", "--format", "json", "infra", "--index"])
        .arg(index())));
    let a: Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = a["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["site"], "{a:#}");
    let err = stderr(&o);
    assert!(
        err.contains("infra/linked.bicep: a symbolic link out of the folders given"),
        "{err}"
    );
    assert!(
        err.contains("infra/outside-dir: a symbolic link out"),
        "{err}"
    );
    assert!(
        err.contains("module `./linked.bicep` is a symbolic link out"),
        "{err}"
    );
}

/// Peak memory (KB) of `guidegraph ARGS`, run in `cwd`; `None` without `/usr/bin/time`.
fn peak_kb(cwd: &Path, args: &[&str]) -> Option<(Output, u64)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("skipped the memory check: no /usr/bin/time");
        return None;
    }
    let peak = cwd.join("peak");
    let out = run(Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(&peak)
        .arg(env!("CARGO_BIN_EXE_guidegraph"))
        .args(args)
        .arg("--index")
        .arg(index())
        .current_dir(cwd)
        .env("XDG_DATA_HOME", cwd.join("data"))
        .env("NO_COLOR", "1"));
    let kb = std::fs::read_to_string(&peak)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    Some((out, kb))
}

#[test]
fn a_100_mb_template_is_read_within_bounds() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let path = d.join("huge.json");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        f,
        "{{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\", \"resources\": ["
    )
    .unwrap();
    let blob = "x".repeat(100 * 1024);
    for i in 0..1000 {
        // One long line a resource: a file of few lines is as bounded as one of many.
        writeln!(
            f,
            "{}{{\"type\": \"Microsoft.Storage/storageAccounts\", \"name\": \"st{i}\", \"properties\": {{\"blob\": \"{blob}\", \"list\": [1, [2, {{\"a\": null}}]]}}}}",
            if i == 0 { "" } else { "," }
        )
        .unwrap();
    }
    writeln!(f, "]}}").unwrap();
    drop(f);
    assert!(std::fs::metadata(&path).unwrap().len() > 100_000_000);
    let Some((out, kb)) = peak_kb(d, &["architecture", "--format", "json", "huge.json"]) else {
        return;
    };
    let out = ok(out);
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["resources"].as_array().unwrap().len(), 1000);
    assert_eq!(a["resources"][999]["line"], 1001);
    assert!(kb < 96 * 1024, "a 100 MB template peaked at {kb} KB");
}

#[test]
fn a_folder_of_100000_files_is_read_within_bounds() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let infra = d.join("infra");
    for i in 0..100 {
        let dir = infra.join(format!("d{i:03}"));
        std::fs::create_dir_all(&dir).unwrap();
        for j in 0..1000 {
            let text = if j == 0 {
                format!("resource \"azurerm_resource_group\" \"rg{i}\" {{\n  name = \"rg\"\n}}\n")
            } else {
                "variable \"v\" {}\n".to_string()
            };
            std::fs::write(dir.join(format!("f{j:04}.tf")), text).unwrap();
        }
    }
    // A `.terraform` folder (what `terraform init` downloads) is never entered.
    std::fs::create_dir_all(infra.join(".terraform/modules/x")).unwrap();
    std::fs::write(
        infra.join(".terraform/modules/x/main.tf"),
        "resource \"azurerm_key_vault\" \"downloaded\" {}\n",
    )
    .unwrap();
    let Some((out, kb)) = peak_kb(d, &["architecture", "--format", "json", "infra"]) else {
        return;
    };
    let out = ok(out);
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["files"], 100_000);
    assert_eq!(a["resources"].as_array().unwrap().len(), 100);
    assert!(!serde_json::to_string(&a).unwrap().contains("downloaded"));
    assert!(kb < 96 * 1024, "100,000 files peaked at {kb} KB");
}

#[test]
fn a_template_bicep_built_is_passed_over_for_its_bicep() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let infra = d.join("infra");
    std::fs::create_dir_all(&infra).unwrap();
    std::fs::write(
        infra.join("main.bicep"),
        "resource site 'Microsoft.Web/sites@2023-01-01' = {\n  name: 'x'\n}\n",
    )
    .unwrap();
    let built = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "metadata": { "_generator": { "name": "bicep", "version": "0.30.23.60470" } },
  "resources": [ { "type": "Microsoft.Web/sites", "apiVersion": "2023-01-01", "name": "x" } ]
}"#;
    std::fs::write(infra.join("main.json"), built).unwrap();
    // The same template with no Bicep beside it is read.
    std::fs::write(infra.join("alone.json"), built).unwrap();
    let o = ok(run(gg(d)
        .args(["architecture", "--format", "json", "infra", "--index"])
        .arg(index())));
    let a: Value = serde_json::from_slice(&o.stdout).unwrap();
    let files: Vec<&str> = a["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["infra/alone.json", "infra/main.bicep"], "{a:#}");
    assert!(
        stderr(&o).contains("infra/main.json: built by `bicep build`"),
        "{}",
        stderr(&o)
    );
}

/// A question of words alone keeps, in each guide, what holds its words — as it does over
/// the whole guidance — rather than listing the guide ranked by them.
#[test]
fn a_question_of_words_alone_keeps_what_holds_them_in_each_guide() {
    let v: Value = serde_json::from_slice(
        &ok(gg_iac(&[
            "query",
            "--format",
            "json",
            "--architecture",
            "terraform",
            "throughput",
        ]))
        .stdout,
    )
    .unwrap();
    let parts = v["parts"].as_array().unwrap();
    let titles = |name: &str| -> Vec<String> {
        parts
            .iter()
            .find(|p| p["service"]["name"] == name)
            .map(|p| {
                p["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["title"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap()
    };
    let cosmos = titles("Azure Cosmos DB");
    assert!(
        cosmos.contains(&"Size the throughput".to_string()),
        "{cosmos:?}"
    );
    assert!(
        !cosmos.contains(&"Use the SDK's retries".to_string()),
        "{cosmos:?}"
    );
    // Every result of a guide's part is that guide's.
    for p in &parts[1..] {
        for r in p["results"].as_array().unwrap() {
            assert!(
                r["services"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| *s == p["service"]["name"]),
                "{r}"
            );
        }
    }
}
