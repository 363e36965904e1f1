//! Whether regorus's bytecode VM (RVM) can replace its interpreter for m365lint, and what it
//! would gain: the built-in policies compiled for the VM and evaluated on both engines, area
//! by area, for every tenant given (a directory of exports, or one export file), reporting
//! every rule whose findings differ, and the time each engine took. It first runs small
//! probes of the VM defects found so far (docs/performance.md). Rerun it when regorus is
//! upgraded; the VM may replace the interpreter only once it reports no difference on the
//! fixtures and the corpus, and the probes agree.
//!
//! ```sh
//! cargo run --release --features vm-agreement --example vm_agreement -- \
//!     fixtures/tenants/* fixtures/rules/*/* target/corpus/tenant-00*
//! ```

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use m365lint::config::Parameters;
use m365lint::ingest::load_tenant;
use m365lint::registry::{Catalog, PolicyKind};
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;

/// Minimal policies on which regorus 0.14.1's VM and interpreter disagree: (entry point,
/// what the interpreter answers, and the defect).
const PROBES: &str = r#"package probe
import rego.v1

arr := [{"m": "a"}, {"m": "b"}]

# `every` whose variable indexes a collection: the VM's loop hoisting takes `i` as unbound
# and iterates `arr` instead, so the `every` holds. Interpreter: undefined.
every_index if { every i in {1} { arr[i].m == "a" } }

# `:=` of an undefined value: the VM binds it and goes on (its ColonAssignment context does
# not require a defined value). Interpreter: the body fails, the set is empty.
assign_undefined contains "x" if { s := input.absent; true }
"#;

fn compile(engine: &mut regorus::Engine, entries: &[String]) -> Arc<Program> {
    let first: regorus::Rc<str> = entries[0].as_str().into();
    let policy = engine.compile_with_entrypoint(&first).expect("the policies compile");
    let names: Vec<&str> = entries.iter().map(String::as_str).collect();
    Compiler::compile_from_policy(&policy, &names).expect("the policies compile for the VM")
}

fn vm(program: &Arc<Program>, data: &regorus::Value) -> RegoVM {
    let mut vm = RegoVM::new();
    vm.load_program(Arc::clone(program));
    vm.set_data(data.clone()).expect("data");
    // As the interpreter: builtin errors are errors; no instruction budget.
    vm.set_strict_builtin_errors(true);
    vm.set_max_instructions(usize::MAX);
    vm
}

fn json(value: &regorus::Value) -> String {
    value.to_json_str().unwrap_or_else(|_| format!("{value:?}"))
}

fn probes() -> usize {
    let mut engine = regorus::Engine::new();
    engine.add_policy("probe.rego".into(), PROBES.into()).expect("probes parse");
    let entries = vec!["data.probe.every_index".to_string(), "data.probe.assign_undefined".to_string()];
    let program = compile(&mut engine, &entries);
    let mut machine = vm(&program, &regorus::Value::new_object());
    let mut defects = 0;
    for entry in &entries {
        engine.set_input(regorus::Value::new_object());
        machine.set_input(regorus::Value::new_object());
        let interpreted = engine.eval_rule(entry.clone()).map(|value| json(&value)).unwrap_or_else(|e| e.to_string());
        let on_vm =
            machine.execute_entry_point_by_name(entry).map(|value| json(&value)).unwrap_or_else(|e| e.to_string());
        let agree = interpreted == on_vm;
        defects += usize::from(!agree);
        println!(
            "probe {entry}: {} (interpreter {}, VM {})",
            if agree { "agree" } else { "DIFFER" },
            interpreted.replace('\n', ""),
            on_vm.replace('\n', "")
        );
    }
    defects
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let defects = probes();
    let catalog = Catalog::load(&[]).expect("the built-in catalog loads");
    let mut engine = regorus::Engine::new();
    for source in catalog.sources() {
        if source.kind != PolicyKind::Test {
            engine.add_policy(source.path.clone(), source.text.to_string()).expect("policy");
        }
    }
    // One package per area whose `members` object holds each rule's findings, as
    // src/engine/group.rs evaluates them (the VM's entry points must be rules).
    let mut areas: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for rule in catalog.rules() {
        let p = &rule.package;
        let members = areas.entry(rule.area.key()).or_default();
        members.push(format!("  \"{p}.deny\": data.{p}.deny,\n"));
        let source = catalog.sources().iter().find(|source| source.path == rule.source);
        if source.is_some_and(|source| source.text.contains("\nnot_assessed contains")) {
            members.push(format!("  \"{p}.not_assessed\": data.{p}.not_assessed,\n"));
        }
    }
    let mut entries = Vec::new();
    for (area, members) in &areas {
        let source = format!("package vm_agreement.{area}\nimport rego.v1\nmembers := {{\n{}}}\n", members.concat());
        engine.add_policy(format!("<{area}>"), source).expect("area package");
        entries.push(format!("data.vm_agreement.{area}.members"));
    }
    let data = regorus::Value::from(serde_json::json!({"m365lint": {"params": Parameters::default().to_data()}}));
    engine.add_data(data.clone()).expect("data");
    let started = Instant::now();
    let program = compile(&mut engine, &entries);
    println!("compiled for the VM in {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    let mut machine = vm(&program, &data);

    let (mut interpreter_time, mut vm_time) = (Duration::ZERO, Duration::ZERO);
    let (mut tenants, mut differences) = (0, 0);
    for path in &paths {
        let Ok(tenant) = load_tenant(Path::new(path)) else {
            println!("{path}: not a readable tenant, skipped");
            continue;
        };
        tenants += 1;
        let input = regorus::Value::from(tenant.document.clone());
        for entry in &entries {
            let mut interpreter = engine.clone();
            interpreter.set_input(input.clone());
            let started = Instant::now();
            let interpreted = interpreter.eval_rule(entry.clone());
            interpreter_time += started.elapsed();
            machine.set_input(input.clone());
            let started = Instant::now();
            let on_vm = machine.execute_entry_point_by_name(entry);
            vm_time += started.elapsed();
            match (interpreted, on_vm) {
                (Ok(a), Ok(b)) if a == b => {}
                (Ok(regorus::Value::Object(a)), Ok(b)) => {
                    for (package, expected) in a.iter() {
                        let got = &b[package];
                        if got != expected {
                            differences += 1;
                            println!(
                                "{path}: {package}\n  interpreter {}\n  VM          {}",
                                json(expected),
                                json(got)
                            );
                        }
                    }
                }
                (a, b) => {
                    differences += 1;
                    println!("{path}: {entry}: interpreter {:?}, VM {:?}", a.map(|v| json(&v)), b.map(|v| json(&v)));
                }
            }
        }
    }
    println!(
        "{tenants} tenants: interpreter {:.1} ms, VM {:.1} ms; {differences} rule results differ; {defects} of 2 probes differ",
        interpreter_time.as_secs_f64() * 1000.0,
        vm_time.as_secs_f64() * 1000.0
    );
    if differences > 0 || defects > 0 {
        std::process::exit(1);
    }
}
