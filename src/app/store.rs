//! The app's state: one struct of signals, provided through context, read and written by every view.

use crate::combine::file_statements;
use crate::corrections::{History, Op, Skipped};
use crate::metadata::Metadata;
use crate::share::Shared;
use crate::{Analysis, Entity, Lang, Span, Statement};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// Analysis waits this long after the last keystroke, so typing never waits for it.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// The views, also the tabs on a phone.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tab {
    Article,
    Entities,
    Timeline,
    Map,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Article, Tab::Entities, Tab::Timeline, Tab::Map];
    pub fn as_str(self) -> &'static str {
        match self {
            Tab::Article => "article",
            Tab::Entities => "entities",
            Tab::Timeline => "timeline",
            Tab::Map => "map",
        }
    }
    pub fn parse(s: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

pub use super::i18n::Ui;

/// What is to be analysed: the analysis comes back for exactly this text, date and language
/// (`None`: detected from the text).
#[derive(Clone, PartialEq, Debug)]
pub struct Request {
    pub text: String,
    pub date: Option<String>,
    pub lang_choice: Option<Lang>,
}

/// An analysis under way, for the progress line.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Busy {
    pub id: u64,
    pub bytes: usize,
    /// `performance.now()` when it was asked for.
    pub since: f64,
}

/// One analysed state of the editor: the text the offsets point into, and what was found in it.
#[derive(Debug, Clone)]
pub struct Current {
    pub text: String,
    pub date: Option<String>,
    /// The language asked for; `None`: detected from the text.
    pub lang_choice: Option<Lang>,
    pub analysis: Analysis,
    /// Statement indices in display order: by date, then by position in the text.
    pub order: Vec<usize>,
    /// For each statement, the date it is filed under (its own, else inferred) and whether inferred.
    pub filed: Vec<(Option<String>, bool)>,
    /// What the machine found, before the reader's corrections (`analysis` has them applied).
    pub machine: Arc<Analysis>,
    /// What the corrections changed, and those that no longer apply.
    pub marks: Arc<super::corrections::Marks>,
}

impl Current {
    pub fn empty() -> Current {
        let analysis = Analysis { id: None, lang: Lang::En, date: None, entities: vec![], statements: vec![], times: vec![] };
        Current {
            text: String::new(),
            date: None,
            lang_choice: None,
            machine: Arc::new(analysis.clone()),
            analysis,
            order: vec![],
            filed: vec![],
            marks: Arc::default(),
        }
    }

    pub fn new(text: String, date: Option<String>, lang_choice: Option<Lang>, analysis: Analysis) -> Current {
        let filed = file_statements(&analysis.statements, analysis.date.as_deref());
        let mut order: Vec<usize> = (0..analysis.statements.len()).collect();
        // Undated statements sort under the date they are filed under (see `file_statements`), so
        // they stay near the dated statements around them; those with nothing to go by sort last.
        crate::sort::by(&mut order, |&a, &b| {
            let key = |i: usize| (filed[i].0.is_none(), filed[i].0.clone(), analysis.statements[i].content.start);
            key(a).cmp(&key(b))
        });
        let machine = Arc::new(analysis.clone());
        Current { text, date, lang_choice, analysis, order, filed, machine, marks: Arc::default() }
    }

    /// The same machine analysis with the reader's corrections replayed over it.
    pub fn corrected(&self, ops: &[Op]) -> Current {
        let applied = crate::corrections::apply_marked(&self.text, &self.machine, ops);
        let mut next = Current::new(self.text.clone(), self.date.clone(), self.lang_choice, applied.analysis);
        next.machine = self.machine.clone();
        next.marks = Arc::new(super::corrections::Marks { entities: applied.entities, statements: applied.statements, skipped: applied.skipped });
        next
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.analysis.entity(id)
    }

