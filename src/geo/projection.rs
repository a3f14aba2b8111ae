//! Map projection: pure maths, so that the map view's geometry is unit-tested natively.
//!
//! The projection is Equal Earth (Šavrič, Patterson & Jenny, 2018): equal-area, so countries keep
//! their true relative sizes (Mercator would make Russia dwarf the Middle East), with straight
//! parallels and a closed-form forward formula that is cheap enough to run on every point of every
//! outline once. Projected coordinates are "world units" in SVG orientation (x right, y down), the
//! whole world about [`WORLD_WIDTH`] wide. A [`View`] then maps world units to screen pixels with one
//! uniform scale and a translation, so zoom and pan never re-project anything: the web view puts
//! `View::transform()` on a `<g>` holding pre-built country paths.

/// Width of the projected world (−180° to 180° at the equator) in world units.
pub const WORLD_WIDTH: f64 = 1000.0;

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;

/// Equal Earth in radians-based units: x in about [−2.71, 2.71], y in about [−1.32, 1.32], y up.
fn equal_earth_raw(lon_deg: f64, lat_deg: f64) -> (f64, f64) {
    let lam = lon_deg.clamp(-180.0, 180.0).to_radians();
    let phi = lat_deg.clamp(-90.0, 90.0).to_radians();
    let m = 3f64.sqrt() / 2.0;
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lam * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

fn raw_half_width() -> f64 {
    equal_earth_raw(180.0, 0.0).0
}

/// Longitude/latitude in degrees to world units (SVG orientation, origin at lon 0 / lat 0).
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    let (x, y) = equal_earth_raw(lon, lat);
    let k = WORLD_WIDTH / (2.0 * raw_half_width());
    (x * k, -y * k)
}

/// An axis-aligned rectangle in world units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl Bounds {
    /// The whole projected world.
    pub fn world() -> Bounds {
        let (x, _) = project(180.0, 0.0);
        let (_, y) = project(0.0, 90.0);
        Bounds { min_x: -x, min_y: y, max_x: x, max_y: -y }
    }

    pub fn of_points(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Bounds> {
        let mut b: Option<Bounds> = None;
        for (x, y) in points {
            if !x.is_finite() || !y.is_finite() {
                continue;
            }
            b = Some(match b {
                None => Bounds { min_x: x, min_y: y, max_x: x, max_y: y },
                Some(b) => Bounds { min_x: b.min_x.min(x), min_y: b.min_y.min(y), max_x: b.max_x.max(x), max_y: b.max_y.max(y) },
            });
        }
        b
    }

    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    pub fn center(&self) -> (f64, f64) {
        ((self.min_x + self.max_x) / 2.0, (self.min_y + self.max_y) / 2.0)
    }

    /// Grown symmetrically to at least `w` × `h`.
    pub fn at_least(&self, w: f64, h: f64) -> Bounds {
        let (cx, cy) = self.center();
        let (hw, hh) = (self.width().max(w) / 2.0, self.height().max(h) / 2.0);
        Bounds { min_x: cx - hw, min_y: cy - hh, max_x: cx + hw, max_y: cy + hh }
    }
}

/// Bounds of places given as (lon, lat). Places on both sides of the antimeridian (Alaska and
/// Russia's far east, Fiji) would need the map to wrap; the outlines are drawn once, from −180° to
/// 180°, so the honest view is the one spanning them the long way round, which still shows every
/// place. A single place gets a neighbourhood of at least `min_deg` degrees around it.
pub fn bounds_of_places(places: &[(f64, f64)], min_deg: f64) -> Option<Bounds> {
    let b = Bounds::of_points(places.iter().map(|&(lon, lat)| project(lon, lat)))?;
    let min = min_deg.max(0.0) * WORLD_WIDTH / 360.0;
    Some(b.at_least(min, min * 0.6))
}

