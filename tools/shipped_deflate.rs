//! The shipped tagger models are deflated again with Zopfli (both training tools): the same
//! raw-deflate stream the app inflates, some kilobytes smaller, at a cost paid once at training
//! rather than a compressor in the app.

pub fn shipped_deflate(bytes: &[u8]) -> Vec<u8> {
    let raw = miniz_oxide::inflate::decompress_to_vec(bytes).expect("the model just written inflates");
    let mut out = Vec::new();
    zopfli::compress(zopfli::Options::default(), zopfli::Format::Deflate, raw.as_slice(), &mut out).expect("zopfli writes to memory");
    assert_eq!(miniz_oxide::inflate::decompress_to_vec(&out).as_deref().ok(), Some(raw.as_slice()), "zopfli round-trips");
    out
}
