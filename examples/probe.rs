use kaiten::scenarios::load::{LoadShape, load_scenario};
use kaiten::sim::{Session, Until};
use std::time::Instant;
fn main() {
    let scenario = load_scenario(LoadShape::benchmark(40));
    let mut world = scenario.build(1).unwrap();
    let start = Instant::now();
    let mut trace = Vec::new();
    let mut entries = 0;
    while world.step(&mut trace) { if trace.len() > 10000 { entries += trace.len(); trace.clear(); } }
    entries += trace.len();
    let raw = start.elapsed();
    println!("raw world: {} steps, {entries} entries in {raw:?}: {:.0} entries/s", world.steps(), entries as f64 / raw.as_secs_f64());
    let mut session = Session::new(scenario.build(1).unwrap());
    let start = Instant::now();
    session.run_until(Until::Idle);
    let took = start.elapsed();
    println!("session: {} steps in {took:?}: {:.0} entries/s", session.position(), entries as f64 / took.as_secs_f64());
}
