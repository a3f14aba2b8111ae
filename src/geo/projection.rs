//! Map projection: pure maths, so that the map view's geometry is unit-tested natively.
