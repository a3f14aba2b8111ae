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

/// A place for the map to frame: where it is (world units), how much the article says about it
/// (its mentions), and the least the map must show around it (its country, so that a lone place
/// is seen with the country's borders and a neighbour), if known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FramePoint {
    pub x: f64,
    pub y: f64,
    pub weight: f64,
    pub surroundings: Option<Bounds>,
}

/// What the map shows at first: the bounds of the article's main cluster of places, and the
/// places left outside it (indices into the points), which get a marker at the frame's edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Framing {
    pub bounds: Bounds,
    pub outliers: Vec<usize>,
}

/// Places closer than this (world units: about 20° at the equator, 2,200 km) belong to one cluster.
pub const CLUSTER_LINK: f64 = 60.0;
/// The widest frame a cluster may grow to by taking in other clusters (about a third of the world):
/// wider, and the map would be the whole world again with every pin a speck.
pub const MAX_FRAME: f64 = 330.0;
/// Another cluster joins the frame when it weighs at least this share of the main one.
pub const JOIN_SHARE: f64 = 0.25;
/// A place's surroundings are at most this wide (Moscow must not frame all of Russia) and at
/// least the smaller (a lone place in Lebanon still shows Syria and the sea).
pub const MAX_SURROUNDINGS: f64 = 120.0;
pub const MIN_SURROUNDINGS: f64 = 30.0;

impl Bounds {
    pub fn union(&self, o: &Bounds) -> Bounds {
        Bounds { min_x: self.min_x.min(o.min_x), min_y: self.min_y.min(o.min_y), max_x: self.max_x.max(o.max_x), max_y: self.max_y.max(o.max_y) }
    }

    pub fn contains(&self, x: f64, y: f64) -> bool {
        (self.min_x..=self.max_x).contains(&x) && (self.min_y..=self.max_y).contains(&y)
    }

    fn around(x: f64, y: f64, w: f64, h: f64) -> Bounds {
        Bounds { min_x: x - w / 2.0, min_y: y - h / 2.0, max_x: x + w / 2.0, max_y: y + h / 2.0 }
    }
}

/// What a place needs in view around it: its surroundings when they are of a sensible size
/// (a big country's are cut to a box around the place), never less than a small box.
fn needs(p: &FramePoint) -> Bounds {
    let min = Bounds::around(p.x, p.y, MIN_SURROUNDINGS, MIN_SURROUNDINGS * 0.6);
    let own = match p.surroundings {
        Some(s) if s.width() <= MAX_SURROUNDINGS && s.height() <= MAX_SURROUNDINGS && s.contains(p.x, p.y) => s,
        _ => Bounds::around(p.x, p.y, MAX_SURROUNDINGS.min(MIN_SURROUNDINGS * 2.0), MIN_SURROUNDINGS * 1.2),
    };
    own.union(&min)
}

