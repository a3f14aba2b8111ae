//! The map: country outlines (src/geo/world.rs, Equal Earth projection) with the countries the
//! article names shaded, a pin per geocoded place, and a list of the article's places below it.
//!
//! The first view frames the article's main cluster of places (`geo::projection::frame`); a
//! place off screen gets a marker at the edge pointing to it. Wheel, pinch, drag, the buttons and
//! the keyboard zoom and pan. Outlines are drawn once in world units inside a `<g transform>`;
//! pins and labels are placed in screen units so they keep their size whatever the zoom, and
//! labels go where they cover no pin and no other label (`geo::projection::place_labels`).

use super::i18n::{Ui, tr};
use super::store::{Selection, Store};
use crate::geo::figurative::{figurative_mentions, pinned};
use crate::geo::projection::{LabelPin, View, edge_marker, label_width, place_labels};
use crate::geo::world::{MapData, World};
use crate::stages::normalize::has_arabic_script;
use crate::{Entity, EntityKind};
use leptos::prelude::*;
use rustc_hash::FxHashMap;

/// Default size of the SVG's coordinate system; replaced by the rendered size once known, so one
/// SVG unit is one CSS pixel and pins and labels are equally legible on a phone and a desktop.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 380.0;
const PADDING: f64 = 28.0;
const LABEL_PX: f64 = 12.0;
/// How far the arrow keys move the map, in pixels, and how much a button press zooms.
const KEY_PAN: f64 = 60.0;
const STEP_ZOOM: f64 = 1.5;
/// A press that moves less than this is a click, not a drag.
const DRAG_SLOP: f64 = 4.0;

/// Height for a given width: on a desktop the map shares its column with the names, so it is
/// landscape; a phone shows it alone in its tab, squarer.
fn height_for(width: f64) -> f64 {
    let phone = super::dom::window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w <= 760.0);
    if phone { width * 0.85 } else { width * 0.62 }
}

/// A place's name in the interface language, whatever the article's: in the Arabic interface
/// the article's own Arabic form, else the gazetteer's Arabic name (an English article's places);
/// in the English one the English name (an Arabic article's places). A place with no name in the
/// interface language keeps the name it has.
pub fn place_name(ui: Ui, e: &Entity) -> String {
    let arabic = has_arabic_script(&e.name);
    let given = |n: &Option<String>| n.as_ref().filter(|n| !n.trim().is_empty()).cloned();
    match ui {
        Ui::Ar if arabic => e.name.clone(),
        Ui::Ar => given(&e.name_ar).or_else(|| given(&e.name_en)).unwrap_or_else(|| e.name.clone()),
        Ui::En => given(&e.name_en).unwrap_or_else(|| e.name.clone()),
    }
}

/// A pin where the view puts it now, with its label if one fits.
#[derive(Clone, PartialEq)]
struct PinAt {
    x: f64,
    y: f64,
    label: Option<(f64, f64)>,
}

/// One located place, as drawn.
#[derive(Clone, PartialEq)]
pub struct Place {
    id: String,
    name: String,
    name_en: String,
    lang: &'static str,
    lon: f64,
    lat: f64,
    radius: f64,
    country: bool,
    /// Heard and shown on hover after the name (say, in how many articles it appears).
    detail: Option<String>,
}

/// Small pins drawn over big ones, so that every pin stays clickable.
pub fn biggest_first(places: &mut [Place]) {
    crate::sort::by(places, |a, b| b.radius.total_cmp(&a.radius));
}

/// A pin's radius for an article's place: grows with its mentions.
pub fn radius_for_mentions(mentions: usize) -> f64 {
    (3.5 + (mentions as f64).sqrt()).min(8.0)
}

/// The place an entity stands for, if it is located, drawn with this radius.
pub fn located(ui: Ui, e: &Entity, radius: f64, detail: Option<String>) -> Option<Place> {
    let g = e.geo.as_ref().filter(|g| g.lat.is_finite() && g.lon.is_finite())?;
    let name = place_name(ui, e);
    let lang = if has_arabic_script(&name) { "ar" } else { "en" };
    Some(Place {
        id: e.id.clone(),
        name_en: e.name_en.clone().unwrap_or_else(|| e.name.clone()),
        name,
        lang,
        lon: g.lon,
        lat: g.lat,
        radius,
        country: g.kind == crate::GeoKind::Country,
        detail,
    })
}

fn svg_point(svg: &web_sys::Element, client_x: f64, client_y: f64) -> (f64, f64) {
    let r = svg.get_bounding_client_rect();
    (client_x - r.left(), client_y - r.top())
}

