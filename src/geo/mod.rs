//! Places: the gazetteer, the world outlines and the map projection used by the web app (pure
//! maths, tested natively).

pub mod figurative;
pub mod gazetteer;
pub mod projection;
pub mod world;