/// The first view of the article's places: single-linkage clusters (places within
/// [`CLUSTER_LINK`] of each other); the heaviest cluster is framed, and other clusters join it
/// while they weigh enough and the frame stays under [`MAX_FRAME`] wide. The rest are outliers.
pub fn frame(points: &[FramePoint]) -> Option<Framing> {
    let valid: Vec<usize> = (0..points.len()).filter(|&i| points[i].x.is_finite() && points[i].y.is_finite()).collect();
    if valid.is_empty() {
        return None;
    }
    // union-find over the valid points
    let mut parent: Vec<usize> = (0..points.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (a, &i) in valid.iter().enumerate() {
        for &j in &valid[a + 1..] {
            let (p, q) = (&points[i], &points[j]);
            if (p.x - q.x).hypot(p.y - q.y) <= CLUSTER_LINK {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    let mut clusters: Vec<(f64, Vec<usize>)> = Vec::new();
    for &i in &valid {
        let r = root(&mut parent, i);
        match clusters.iter_mut().find(|c| root(&mut parent, c.1[0]) == r) {
            Some(c) => {
                c.0 += points[i].weight.max(0.0);
                c.1.push(i);
            }
            None => clusters.push((points[i].weight.max(0.0), vec![i])),
        }
    }
    // heaviest first; on a tie, the one with more places, then the first named
    crate::sort::by(&mut clusters, |a, b| b.0.total_cmp(&a.0).then(b.1.len().cmp(&a.1.len())).then(a.1[0].cmp(&b.1[0])));
    let extent = |members: &[usize]| members.iter().map(|&i| needs(&points[i])).reduce(|a, b| a.union(&b)).expect("clusters are not empty");
    let main_weight = clusters[0].0;
    let mut bounds = extent(&clusters[0].1);
    let mut outliers = Vec::new();
    for (weight, members) in &clusters[1..] {
        let grown = bounds.union(&extent(members));
        if *weight >= JOIN_SHARE * main_weight && grown.width() <= MAX_FRAME && grown.height() <= MAX_FRAME * 0.8 {
            bounds = grown;
        } else {
            outliers.extend(members);
        }
    }
    crate::sort::ord(&mut outliers);
    Some(Framing { bounds, outliers })
}

/// Where a marker for a point off screen goes: on the line from the viewport's centre towards
/// the point, `inset` pixels inside the edge, with the direction it points in (degrees, 0 = right,
/// clockwise as SVG rotates). None when the point is on screen.
pub fn edge_marker(view: &View, width: f64, height: f64, inset: f64, x: f64, y: f64) -> Option<(f64, f64, f64)> {
    let (sx, sy) = view.to_screen(x, y);
    if !sx.is_finite() || !sy.is_finite() {
        return None;
    }
    if (0.0..=width).contains(&sx) && (0.0..=height).contains(&sy) {
        return None;
    }
    let (cx, cy) = (width / 2.0, height / 2.0);
    let (dx, dy) = (sx - cx, sy - cy);
    let (hw, hh) = ((cx - inset).max(0.0), (cy - inset).max(0.0));
    let t = [if dx.abs() > 1e-9 { hw / dx.abs() } else { f64::INFINITY }, if dy.abs() > 1e-9 { hh / dy.abs() } else { f64::INFINITY }]
        .into_iter()
        .fold(f64::INFINITY, f64::min);
    let t = if t.is_finite() { t } else { 0.0 };
    Some((cx + dx * t, cy + dy * t, dy.atan2(dx).to_degrees()))
}

/// A pin whose label is to be placed: the pin's circle (screen pixels) and the label's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelPin {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub width: f64,
    pub height: f64,
}

/// A placed label: the centre of its box (draw it with `text-anchor="middle"`, so the same box
/// holds left-to-right and right-to-left names).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelAt {
    pub cx: f64,
    pub cy: f64,
}

const LABEL_GAP: f64 = 3.0;

fn rect_hits_circle(cx: f64, cy: f64, w: f64, h: f64, px: f64, py: f64, r: f64) -> bool {
    let nx = px.clamp(cx - w / 2.0, cx + w / 2.0);
    let ny = py.clamp(cy - h / 2.0, cy + h / 2.0);
    (nx - px).hypot(ny - py) < r
}

fn rects_overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    (a.0 - b.0).abs() * 2.0 < a.2 + b.2 && (a.1 - b.1).abs() * 2.0 < a.3 + b.3
}

/// Labels for pins given most important first, each beside its pin (after, before, above,
/// below, then the corners; `rtl` tries before first), on none of the pins, on no label placed
/// before it, and inside the `width` × `height` frame less `margin`. A label with no such place
/// is left out (None): the pin keeps its name for screen readers and on hover.
pub fn place_labels(pins: &[LabelPin], width: f64, height: f64, margin: f64, rtl: bool) -> Vec<Option<LabelAt>> {
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut out = Vec::with_capacity(pins.len());
    // a label lies inside the map: only pins reaching into it can be in its way (a long article
    // has hundreds of pins, most of them off screen, and every candidate spot asks about each)
    let near: Vec<&LabelPin> =
        pins.iter().filter(|q| q.x + q.r + 1.0 >= 0.0 && q.x - q.r - 1.0 <= width && q.y + q.r + 1.0 >= 0.0 && q.y - q.r - 1.0 <= height).collect();
    for p in pins {
        let (w, h) = (p.width, p.height);
        let side = p.r + LABEL_GAP + w / 2.0;
        let up = p.r + LABEL_GAP + h / 2.0;
        let diag = p.r * std::f64::consts::FRAC_1_SQRT_2 + LABEL_GAP;
        let (after, before) = if rtl { (-side, side) } else { (side, -side) };
        let candidates = [
            (after, 0.0),
            (before, 0.0),
            (0.0, -up),
            (0.0, up),
            (after.signum() * (diag + w / 2.0), -(diag + h / 2.0)),
            (before.signum() * (diag + w / 2.0), -(diag + h / 2.0)),
            (after.signum() * (diag + w / 2.0), diag + h / 2.0),
            (before.signum() * (diag + w / 2.0), diag + h / 2.0),
        ];
        let fits = |cx: f64, cy: f64| {
            cx - w / 2.0 >= margin
                && cx + w / 2.0 <= width - margin
                && cy - h / 2.0 >= margin
                && cy + h / 2.0 <= height - margin
                && !near.iter().any(|q| rect_hits_circle(cx, cy, w, h, q.x, q.y, q.r + 1.0))
                && !placed.iter().any(|&b| rects_overlap((cx, cy, w, h), b))
        };
        let spot = candidates.iter().map(|&(dx, dy)| (p.x + dx, p.y + dy)).find(|&(cx, cy)| fits(cx, cy));
        if let Some((cx, cy)) = spot {
            placed.push((cx, cy, w, h));
        }
        out.push(spot.map(|(cx, cy)| LabelAt { cx, cy }));
    }
    out
}

/// About how wide a label is in pixels at `font_px`, without measuring it: an average advance
/// per character (Arabic letters join and run narrower than Latin capitals), rounded up.
pub fn label_width(text: &str, font_px: f64) -> f64 {
    let units: f64 = text
        .chars()
        .map(|c| match c {
            ' ' | '.' | ',' | '\'' | 'i' | 'l' | 'j' | 't' | 'f' | 'I' => 0.32,
            'A'..='Z' | 'm' | 'w' => 0.72,
            '\u{064B}'..='\u{065F}' => 0.0,
            '\u{0600}'..='\u{06FF}' => 0.58,
            _ => 0.56,
        })
        .sum();
    (units * font_px).ceil() + 2.0
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

    fn pt(lon: f64, lat: f64, weight: f64) -> FramePoint {
        let (x, y) = project(lon, lat);
        FramePoint { x, y, weight, surroundings: None }
    }

    #[test]
    fn a_far_outlier_is_left_out_of_the_frame() {
        // Melbourne, Sydney, Canberra and one mention of a town in South Carolina
        let points = [pt(144.96, -37.81, 5.0), pt(151.2, -33.87, 3.0), pt(149.13, -35.28, 2.0), pt(-81.03, 34.0, 1.0)];
        let f = frame(&points).unwrap();
        assert_eq!(f.outliers, vec![3]);
        for p in &points[..3] {
            assert!(f.bounds.contains(p.x, p.y));
        }
        assert!(f.bounds.width() < MAX_FRAME);
        let v = View::fit(f.bounds, 400.0, 300.0, 20.0);
        let (x, y, angle) = edge_marker(&v, 400.0, 300.0, 12.0, points[3].x, points[3].y).expect("off screen");
        assert!((0.0..=400.0).contains(&x) && (0.0..=300.0).contains(&y));
        // South Carolina is east of Australia across the antimeridian-free map: far to the left
        assert!(x <= 12.0 + 1e-6 || angle.abs() > 90.0, "{x} {angle}");
        assert!(edge_marker(&v, 400.0, 300.0, 12.0, points[0].x, points[0].y).is_none());
    }

    #[test]
    fn clusters_of_similar_weight_share_the_frame() {
        // Paris, Moscow and Syria (the seed's places): one frame, no outlier
        let points = [pt(2.35, 48.85, 3.0), pt(37.6, 55.75, 4.0), pt(38.5, 35.0, 6.0), pt(39.0, 35.95, 2.0)];
        let f = frame(&points).unwrap();
        assert!(f.outliers.is_empty(), "{f:?}");
        // a minor far place does not pull the frame to the whole world
        let mut more = points.to_vec();
        more.push(pt(-77.0, 38.9, 1.0));
        let f = frame(&more).unwrap();
        assert_eq!(f.outliers, vec![4]);
    }

    #[test]
    fn a_lone_place_shows_its_country_and_more() {
        let riyadh = pt(46.72, 24.69, 1.0);
        let (ax, ay) = project(34.5, 16.0);
        let (bx, by) = project(55.7, 32.2);
        let saudi = Bounds { min_x: ax.min(bx), min_y: ay.min(by), max_x: ax.max(bx), max_y: ay.max(by) };
        let f = frame(&[FramePoint { surroundings: Some(saudi), ..riyadh }]).unwrap();
        assert!(f.bounds.contains(saudi.min_x, saudi.min_y) && f.bounds.contains(saudi.max_x, saudi.max_y));
        // a tiny country still gets a region around it
        let beirut = pt(35.5, 33.9, 1.0);
        let f = frame(&[beirut]).unwrap();
        assert!(f.bounds.width() >= MIN_SURROUNDINGS && f.bounds.height() >= MIN_SURROUNDINGS * 0.6);
        // a huge country is cut to a box around the place
        let (rx, ry) = project(20.0, 41.0);
        let (sx, sy) = project(180.0, 82.0);
        let russia = Bounds { min_x: rx, min_y: sy, max_x: sx, max_y: ry };
        let f = frame(&[FramePoint { surroundings: Some(russia), ..pt(37.6, 55.75, 1.0) }]).unwrap();
        assert!(f.bounds.width() <= MAX_SURROUNDINGS + 1e-9);
    }

    #[test]
    fn framing_nothing_or_nonsense() {
        assert!(frame(&[]).is_none());
        assert!(frame(&[FramePoint { x: f64::NAN, y: 0.0, weight: 1.0, surroundings: None }]).is_none());
        let f = frame(&[pt(10.0, 10.0, 0.0), pt(10.5, 10.5, -3.0)]).unwrap();
        assert!(f.outliers.is_empty() && f.bounds.width().is_finite());
    }

    #[test]
    fn labels_cover_no_pin_and_no_label_and_stay_inside() {
        let pins: Vec<LabelPin> = [(100.0, 100.0), (130.0, 100.0), (115.0, 112.0), (395.0, 20.0), (5.0, 290.0), (200.0, 150.0)]
            .iter()
            .map(|&(x, y)| LabelPin { x, y, r: 5.0, width: 60.0, height: 14.0 })
            .collect();
        for rtl in [false, true] {
            let labels = place_labels(&pins, 400.0, 300.0, 2.0, rtl);
            assert_eq!(labels.len(), pins.len());
            let boxes: Vec<(f64, f64, f64, f64)> = labels.iter().zip(&pins).filter_map(|(l, p)| l.map(|l| (l.cx, l.cy, p.width, p.height))).collect();
            assert!(boxes.len() >= 4, "most labels find a place: {labels:?}");
            for (i, b) in boxes.iter().enumerate() {
                assert!(b.0 - b.2 / 2.0 >= 2.0 && b.0 + b.2 / 2.0 <= 398.0 && b.1 - b.3 / 2.0 >= 2.0 && b.1 + b.3 / 2.0 <= 298.0, "{b:?} inside");
                for p in &pins {
                    assert!(!rect_hits_circle(b.0, b.1, b.2, b.3, p.x, p.y, p.r), "{b:?} covers a pin at {},{}", p.x, p.y);
                }
                for other in &boxes[i + 1..] {
                    assert!(!rects_overlap(*b, *other), "{b:?} and {other:?}");
                }
            }
            // the pin near the right edge is labelled on its left, the lone pin in the middle after it
            let edge = labels[3].expect("room below or to the left");
            assert!(edge.cx + 30.0 <= 398.0);
            let lone = labels[5].unwrap();
            assert_eq!(lone.cx > 200.0, !rtl, "{lone:?}");
        }
    }

    #[test]
    fn label_widths_grow_with_text() {
        assert!(label_width("Damascus", 12.0) > label_width("Homs", 12.0));
        assert!(label_width("دمشق", 12.0) > 10.0);
        assert_eq!(label_width("", 12.0), 2.0);
    }
}