/// The article's map and its list of places.
#[component]
pub fn MapView() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let figurative = Memo::new(move |_| store.current.with(|c| figurative_mentions(&c.text, &c.analysis)));
    let data = Memo::new(move |_| store.current.with(|c| figurative.with(|f| MapData::of(&c.analysis, f))));
    let places = Memo::new(move |_| {
        let ui = ui.get();
        let mut places: Vec<Place> = store.current.with(|c| {
            figurative.with(|f| {
                c.analysis
                    .entities
                    .iter()
                    .filter(|e| e.geo.as_ref().is_some_and(|g| g.kind == crate::GeoKind::Country) || pinned(e, f))
                    .filter_map(|e| located(ui, e, radius_for_mentions(e.mentions.len()), None))
                    .collect()
            })
        });
        biggest_first(&mut places);
        places
    });
    let pick = Callback::new(move |id: String| store.toggle_entity(&id));
    view! {
        <section id="map-panel" class="panel-body" aria-labelledby="map-title" tabindex="-1">
            <WorldMap prefix="map" title="map.title" empty="map.empty" data places selected=store.selected pick/>
            <PlaceList figurative/>
        </section>
    }
}

/// A map of places: the outlines, a pin per place, zoom and pan. `prefix` names its elements
/// (`{prefix}`, `{prefix}-title`, `{prefix}-zoom-in`…), so two maps can share a page; `title` and
/// `empty` are interface-string keys; `pick` is called with a pin's or a named country's id.
#[component]
pub fn WorldMap(
    prefix: &'static str,
    title: &'static str,
    empty: &'static str,
    data: Memo<MapData>,
    places: Memo<Vec<Place>>,
    selected: RwSignal<Option<String>>,
    pick: Callback<String>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let selection = Selection::over(selected);
    let ui = store.ui;
    let size = RwSignal::new((WIDTH, HEIGHT));
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let measure = move || {
        // a frame or a resize can come after the map is gone (the combined view closed)
        if let Some(svg) = svg_ref.try_get_untracked().flatten() {
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
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let fitted = Memo::new(move |_| {
        let (w, h) = size.get();
        data.with(|d| d.fit(w, h, PADDING))
    });
    // the reader's own zoom and pan, until the article or the map's size changes
    let moved = RwSignal::new(None::<View>);
    Effect::new(move |_| {
        fitted.track();
        moved.set(None);
    });
    let view_now = Memo::new(move |_| moved.get().unwrap_or_else(|| fitted.get()));
    let set_view = move |v: View| moved.set(Some(v));
    let zoom = move |factor: f64, at: Option<(f64, f64)>| {
        let (w, h) = size.get_untracked();
        let (x, y) = at.unwrap_or((w / 2.0, h / 2.0));
        set_view(view_now.get_untracked().zoom_at(factor, x, y, w, h));
    };
    let pan = move |dx: f64, dy: f64| set_view(view_now.get_untracked().pan(dx, dy));

    let transform = move || view_now.get().transform();
    // stroke widths are in world units inside the transformed group: keep them ~1 px on screen
    let stroke = move || format!("{:.4}", 0.8 / view_now.get().scale);

    // outlines are built once; only their classes follow the analysis and the selection
    let lands = World::paths()
        .iter()
        .map(|p| {
            let iso = p.iso2.clone();
            let iso2 = p.iso2.clone();
            let entity = Memo::new(move |_| data.with(|d| d.countries.iter().find(|c| c.0.eq_ignore_ascii_case(&iso)).map(|c| c.1.clone())));
            let implied = move || data.with(|d| d.implied.iter().any(|i| i.eq_ignore_ascii_case(&iso2)));
            let selection = selection.clone();
            let hl = move || entity.with(|e| e.as_deref().is_some_and(|id| selection.is(id)));
            let click = move |_| {
                if let Some(id) = entity.get_untracked() {
                    pick.run(id);
                }
            };
            view! {
                <path class="land" class:named=move || entity.with(Option::is_some) class:implied=implied class:hl=hl
                    data-iso=p.iso2.clone() d=p.d.clone() on:click=click></path>
            }
        })
        .collect_view();

    // where each pin is now, and where its label fits
    let layout = Memo::new(move |_| {
        let v = view_now.get();
        let (w, h) = size.get();
        let rtl = ui.get() == Ui::Ar;
        places.with(|places| {
            let at: Vec<(f64, f64)> = places.iter().map(|p| v.place(p.lon, p.lat)).collect();
            // labels for the most mentioned (biggest) first; off-screen pins take no room
            let mut order: Vec<usize> = (0..places.len()).collect();
            crate::sort::by(&mut order, |&a, &b| places[b].radius.total_cmp(&places[a].radius));
            let boxes: Vec<LabelPin> = order
                .iter()
                .map(|&i| LabelPin { x: at[i].0, y: at[i].1, r: places[i].radius, width: label_width(&places[i].name, LABEL_PX), height: LABEL_PX + 4.0 })
                .collect();
            let labels = place_labels(&boxes, w, h, 2.0, rtl);
            let mut label_of = vec![None; places.len()];
            for (k, &i) in order.iter().enumerate() {
                label_of[i] = labels[k].map(|l| (l.cx, l.cy));
            }
            // by id: every pin asks for its own place, several times per view
            places.iter().zip(at).zip(label_of).map(|((p, (x, y)), label)| (p.id.clone(), PinAt { x, y, label })).collect::<FxHashMap<_, _>>()
        })
    });
    let pos = move |id: &str| layout.with(|l| l.get(id).cloned());

    // a drag that has begun must not also click the pin it started on
    let dragged = StoredValue::new(false);
    let pin_view = move |p: Place| {
        let id = p.id.clone();
        let (id_click, id_key, id_pos) = (id.clone(), id.clone(), id.clone());
        let selection = selection.clone();
        let id_hl = id.clone();
        let hl = move || selection.is(&id_hl);
        let here = move || pos(&id_pos);
        let cx = {
            let here = here.clone();
            move || here().map_or(-99.0, |p| p.x)
        };
        let cy = {
            let here = here.clone();
            move || here().map_or(-99.0, |p| p.y)
        };
        let label = move || here().and_then(|p| p.label);
        let label_x = {
            let label = label.clone();
            move || label().map_or(0.0, |l| l.0)
        };
        let label_y = {
            let label = label.clone();
            move || label().map_or(0.0, |l| l.1 + LABEL_PX * 0.35)
        };
        let label_shown = move || label().is_some();
        let accessible = if p.name == p.name_en { p.name.clone() } else { format!("{} · {}", p.name, p.name_en) };
        let accessible = match &p.detail {
            Some(d) => format!("{accessible} — {d}"),
            None => accessible,
        };
        let accessible_label = accessible.clone();
        view! {
            <g
                class="pin"
                class:country=p.country
                class:hl=hl
                data-place=p.id.clone()
                data-name=p.name_en.clone()
                role="button"
                tabindex="0"
                aria-label=accessible_label
                on:click=move |_| {
                    if !dragged.get_value() {
                        pick.run(id_click.clone());
                    }
                }
                on:keydown=move |ev| {
                    if ev.key() == "Enter" || ev.key() == " " {
                        ev.prevent_default();
                        ev.stop_propagation();
                        pick.run(id_key.clone());
                    }
                }
            >
                <title>{accessible}</title>
                <circle cx=move || format!("{:.1}", cx()) cy=move || format!("{:.1}", cy()) r=format!("{:.1}", p.radius)></circle>
                <text
                    x=move || format!("{:.1}", label_x())
                    y=move || format!("{:.1}", label_y())
                    text-anchor="middle"
                    lang=p.lang
                    visibility=move || if label_shown() { "visible" } else { "hidden" }
                    aria-hidden="true"
                >
                    {p.name.clone()}
                </text>
            </g>
        }
    };

    // places off screen: an arrow at the edge, pointing to each
    let edges = move || {
        let v = view_now.get();
        let (w, h) = size.get();
        let ui_now = ui.get();
        places.with(|places| {
            places
                .iter()
                .filter_map(|p| {
                    let (x, y) = crate::geo::projection::project(p.lon, p.lat);
                    let (ex, ey, angle) = edge_marker(&v, w, h, 10.0, x, y)?;
                    let label = format!("{} — {}", p.name, tr(ui_now, "map.offscreen"));
                    let title = label.clone();
                    let id = p.id.clone();
                    let show = move || {
                        // bring it into the frame with what is in view now
                        let (w, h) = size.get_untracked();
                        let v = view_now.get_untracked();
                        let (x0, y0) = v.to_world(0.0, 0.0);
                        let (x1, y1) = v.to_world(w, h);
                        let seen = crate::geo::projection::Bounds { min_x: x0, min_y: y0, max_x: x1, max_y: y1 };
                        let with = crate::geo::projection::Bounds::of_points([(x, y)]).map_or(seen, |b| seen.union(&b));
                        set_view(View::fit(with, w, h, PADDING));
                        selected.set(Some(id.clone()));
                    };
                    Some(view! {
                        <g class="edge" data-edge-place=p.id.clone() transform=format!("translate({ex:.1} {ey:.1}) rotate({angle:.1})")
                            role="button" tabindex="0" aria-label=title
                            on:click={
                                let show = show.clone();
                                move |_| show()
                            }
                            on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); ev.stop_propagation(); show() }
                        >
                            <title>{label}</title>
                            <circle r="9" class="edge-hit"></circle>
                            <path d="M7 0 L-5 -6 L-2 0 L-5 6 Z"></path>
                        </g>
                    })
                })
                .collect_view()
        })
    };

    // pointers down on the map: one drags, two pinch
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    let press_at = StoredValue::new((0.0f64, 0.0f64));
    let on_down = move |ev: web_sys::PointerEvent| {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let (x, y) = svg_point(&svg, ev.client_x() as f64, ev.client_y() as f64);
        pointers.update_value(|p| {
            p.retain(|q| q.0 != ev.pointer_id());
            p.push((ev.pointer_id(), x, y));
        });
        if pointers.with_value(Vec::len) == 1 {
            press_at.set_value((x, y));
            dragged.set_value(false);
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let (x, y) = svg_point(&svg, ev.client_x() as f64, ev.client_y() as f64);
        let before = pointers.get_value();
        let Some(k) = before.iter().position(|q| q.0 == ev.pointer_id()) else {
            return;
        };
        if !dragged.get_value() {
            let (px, py) = press_at.get_value();
            if (x - px).hypot(y - py) < DRAG_SLOP && before.len() == 1 {
                return;
            }
            dragged.set_value(true);
            // only now: capturing on press would take the click away from the pins
            let _ = svg.set_pointer_capture(ev.pointer_id());
        }
        let mut after = before.clone();
        after[k] = (ev.pointer_id(), x, y);
        match (before.as_slice(), after.as_slice()) {
            ([a], [b]) => pan(b.1 - a.1, b.2 - a.2),
            ([a1, a2, ..], [b1, b2, ..]) => {
                let d0 = (a1.1 - a2.1).hypot(a1.2 - a2.2);
                let d1 = (b1.1 - b2.1).hypot(b1.2 - b2.2);
                let (m0, m1) = (((a1.1 + a2.1) / 2.0, (a1.2 + a2.2) / 2.0), ((b1.1 + b2.1) / 2.0, (b1.2 + b2.2) / 2.0));
                let (w, h) = size.get_untracked();
                let mut v = view_now.get_untracked().pan(m1.0 - m0.0, m1.1 - m0.1);
                if d0 > 1.0 && d1 > 1.0 {
                    v = v.zoom_at(d1 / d0, m1.0, m1.1, w, h);
                }
                set_view(v);
            }
            _ => {}
        }
        pointers.set_value(after);
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        pointers.update_value(|p| p.retain(|q| q.0 != ev.pointer_id()));
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        ev.prevent_default();
        let (x, y) = svg_point(&svg, ev.client_x() as f64, ev.client_y() as f64);
        // lines and pages scroll further than pixels
        let unit = match ev.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        zoom((-ev.delta_y() * unit * 0.002).exp(), Some((x, y)));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let handled = match ev.key().as_str() {
            "+" | "=" => {
                zoom(STEP_ZOOM, None);
                true
            }
            "-" | "_" => {
                zoom(1.0 / STEP_ZOOM, None);
                true
            }
            "0" => {
                moved.set(None);
                true
            }
            "ArrowLeft" => {
                pan(KEY_PAN, 0.0);
                true
            }
            "ArrowRight" => {
                pan(-KEY_PAN, 0.0);
                true
            }
            "ArrowUp" => {
                pan(0.0, KEY_PAN);
                true
            }
            "ArrowDown" => {
                pan(0.0, -KEY_PAN);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    };

    let is_empty = move || data.with(|d| d.focus.is_empty());
    let t = move |k: &'static str| move || tr(ui.get(), k);
    let id = move |part: &str| if part.is_empty() { prefix.to_string() } else { format!("{prefix}-{part}") };
    view! {
        <div class="panel-head">
            <h2 id=id("title")>{t(title)}</h2>
            <div class="map-tools" role="group" aria-label=t("map.tools")>
                <button type="button" id=id("zoom-in") aria-label=t("map.zoom_in") title=t("map.zoom_in") on:click=move |_| zoom(STEP_ZOOM, None)>"+"</button>
                <button type="button" id=id("zoom-out") aria-label=t("map.zoom_out") title=t("map.zoom_out") on:click=move |_| zoom(1.0 / STEP_ZOOM, None)>"−"</button>
                <button type="button" id=id("reset") title=t("map.reset_hint") on:click=move |_| moved.set(None) disabled=move || moved.with(Option::is_none)>{t("map.reset")}</button>
            </div>
        </div>
        <svg
            id=id("")
            class="world-map"
            node_ref=svg_ref
            viewBox=move || { let (w, h) = size.get(); format!("0 0 {w:.0} {h:.0}") }
            preserveAspectRatio="xMidYMid meet"
            role="group"
            tabindex="0"
            aria-label=t("map.label")
            aria-describedby=id("keys")
            on:wheel=on_wheel
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
            on:keydown=on_key
        >
            <rect class="sea" x="0" y="0" width=move || size.get().0.to_string() height=move || size.get().1.to_string()></rect>
            <g class="world" transform=transform stroke-width=stroke>{lands}</g>
            <g class="pins">
                <For each=move || places.get() key=|p| format!("{}|{}|{}", p.id, p.name, p.radius) children=pin_view/>
            </g>
            <g class="edges">{edges}</g>
        </svg>
        <p id=id("keys") class="visually-hidden">{t("map.keys")}</p>
        <Show when=is_empty>
            <p class="empty">{t(empty)}</p>
        </Show>
    }
}

/// Every place the article names, most mentioned first, with its mention count: a button
/// selects it like its chip; places the gazetteer could not locate say so, and so do towns named
/// only for their government or an agreement (no pin).
/// Whether a place of the list has its pin on the map.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum OnMap {
    Pinned,
    Unlocated,
    Figurative,
}

type Row = (String, String, usize, OnMap, usize);

#[component]
fn PlaceList(figurative: Memo<Vec<crate::Span>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let rows = Memo::new(move |_| {
        let ui = ui.get();
        store.current.with(|c| {
            let figurative = figurative.get();
            let mut rows: Vec<Row> = c
                .analysis
                .entities
                .iter()
                .filter(|e| e.kind == EntityKind::Place)
                .map(|e| {
                    let pin = match &e.geo {
                        None => OnMap::Unlocated,
                        Some(g) if g.kind != crate::GeoKind::Country && !pinned(e, &figurative) => OnMap::Figurative,
                        Some(_) => OnMap::Pinned,
                    };
                    (e.id.clone(), place_name(ui, e), e.mentions.len(), pin, e.mentions.first().map_or(usize::MAX, |m| m.start))
                })
                .collect();
            crate::sort::by_key(&mut rows, |r| (std::cmp::Reverse(r.2), r.4));
            rows
        })
    });
    let selection = expect_context::<Selection>();
    let row = move |(id, name, count, on_map, _): Row, selection: Selection| {
        let (id_sel, id_click) = (id.clone(), id.clone());
        let pressed = move || selection.is(&id_sel);
        let dir = if has_arabic_script(&name) { "rtl" } else { "ltr" };
        view! {
            <li>
                <button
                    type="button"
                    class="place-row kind-place"
                    class:unlocated=on_map != OnMap::Pinned
                    data-place-id=id
                    tabindex="-1"
                    aria-pressed=move || if pressed() { "true" } else { "false" }
                    on:click=move |_| store.toggle_entity(&id_click)
                >
                    <bdi class="name" dir=dir>{name}</bdi>
                    {(on_map != OnMap::Pinned).then(|| {
                        let why = if on_map == OnMap::Figurative { "map.figurative" } else { "map.unlocated" };
                        view! { <span class="muted off-map">{move || tr(ui.get(), why)}</span> }
                    })}
                    <span class="count">{count}</span>
                </button>
            </li>
        }
    };
    // a long article names hundreds of places: drawn a slice at a time
    let list = move || {
        let slicer = super::slices::Slicer::new(60);
        let view = slicer.add_all(rows.get().into_iter().map(|r| {
            let selection = selection.clone();
            move || row(r.clone(), selection.clone())
        }));
        slicer.start();
        view
    };
    // the first row is the list's one Tab stop; arrows move within it
    Effect::new(move |_| {
        rows.track();
        request_animation_frame(|| {
            if let Ok(Some(first)) = super::dom::document().query_selector("#places .place-row") {
                let _ = first.set_attribute("tabindex", "0");
            }
        });
    });
    view! {
        <Show when=move || rows.with(|r| !r.is_empty())>
            <h3 id="places-title">{move || tr(ui.get(), "map.places")}</h3>
            <ul id="places" class="places" aria-labelledby="places-title"
                on:keydown=move |ev| { let _ = super::keys::roving(&ev, ".place-row", super::keys::Axis::Column); }>
                {list.clone()}
            </ul>
        </Show>
    }
}
