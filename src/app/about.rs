//! The About panel: what Khabar does, and the data it ships with their licences.

use super::i18n::tr;
use super::store::Store;
use leptos::prelude::*;

#[component]
pub fn About(open: RwSignal<bool>) -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let t = move |k: &'static str| move || tr(ui.get(), k);
    view! {
        <Show when=move || open.get()>
            <div class="about-backdrop" on:click=move |_| open.set(false)></div>
            <section
                id="about"
                role="dialog"
                aria-modal="true"
                aria-labelledby="about-title"
                on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }
            >
                <h2 id="about-title">{t("about.title")}</h2>
                <p>{t("about.what")}</p>
                <p>{t("about.privacy")}</p>
                <h3>{t("about.data")}</h3>
                <ul class="credits">
                    <li lang="en"><strong>"GeoNames"</strong>" — place names and coordinates, "<span>"CC BY 4.0"</span>" (geonames.org)"</li>
                    <li lang="en"><strong>"Unicode CLDR"</strong>" — country and language names, months, "<span>"Unicode License v3"</span>" (unicode.org/cldr)"</li>
                    <li lang="en"><strong>"Natural Earth / world-atlas"</strong>" — country outlines, public domain / ISC (naturalearthdata.com)"</li>
                </ul>
                <p class="muted">{t("about.examples")}</p>
                <button type="button" id="about-close" autofocus on:click=move |_| open.set(false)>{t("message.close")}</button>
            </section>
        </Show>
    }
}