/// World units to screen pixels: `screen = world * scale + (tx, ty)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub scale: f64,
    pub tx: f64,
    pub ty: f64,
}

/// Zoom limits relative to the view that shows the whole world.
pub const MIN_ZOOM: f64 = 0.8;
pub const MAX_ZOOM: f64 = 60.0;

impl View {
    /// The view showing `b` centred in a `width` × `height` viewport with `padding` pixels on every
    /// side, keeping the aspect ratio (the tighter axis decides the scale).
    pub fn fit(b: Bounds, width: f64, height: f64, padding: f64) -> View {
        let (w, h) = (width.max(1.0), height.max(1.0));
        let pad = padding.max(0.0).min(w / 2.0 - 0.5).min(h / 2.0 - 0.5).max(0.0);
        let (bw, bh) = (b.width().max(1e-9), b.height().max(1e-9));
        let scale = ((w - 2.0 * pad) / bw).min((h - 2.0 * pad) / bh);
        let world = Bounds::world();
        let base = (w / world.width()).min(h / world.height());
        let scale = scale.clamp(base * MIN_ZOOM, base * MAX_ZOOM);
        let (cx, cy) = b.center();
        View { scale, tx: w / 2.0 - cx * scale, ty: h / 2.0 - cy * scale }
    }

    /// The whole world in the viewport.
    pub fn world(width: f64, height: f64) -> View {
        View::fit(Bounds::world(), width, height, 0.0)
    }

    pub fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        (x * self.scale + self.tx, y * self.scale + self.ty)
    }

    pub fn to_world(&self, sx: f64, sy: f64) -> (f64, f64) {
        ((sx - self.tx) / self.scale, (sy - self.ty) / self.scale)
    }

    /// Screen position of a place given as (lon, lat).
    pub fn place(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = project(lon, lat);
        self.to_screen(x, y)
    }

    /// Zoom by `factor` keeping the screen point (sx, sy) fixed (the point under the cursor or
    /// between the fingers), within the zoom limits for a `width` × `height` viewport.
    pub fn zoom_at(&self, factor: f64, sx: f64, sy: f64, width: f64, height: f64) -> View {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let world = Bounds::world();
        let base = (width.max(1.0) / world.width()).min(height.max(1.0) / world.height());
        let scale = (self.scale * factor).clamp(base * MIN_ZOOM, base * MAX_ZOOM);
        let (wx, wy) = self.to_world(sx, sy);
        View { scale, tx: sx - wx * scale, ty: sy - wy * scale }
    }

    /// Move the map by (dx, dy) screen pixels.
    pub fn pan(&self, dx: f64, dy: f64) -> View {
        if !dx.is_finite() || !dy.is_finite() {
            return *self;
        }
        View { scale: self.scale, tx: self.tx + dx, ty: self.ty + dy }
    }

    /// SVG transform putting world-unit content into this view.
    pub fn transform(&self) -> String {
        format!("matrix({:.6} 0 0 {:.6} {:.2} {:.2})", self.scale, self.scale, self.tx, self.ty)
    }
}

/// An SVG path ("M x y l dx dy … Z") for closed rings of (lon, lat) points, in world units rounded to
/// 0.1 (0.036°: under a pixel at the closest zoom the map view uses), skipping points that round
/// to the previous one.
pub fn rings_path<'a>(rings: impl IntoIterator<Item = &'a [(f32, f32)]>) -> String {
    use std::fmt::Write;
    let mut d = String::new();
    for ring in rings {
        if ring.len() < 3 {
            continue;
        }
        let mut last: Option<(i64, i64)> = None;
        let mut n = 0;
        for &(lon, lat) in ring {
            let (x, y) = project(lon as f64, lat as f64);
            let q = ((x * 10.0).round() as i64 * 10, (y * 10.0).round() as i64 * 10);
            if last == Some(q) {
                continue;
            }
            // Relative moves after the first point: small deltas are about half as many bytes.
            let _ = match last {
                None => write!(d, "M{} {}", fmt_hundredths(q.0), fmt_hundredths(q.1)),
                Some(p) => write!(d, "{}{} {}", if n == 1 { "l" } else { " " }, fmt_hundredths(q.0 - p.0), fmt_hundredths(q.1 - p.1)),
            };
            last = Some(q);
            n += 1;
        }
        if n > 0 {
            d.push('Z');
        }
    }
    d
}

