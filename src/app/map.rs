//! The map: an SVG with a pin per geocoded place; a pin selects its entity.
//!
//! Until the world outlines land (src/geo/world.rs), the frame is a plain equirectangular
//! graticule; the view zooms to the pins so that nearby places stay apart.

use super::i18n::tr;
use super::store::Store;
use crate::Entity;
use leptos::prelude::*;

/// Map units per degree.
const SCALE: f64 = 2.0;
const WIDTH: f64 = 360.0 * SCALE;
const HEIGHT: f64 = 180.0 * SCALE;

fn project(lon: f64, lat: f64) -> (f64, f64) {
    ((lon.clamp(-180.0, 180.0) + 180.0) * SCALE, (90.0 - lat.clamp(-90.0, 90.0)) * SCALE)
}

/// The part of the world to show: the pins' bounding box, padded, at least 40°×20° and with the
/// map's aspect ratio so the pins are not squeezed.
fn view_box(points: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    if points.is_empty() {
        return (0.0, 0.0, WIDTH, HEIGHT);
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let pad = 8.0 * SCALE;
    let mut w = (x1 - x0 + 2.0 * pad).max(40.0 * SCALE);
    let mut h = (y1 - y0 + 2.0 * pad).max(20.0 * SCALE);
    let aspect = WIDTH / HEIGHT;
    if w / h > aspect { h = w / aspect } else { w = h * aspect }
    w = w.min(WIDTH);
    h = h.min(HEIGHT);
    let cx = (x0 + x1) / 2.0;
    let cy = (y0 + y1) / 2.0;
    let x = (cx - w / 2.0).clamp(0.0, WIDTH - w);
    let y = (cy - h / 2.0).clamp(0.0, HEIGHT - h);
    (x, y, w, h)
}

fn graticule() -> String {
    let mut d = String::new();
    for lon in (-180..=180).step_by(30) {
        let (x, _) = project(lon as f64, 0.0);
        d.push_str(&format!("M{x:.1} 0V{HEIGHT:.1}"));
    }
    for lat in (-60..=60).step_by(30) {
        let (_, y) = project(0.0, lat as f64);
        d.push_str(&format!("M0 {y:.1}H{WIDTH:.1}"));
    }
    d
}

#[component]
pub fn MapView() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let places = Memo::new(move |_| {
        store.current.with(|c| {
            c.analysis
                .entities
                .iter()
                .filter_map(|e: &Entity| {
                    let g = e.geo.as_ref().filter(|g| g.lat.is_finite() && g.lon.is_finite())?;
                    let (x, y) = project(g.lon, g.lat);
                    Some((e.id.clone(), e.name.clone(), e.name_en.clone().unwrap_or_else(|| e.name.clone()), x, y, e.mentions.len()))
                })
                .collect::<Vec<_>>()
        })
    });
    let vb = move || {
        let pts: Vec<(f64, f64)> = places.with(|p| p.iter().map(|p| (p.3, p.4)).collect());
        let (x, y, w, h) = view_box(&pts);
        format!("{x:.1} {y:.1} {w:.1} {h:.1}")
    };
    // pins and labels keep a constant on-screen size whatever the zoom
    let unit = move || {
        let pts: Vec<(f64, f64)> = places.with(|p| p.iter().map(|p| (p.3, p.4)).collect());
        view_box(&pts).2 / WIDTH
    };
    let pins = move || {
        let u = unit();
        places
            .get()
            .into_iter()
            .map(|(id, name, name_en, x, y, mentions)| {
                let id_sel = id.clone();
                let id_click = id.clone();
                let id_key = id.clone();
                let hl = move || store.selected.get().as_deref() == Some(id_sel.as_str());
                let r = (3.0 + (mentions as f64).sqrt()).min(7.0) * u * 2.0;
                let data_name = name_en.clone();
                let label = if name_en == name { name.clone() } else { format!("{name_en} · {name}") };
                view! {
                    <g
                        class="pin"
                        class:hl=hl
                        data-place=id
                        data-name=data_name
                        role="button"
                        tabindex="0"
                        aria-label=label.clone()
                        on:click=move |_| store.toggle_entity(&id_click)
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" || ev.key() == " " {
                                ev.prevent_default();
                                store.toggle_entity(&id_key);
                            }
                        }
                    >
                        <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r=format!("{r:.2}")></circle>
                        <text x=format!("{:.1}", x + r + 2.0 * u) y=format!("{:.1}", y + 4.0 * u) font-size=format!("{:.2}", 11.0 * u)>
                            {name_en}
                        </text>
                    </g>
                }
            })
            .collect_view()
    };
    let empty = move || places.with(|p| p.is_empty());
    view! {
        <section id="map-panel" class="panel-body" aria-labelledby="map-title">
            <div class="panel-head">
                <h2 id="map-title">{move || tr(ui.get(), "map.title")}</h2>
            </div>
            <svg id="map" viewBox=vb preserveAspectRatio="xMidYMid meet" role="img" aria-label=move || tr(ui.get(), "map.label")>
                <rect class="sea" x="0" y="0" width=WIDTH.to_string() height=HEIGHT.to_string()></rect>
                <path class="graticule" d=graticule()></path>
                {pins}
            </svg>
            <Show when=empty>
                <p class="empty">{move || tr(ui.get(), "map.empty")}</p>
            </Show>
        </section>
    }
}
