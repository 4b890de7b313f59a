//! Small charts of the run so far: each queue's ready depth over virtual time, and the
//! publish-to-ack latency percentiles (p50, p95, p99), from the session's statistics.

use yew::prelude::*;

use super::app::{use_editor, use_playback_frame};
use super::language::use_lang;
use crate::engine::QueueId;
use crate::explain::run::latency_value;
use crate::sim::Place;
use crate::sim::stats::DepthPoint;

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 120.0;
/// Most queues charted.
const QUEUES_SHOWN: usize = 6;

#[component]
pub fn Charts() -> Html {
    let editor = use_editor();
    use_playback_frame();
    let lang = use_lang();
    let words = lang.words();
    let Some(run) = editor.studio().run() else {
        return html! { <section class="charts" aria-label={words.charts()}><p class="muted">{ words.nothing_has_run() }</p></section> };
    };
    let now = run.session.now().max(1) as f64;
    let position = run.session.position();
    let history = &run.depth;
    // The points so far of the first queues, thinned to about one per horizontal unit.
    let shown: Vec<(QueueId, Vec<DepthPoint>)> = history
        .series
        .iter()
        .take(QUEUES_SHOWN)
        .map(|(queue, points)| {
            let so_far = &points[..points.partition_point(|point| point.step <= position)];
            let stride = (so_far.len() / WIDTH as usize).max(1);
            (*queue, so_far.iter().step_by(stride).copied().collect())
        })
        .collect();
    let max_depth =
        shown.iter().flat_map(|(_, points)| points).map(|point| point.depth).max().unwrap_or(0).max(1) as f64;
    let lines: Vec<(String, String)> = shown
        .iter()
        .map(|(queue, points)| {
            // A step line from an empty queue at time 0 (also when it has no point yet).
            let mut last = HEIGHT;
            let mut path = format!("M0 {last:.1}");
            for point in points {
                let (x, y) = (point.time as f64 / now * WIDTH, HEIGHT - point.depth as f64 / max_depth * HEIGHT);
                path.push_str(&format!("L{x:.1} {last:.1}L{x:.1} {y:.1}"));
                last = y;
            }
            path.push_str(&format!("L{WIDTH} {last:.1}"));
            (run.name(Place::Queue(*queue)), path)
        })
        .collect();
    let percentiles = run.session.world().stats().latency_percentiles();
    drop(run);
    let max_latency = percentiles.iter().flatten().copied().max().unwrap_or(1).max(1) as f64;
    let bars = ["p50", "p95", "p99"].iter().zip(percentiles).enumerate().map(|(idx, (name, value))| {
        let width = value.map_or(0.0, |value| value as f64 / max_latency * (WIDTH - 90.0));
        let y = 10.0 + idx as f64 * 32.0;
        html! {
            <g class="bar">
                <text x="0" y={(y + 14.0).to_string()}>{ *name }</text>
                <rect x="40" y={y.to_string()} width={width.to_string()} height="18" />
                <text x={(46.0 + width).to_string()} y={(y + 14.0).to_string()}>
                    { latency_value(lang, value) }
                </text>
            </g>
        }
    });
    html! {
        <section class="charts" aria-label={words.charts()}>
            <figure>
                <figcaption>{ words.depth_caption(max_depth as u64, now as u64) }</figcaption>
                <svg role="img" aria-label={words.queue_depth()} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} class="chart">
                    { for lines.iter().enumerate().map(|(idx, (name, path))| html! {
                        <path class={format!("series series-{idx}")} d={path.clone()}><title>{ name.clone() }</title></path>
                    }) }
                </svg>
                <ul class="chart-legend">
                    { for lines.iter().enumerate().map(|(idx, (name, _))| html! { <li class={format!("series-{idx}")}>{ name.clone() }</li> }) }
                </ul>
            </figure>
            <figure>
                <figcaption>{ words.latency_caption() }</figcaption>
                <svg role="img" aria-label={words.latency_chart()} viewBox={format!("0 0 {WIDTH} 106")} class="chart">{ for bars }</svg>
            </figure>
        </section>
    }
}