fn fmt_hundredths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    match a % 100 {
        0 => format!("{sign}{}", a / 100),
        r if r % 10 == 0 => format!("{sign}{}.{}", a / 100, r / 10),
        r => format!("{sign}{}.{:02}", a / 100, r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() <= eps
    }

    #[test]
    fn origin_and_symmetry() {
        assert_eq!(project(0.0, 0.0), (0.0, 0.0));
        let (x1, y1) = project(30.0, 40.0);
        let (x2, y2) = project(-30.0, -40.0);
        assert!(close(x1, -x2, 1e-9) && close(y1, -y2, 1e-9));
        // North is up on screen: positive latitude has negative y.
        assert!(y1 < 0.0 && x1 > 0.0);
    }

    #[test]
    fn world_is_world_width_wide_with_equal_earth_aspect() {
        let b = Bounds::world();
        assert!(close(b.width(), WORLD_WIDTH, 1e-6));
        // Equal Earth's width:height ratio is about 2.05.
        assert!(close(b.width() / b.height(), 2.05, 0.02), "{}", b.width() / b.height());
    }

    #[test]
    fn raw_formula_matches_published_value() {
        // The pole line of Equal Earth lies at y = 1.3173627 (unit sphere).
        assert!(close(equal_earth_raw(0.0, 90.0).1, 1.3173627, 1e-6));
        assert!(close(equal_earth_raw(180.0, 0.0).0, 2.7066297, 1e-6));
    }

    #[test]
    fn equal_area_cells_near_equator_and_high_latitude() {
        // A 1°×1° cell has area ∝ cos(lat) on the sphere; the projection must keep that ratio.
        let area = |lat: f64| {
            let (x0, _) = equal_earth_raw(10.0, lat + 0.5);
            let (x1, _) = equal_earth_raw(11.0, lat + 0.5);
            let (_, y0) = equal_earth_raw(10.0, lat);
            let (_, y1) = equal_earth_raw(10.0, lat + 1.0);
            (x1 - x0).abs() * (y1 - y0).abs()
        };
        let ratio = area(60.0) / area(0.0);
        let sphere = (61f64.to_radians().sin() - 60f64.to_radians().sin()) / 1f64.to_radians().sin();
        assert!(close(ratio, sphere, 0.01), "{ratio} vs {sphere}");
    }

    #[test]
    fn out_of_range_input_is_clamped_not_nan() {
        let (x, y) = project(540.0, 1000.0);
        assert!(x.is_finite() && y.is_finite());
        assert_eq!(project(180.0, 90.0), project(540.0, 1000.0));
    }

    #[test]
    fn fit_puts_bounds_inside_padded_viewport() {
        let places = [(36.6, 35.9), (39.0, 35.95), (37.6, 55.75), (2.35, 48.85)];
        let b = bounds_of_places(&places, 5.0).unwrap();
        let v = View::fit(b, 800.0, 500.0, 40.0);
        for &(lon, lat) in &places {
            let (sx, sy) = v.place(lon, lat);
            assert!((40.0 - 1e-6..=760.0 + 1e-6).contains(&sx), "{sx}");
            assert!((40.0 - 1e-6..=460.0 + 1e-6).contains(&sy), "{sy}");
        }
        // The tighter axis touches the padding.
        let (l, t) = v.to_screen(b.min_x, b.min_y);
        let (r, btm) = v.to_screen(b.max_x, b.max_y);
        assert!(close(l, 40.0, 1e-6) || close(t, 40.0, 1e-6));
        assert!(close(r, 760.0, 1e-6) || close(btm, 460.0, 1e-6));
    }

    #[test]
    fn one_place_is_centred_with_a_neighbourhood() {
        let b = bounds_of_places(&[(36.3, 33.5)], 8.0).unwrap();
        assert!(b.width() > 0.0 && b.height() > 0.0);
        let v = View::fit(b, 600.0, 400.0, 20.0);
        let (sx, sy) = v.place(36.3, 33.5);
        assert!(close(sx, 300.0, 1e-6) && close(sy, 200.0, 1e-6));
        assert!(v.scale.is_finite() && v.scale > 0.0);
    }

    #[test]
    fn no_places_no_bounds_and_degenerate_viewports_stay_finite() {
        assert!(bounds_of_places(&[], 5.0).is_none());
        let v = View::fit(Bounds::world(), 0.0, 0.0, 50.0);
        assert!(v.scale.is_finite() && v.tx.is_finite() && v.ty.is_finite());
    }

    #[test]
    fn places_across_the_antimeridian_stay_visible() {
        let places = [(179.0, -17.0), (-179.0, -16.0)];
        let b = bounds_of_places(&places, 5.0).unwrap();
        let v = View::fit(b, 800.0, 400.0, 10.0);
        for &(lon, lat) in &places {
            let (sx, sy) = v.place(lon, lat);
            assert!((0.0..=800.0).contains(&sx) && (0.0..=400.0).contains(&sy));
        }
    }

    #[test]
    fn zoom_keeps_the_anchor_point_fixed_and_respects_limits() {
        let v = View::world(800.0, 400.0);
        let before = v.to_world(300.0, 120.0);
        let z = v.zoom_at(2.0, 300.0, 120.0, 800.0, 400.0);
        assert!(close(z.scale, v.scale * 2.0, 1e-9));
        let after = z.to_world(300.0, 120.0);
        assert!(close(before.0, after.0, 1e-9) && close(before.1, after.1, 1e-9));
        let far = (0..50).fold(v, |v, _| v.zoom_at(3.0, 400.0, 200.0, 800.0, 400.0));
        assert!(far.scale <= v.scale * MAX_ZOOM + 1e-9);
        let out = (0..50).fold(v, |v, _| v.zoom_at(0.3, 400.0, 200.0, 800.0, 400.0));
        assert!(out.scale >= v.scale * MIN_ZOOM - 1e-9);
        assert_eq!(v.zoom_at(f64::NAN, 1.0, 1.0, 800.0, 400.0), v);
    }

    #[test]
    fn pan_moves_by_screen_pixels() {
        let v = View::world(800.0, 400.0);
        let p = v.pan(15.0, -7.0);
        let (a, b) = v.place(10.0, 10.0);
        let (c, d) = p.place(10.0, 10.0);
        assert!(close(c - a, 15.0, 1e-9) && close(d - b, -7.0, 1e-9));
        assert!(p.transform().starts_with("matrix("));
    }

    #[test]
    fn ring_paths_are_closed_and_compact() {
        let ring: Vec<(f32, f32)> = vec![(0.0, 0.0), (10.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
        let d = rings_path([ring.as_slice()]);
        assert!(d.starts_with("M0 0l") && d.ends_with('Z'), "{d}");
        // Three relative moves (the repeated point is dropped): six numbers after "l".
        let rel = &d[d.find('l').unwrap() + 1..d.len() - 1];
        assert_eq!(rel.split(' ').count(), 6, "{d}");
        let tiny: Vec<(f32, f32)> = vec![(0.0, 0.0), (1.0, 1.0)];
        assert_eq!(rings_path([tiny.as_slice()]), "");
        assert_eq!(fmt_hundredths(-150), "-1.5");
        assert_eq!(fmt_hundredths(7), "0.07");
    }
}
