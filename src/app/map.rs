//! The map: country outlines (src/geo/world.rs, Equal Earth projection) with the countries the
//! article names shaded, and a pin per geocoded place; a pin or a shaded country selects its entity.
//!
//! Outlines are drawn once in world units inside a `<g transform>`; pins are placed in screen
//! units so they keep their size whatever the zoom.

use super::i18n::tr;
use super::store::Store;
use crate::geo::world::{MapData, World};
use leptos::prelude::*;

/// Default size of the SVG's coordinate system; replaced by the rendered size once known, so one
/// SVG unit is one CSS pixel and pins and labels are equally legible on a phone and a desktop.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 380.0;
const PADDING: f64 = 36.0;

/// Height for a given width: wide screens get a landscape map, phones a squarer one.
fn height_for(width: f64) -> f64 {
    if width < 500.0 { width * 0.85 } else { width * HEIGHT / WIDTH }
}

struct PinView {
    id: String,
    name: String,
    name_en: String,
    x: f64,
    y: f64,
    radius: f64,
    country: bool,
}

#[component]
pub fn MapView() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let data = Memo::new(move |_| store.current.with(|c| MapData::of(&c.analysis)));
    let size = RwSignal::new((WIDTH, HEIGHT));
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let measure = move || {
        if let Some(svg) = svg_ref.get_untracked() {
            let w = svg.get_bounding_client_rect().width();
            // a hidden panel (another tab on a phone) measures 0: keep the last real size
            if w >= 200.0 && (w - size.get_untracked().0).abs() > 1.0 {
                size.set((w, height_for(w)));
            }
        }
    };
    Effect::new(move |_| {
        store.tab.track();
        request_animation_frame(measure);
    });
    let _ = window_event_listener(leptos::ev::resize, move |_| measure());
    let view_fit = Memo::new(move |_| {
        let (w, h) = size.get();
        data.with(|d| d.fit(w, h, PADDING))
    });
    let transform = move || view_fit.get().transform();
    // stroke widths are in world units inside the transformed group: keep them ~1 px on screen
    let stroke = move || format!("{:.4}", 0.8 / view_fit.get().scale);
    // outlines are built once; only their classes follow the analysis and the selection
    let lands = World::paths()
        .iter()
        .map(|p| {
            let iso = p.iso2.clone();
            let iso2 = p.iso2.clone();
            let entity = Memo::new(move |_| data.with(|d| d.countries.iter().find(|c| c.0.eq_ignore_ascii_case(&iso)).map(|c| c.1.clone())));
            let implied = move || data.with(|d| d.implied.iter().any(|i| i.eq_ignore_ascii_case(&iso2)));
            let hl = move || entity.with(|e| e.is_some() && store.selected.with(|s| s == e));
            let click = move |_| {
                if let Some(id) = entity.get_untracked() {
                    store.toggle_entity(&id);
                }
            };
            view! {
                <path class="land" class:named=move || entity.with(Option::is_some) class:implied=implied class:hl=hl
                    data-iso=p.iso2.clone() d=p.d.clone() on:click=click></path>
            }
        })
        .collect_view();
    let pins = move || {
        let v = view_fit.get();
        let mut pins: Vec<PinView> = store.current.with(|c| {
            c.analysis
                .entities
                .iter()
                .filter_map(|e| {
                    let g = e.geo.as_ref().filter(|g| g.lat.is_finite() && g.lon.is_finite())?;
                    let (x, y) = v.place(g.lon, g.lat);
                    Some(PinView {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        name_en: e.name_en.clone().unwrap_or_else(|| e.name.clone()),
                        x,
                        y,
                        radius: (3.5 + (e.mentions.len() as f64).sqrt()).min(8.0),
                        country: g.kind == crate::GeoKind::Country,
                    })
                })
                .collect()
        });
        // small pins on top of big ones, so every pin stays clickable
        pins.sort_by(|a, b| b.radius.total_cmp(&a.radius));
        pins.into_iter()
            .map(|p| {
                let id_sel = p.id.clone();
                let id_click = p.id.clone();
                let id_key = p.id.clone();
                let data_name = p.name_en.clone();
                let hl = move || store.selected.get().as_deref() == Some(id_sel.as_str());
                let label = if p.name_en == p.name { p.name.clone() } else { format!("{} · {}", p.name_en, p.name) };
                // labels go to the side with room, so pins near the right edge stay readable
                let left = p.x > size.get_untracked().0 * 0.75;
                let (tx, anchor) = if left { (p.x - p.radius - 3.0, "end") } else { (p.x + p.radius + 3.0, "start") };
                view! {
                    <g
                        class="pin"
                        class:country=p.country
                        class:hl=hl
                        data-place=p.id
                        data-name=data_name
                        role="button"
                        tabindex="0"
                        aria-label=label
                        on:click=move |_| store.toggle_entity(&id_click)
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" || ev.key() == " " {
                                ev.prevent_default();
                                store.toggle_entity(&id_key);
                            }
                        }
                    >
                        <circle cx=format!("{:.1}", p.x) cy=format!("{:.1}", p.y) r=format!("{:.1}", p.radius)></circle>
                        <text x=format!("{tx:.1}") y=format!("{:.1}", p.y + 4.0) text-anchor=anchor>{p.name_en}</text>
                    </g>
                }
            })
            .collect_view()
    };
    let empty = move || data.with(|d| d.focus.is_empty());
    view! {
        <section id="map-panel" class="panel-body" aria-labelledby="map-title">
            <div class="panel-head">
                <h2 id="map-title">{move || tr(ui.get(), "map.title")}</h2>
            </div>
            <svg
                id="map"
                node_ref=svg_ref
                viewBox=move || { let (w, h) = size.get(); format!("0 0 {w:.0} {h:.0}") }
                preserveAspectRatio="xMidYMid meet"
                role="group"
                aria-label=move || tr(ui.get(), "map.label")
            >
                <rect class="sea" x="0" y="0" width=move || size.get().0.to_string() height=move || size.get().1.to_string()></rect>
                <g class="world" transform=transform stroke-width=stroke>{lands}</g>
                <g class="pins">{pins}</g>
            </svg>
            <Show when=empty>
                <p class="empty">{move || tr(ui.get(), "map.empty")}</p>
            </Show>
        </section>
    }
}