    /// Whether a statement is by the entity or mentions it.
    pub fn involves(&self, stmt: &Statement, entity_id: &str) -> bool {
        if stmt.speaker.as_deref() == Some(entity_id) {
            return true;
        }
        self.entity(entity_id).is_some_and(|e| e.mentions.iter().any(|m| stmt.content.contains(*m)))
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

#[derive(Clone, Copy)]
pub struct Store {
    /// What the editor holds now (updated on every keystroke).
    pub text: RwSignal<String>,
    /// Value pushed into the editor by the app (restore, import, load file). Kept apart from
    /// `text` so typing never writes the textarea back (which would move the caret).
    pub editor: RwSignal<String>,
    pub date: RwSignal<String>,
    /// The editor is open; folded away (the reading view alone) once an article is pasted or loaded.
    pub editing: RwSignal<bool>,
    /// The user (or a link) chose the date: the dateline must not overwrite it.
    pub date_touched: RwSignal<bool>,
    /// The language the reader chose for the article; `None`: detect it.
    pub lang: RwSignal<Option<Lang>>,
    pub current: RwSignal<Arc<Current>>,
    pub selected: RwSignal<Option<String>>,
    pub focus: RwSignal<Option<usize>>,
    pub tab: RwSignal<Tab>,
    pub message: RwSignal<Option<String>>,
    /// A short, polite status line (copied, saved…), separate from errors.
    pub status: RwSignal<Option<String>>,
    pub share_link: RwSignal<String>,
    pub ui: RwSignal<Ui>,
    /// An analysis under way (in the worker), for the progress line.
    pub busy: RwSignal<Option<Busy>>,
    /// What the analysis engine (`engine.rs`, which watches this) is to analyse; `None`: nothing
    /// beyond what is shown (any answer under way is stale).
    pub wanted: RwSignal<Option<Request>>,
    /// The reader's corrections of this article, with undo and redo.
    pub edits: RwSignal<History>,
    /// Title, outlet, link, author as the reader set them (what the text says fills the rest).
    pub meta: RwSignal<Metadata>,
    generation: StoredValue<u64>,
    /// The next edit is a paste or a drop: analyse it without waiting for more typing.
    urgent: StoredValue<bool>,
    /// The entity a link asked to select, applied once its analysis arrives.
    wanted_selection: StoredValue<Option<String>>,
    /// A document was loaded and its analysis has not arrived yet.
    loading: StoredValue<bool>,
}

impl Store {
    pub fn new() -> Store {
        Store {
            text: RwSignal::new(String::new()),
            editor: RwSignal::new(String::new()),
            date: RwSignal::new(today()),
            editing: RwSignal::new(true),
            date_touched: RwSignal::new(false),
            lang: RwSignal::new(None),
            current: RwSignal::new(Arc::new(Current::empty())),
            selected: RwSignal::new(None),
            focus: RwSignal::new(None),
            tab: RwSignal::new(Tab::Article),
            message: RwSignal::new(None),
            status: RwSignal::new(None),
            share_link: RwSignal::new(String::new()),
            ui: RwSignal::new(browser_ui()),
            busy: RwSignal::new(None),
            wanted: RwSignal::new(None),
            edits: RwSignal::new(History::default()),
            meta: RwSignal::new(Metadata::default()),
            generation: StoredValue::new(0),
            urgent: StoredValue::new(false),
            wanted_selection: StoredValue::new(None),
            loading: StoredValue::new(false),
        }
    }

    /// Re-analyse after the editor has been quiet for a moment (at once after a paste or drop).
    pub fn schedule(self) {
        self.generation.update_value(|g| *g += 1);
        let mine = self.generation.get_value();
        let wait = if self.urgent.get_value() { Duration::ZERO } else { DEBOUNCE };
        self.urgent.set_value(false);
        set_timeout(
            move || {
                if self.generation.get_value() == mine {
                    self.analyze_now();
                }
            },
            wait,
        );
    }

    /// The edit under way is a paste or a drop, not typing.
    pub fn mark_urgent(self) {
        self.urgent.set_value(true);
    }

    pub fn analyze_now(self) {
        let text = self.text.get_untracked();
        if !self.date_touched.get_untracked() {
            if let Some(d) = crate::dateline_date(&text) {
                let d = crate::ymd(d);
                if d != self.date.get_untracked() {
                    self.date.set(d);
                }
            }
        }
        let date = Some(self.date.get_untracked()).filter(|d| crate::parse_date(d).is_ok());
        let lang_choice = self.lang.get_untracked();
        let unchanged = self.current.with_untracked(|c| c.text == text && c.date == date && c.lang_choice == lang_choice);
        if unchanged {
            // back to what is shown: an answer for other text must not replace it
            self.wanted.set(None);
            self.loading.set_value(false);
            if let Some(sel) = self.wanted_selection.try_update_value(Option::take).flatten()
                && self.current.with_untracked(|c| c.entity(&sel).is_some())
            {
                self.selected.set(Some(sel));
            }
            return;
        }
        self.wanted.set(Some(Request { text, date, lang_choice }));
    }

    /// Show a finished analysis (from the worker or the page).
    pub fn apply(self, current: Current) {
        let ops = self.edits.with_untracked(|h| h.ops().to_vec());
        // nothing to replay: the analysis as it came (a second filing and sort of a long
        // article's statements, and another copy of its analysis, would change nothing)
        let mut current = if ops.is_empty() { current } else { current.corrected(&ops) };
        // another article pasted over this one: none of its corrections (nor its details) belong
        // here. A document loaded with its corrections (link, library) keeps them all the same.
        let pasted = !self.loading.get_value();
        let replaced = pasted && !ops.is_empty() && current.marks.skipped.len() == ops.len() && self.current.with_untracked(|c| c.text != current.text);
        if replaced || current.text.trim().is_empty() {
            if !ops.is_empty() {
                self.edits.set(History::default());
                current = current.corrected(&[]);
            }
            if self.meta.with_untracked(|m| !m.is_empty()) {
                self.meta.set(Metadata::default());
            }
        }
        if let Some(sel) = self.wanted_selection.try_update_value(Option::take).flatten()
            && current.entity(&sel).is_some()
        {
            self.selected.set(Some(sel));
        }
        if let Some(sel) = self.selected.get_untracked() {
            if current.entity(&sel).is_none() {
                self.selected.set(None);
            }
        }
        if self.focus.get_untracked().is_some_and(|i| i >= current.analysis.statements.len()) {
            self.focus.set(None);
        }
        // a statement focused while its article was loading: bring it into view once drawn
        if self.loading.try_update_value(std::mem::take).unwrap_or(false)
            && let Some(i) = self.focus.get_untracked()
        {
            request_animation_frame(move || super::dom::scroll_to(&format!("#text [data-in-statement=\"{i}\"]")));
        }
        self.current.set(Arc::new(current));
    }

    /// Replace the whole document (link, import, file, library) and analyse at once.
    pub fn load(self, shared: Shared) {
        self.editing.set(shared.text.trim().is_empty());
        self.editor.set(shared.text.clone());
        self.text.set(shared.text);
        match shared.date {
            Some(d) => {
                self.date.set(d);
                self.date_touched.set(true);
            }
            None => self.date_touched.set(false),
        }
        self.lang.set(shared.lang);
        self.selected.set(None);
        self.focus.set(None);
        self.edits.set(History::new(shared.corrections));
        self.meta.set(shared.meta);
        if let Some(tab) = shared.view.as_deref().and_then(Tab::parse) {
            self.tab.set(tab);
        }
        // selected once the analysis is in (it may come later, from the worker)
        self.wanted_selection.set_value(shared.selected);
        self.loading.set_value(true);
        self.analyze_now();
    }

    /// What a share link or a library entry needs to restore this view.
    pub fn snapshot(self) -> Shared {
        let date = self.date.get_untracked();
        Shared {
            text: self.text.get_untracked(),
            date: Some(date).filter(|d| crate::parse_date(d).is_ok()),
            lang: self.lang.get_untracked(),
            view: Some(self.tab.get_untracked().as_str().to_string()),
            selected: self.selected.get_untracked(),
            meta: self.meta.get_untracked(),
            corrections: self.edits.with_untracked(|h| h.ops().to_vec()),
        }
    }

    /// Corrections that no longer apply to this analysis, for a message.
    pub fn skipped(self) -> Vec<Skipped> {
        self.current.with_untracked(|c| c.marks.skipped.clone())
    }

    pub fn toggle_entity(self, id: &str) {
        let now = self.selected.get_untracked();
        self.selected.set(if now.as_deref() == Some(id) { None } else { Some(id.to_string()) });
        self.focus.set(None);
    }

    pub fn error(self, msg: String) {
        self.message.set(Some(msg));
    }
}

/// Whether an entity is the selected one. Every chip, mark, pin and row asks; a `Selector`
/// wakes only the two whose answer changes when the selection moves, not all of them.
#[derive(Clone)]
pub struct Selection(Selector<Option<String>>);

impl Selection {
    pub fn new(store: Store) -> Selection {
        Selection::over(store.selected)
    }

    /// The same over another view's selection (the combined view has its own).
    pub fn over(selected: RwSignal<Option<String>>) -> Selection {
        Selection(Selector::new(move || selected.get()))
    }

    /// Tracked: call it inside a reactive closure.
    pub fn is(&self, id: &str) -> bool {
        self.0.selected(&Some(id.to_string()))
    }
}

/// Today's date in the browser's time zone, as YYYY-MM-DD.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

const UI_KEY: &str = "khabar.ui";

/// The interface language: the one chosen before on this browser, else the browser's own.
fn browser_ui() -> Ui {
    let stored = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).and_then(|s| s.get_item(UI_KEY).ok().flatten());
    match stored.as_deref() {
        Some("ar") => return Ui::Ar,
        Some("en") => return Ui::En,
        _ => {}
    }
    let lang = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if lang.to_ascii_lowercase().starts_with("ar") { Ui::Ar } else { Ui::En }
}

pub fn remember_ui(ui: Ui) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(UI_KEY, ui.code());
    }
}
