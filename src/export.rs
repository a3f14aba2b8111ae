//! Exports of an Analysis: GeoJSON, CSV of statements, TimelineJS JSON.
