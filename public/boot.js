// Starts the WebAssembly app. A separate file (not an inline script) so the page's Content
// Security Policy can forbid inline scripts; Trunk writes the hashed file names into the tag.
const tag = document.querySelector('script[data-khabar-js]');
const base = document.baseURI;
const { default: init } = await import(new URL(tag.dataset.khabarJs, base).href);
await init({ module_or_path: new URL(tag.dataset.khabarWasm, base) });
