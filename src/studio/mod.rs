//! The whole app without web types: the editor (document, selection, view) and the run of
//! that document (a simulation session with its playback), with one pure reducer,
//! [`Studio::apply`], over both. The web app holds one `Studio` and only delegates to it, so
//! playback, scrubbing, picking scenarios and editing while paused are all tested natively.
//!
//! The wall clock only decides *when* things move: `Tick` says how many wall milliseconds
//! passed, which moves the display time along at the chosen speed and steps the session
//! through the events that time reaches. What happens is always the engine's decision.

pub mod author;
pub mod embed;
pub mod files;
pub mod intervene;
pub mod lesson;
pub mod log;
mod playback;
pub mod run;
pub mod saved;
pub mod sequence;
pub mod share;
pub mod stage;
pub mod text_view;

pub use intervene::{Menu, MenuTarget};
pub use log::{EntryKind, LogFilter};
pub use playback::{NORMAL_SPEED, SPEEDS};

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use crate::editor::shortcuts::KeyPress;
use crate::editor::state::Replacement;
use crate::editor::{Action, Document, EditorState, NodeId};
use crate::engine::SortedMap;
use crate::engine::{PublishId, SimTime};
use crate::formats::scenario::{Diagnostic, ScriptAction};
use crate::scene::geometry::{Rect, Size, Viewport};
use crate::sim::MessageKind;
use crate::studio::lesson::{LessonAction, LessonView, Progress};
use crate::studio::run::Run;

/// Runs kept for undo: an undone edit finds its old run here, at its old position.
const KEPT_RUNS: usize = 8;

/// What the canvas shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// What the user drew.
    MyTopology,
    /// A built-in scenario, by name.
    Builtin(String),
}

/// The panel under the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    #[default]
    Log,
    Sequence,
    Charts,
}

/// Something the user did, or the playback timer.
#[derive(Debug, Clone, PartialEq)]
pub enum StudioAction {
    Edit(Action),
    Pick(Pick),
    TogglePlay,
    Pause,
    Step,
    StepBack,
    Reset,
    /// Moves to a position (world steps from the start).
    Seek(u64),
    /// Moves to just after a trace entry (absolute index).
    SeekEntry(u64),
    SetSpeed(usize),
    /// Wall milliseconds passed while playing.
    Tick(f64),
    /// Computes the next slice of a run not yet complete ([`Studio::computing`]): the web app
    /// sends it between frames until the run is.
    ComputeSlice,
    Inspect(Option<PublishId>),
    /// Opens or closes a log line's explanation.
    ToggleExplanation(u64),
    Filter(LogFilter),
    ShowPanel(Panel),
    /// Puts back work kept by [`Studio::saved_work`] (after a reload).
    Restore(String),
    /// Opens a file (a scenario file or RabbitMQ definitions, as its bytes: the browser
    /// reads at most one byte more than `formats::MAX_FILE_BYTES`) onto the canvas.
    Open {
        name: String,
        bytes: Vec<u8>,
    },
    /// Clears the canvas for a new topology ("My topology"), as one undo step.
    New,
    /// Opens a share link's fragment in the play-only view.
    OpenShared(String),
    /// Leaves the play-only view: the shared scenario becomes editable.
    EditCopy,
    /// Reports a problem found outside the reducer (an export that cannot be written).
    Refuse(Diagnostic),
    /// Zooms and pans so every node, the run's own included, fits a canvas of this size
    /// (Fit to view).
    FitAll(Size),
    /// Zooms and pans as `FitAll` does, but never below the zoom where node names are
    /// readable; a drawing too big for that shows its start (a scenario just opened).
    FitReadable(Size),
    /// Does this to the run at the moment on screen: the run forks there (Undo takes it back).
    Intervene(ScriptAction),
    /// Opens the menu of interventions for what was pointed at, at this point of the page.
    OpenMenu(Menu),
    CloseMenu,
    /// Something done in a lesson.
    Lesson(LessonAction),
    /// Merges an exported progress file into the kept progress.
    ImportProgress(String),
    /// Offers the first lesson on a first visit (no kept work).
    Welcome,
    /// Enters or leaves Present.
    TogglePresent,
    /// Shows or hides the run as text (T), what a screen reader reads.
    ToggleTextView,
    /// Fits the drawing into the canvas for Present, names large enough for a room.
    FitPresent(Size),
    /// A command a host page sent the embedded player.
    Embed(embed::Command),
    /// A change to the lesson being made from the canvas.
    Author(author::AuthorAction),
}

/// What an opened file carries that the simulation keeps but does not act on.
#[derive(Debug, Clone, PartialEq)]
pub struct NotSimulated {
    /// The file's name.
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
pub struct Studio {
    pub editor: EditorState,
    pub pick: Pick,
    pub playing: bool,
    pub speed: usize,
    /// Where playback is in virtual time: at or after the session's clock and before its
    /// next event; tokens are drawn where they are at this time.
    pub display_time: f64,
    pub inspected: Option<PublishId>,
    /// The interventions menu, while it is open.
    pub menu: Option<Menu>,
    pub filter: LogFilter,
    pub explained: Option<u64>,
    /// The log line a click moved to (absolute entry index), until playback moves on.
    pub log_cursor: Option<u64>,
    pub panel: Panel,
    /// Why the document cannot run, or a file, link or kept work could not be opened.
    pub problems: Vec<Diagnostic>,
    /// What the file opened last carries that the simulation keeps (and exports) but does
    /// not act on, said once above the canvas until something else is shown.
    pub not_simulated: Option<NotSimulated>,
    /// The lesson being followed, if any.
    pub lesson: Option<LessonView>,
    /// Each lesson's progress, by name.
    pub progress: SortedMap<String, Progress>,
    /// The first-visit offer is shown.
    pub welcome: bool,
    /// The lesson list is open.
    pub lessons_open: bool,
    /// A built-in lesson asked for whose file is not here yet: the web app fetches it (the
    /// browser bundle carries no lesson texts) and hands it back as `LessonAction::Loaded`.
    pub lesson_fetch: Option<String>,
    /// A share link is shown: play only, until "Edit a copy".
    pub shared: bool,
    /// Present: the canvas and playback fill the window, drawn large (F toggles, Escape leaves).
    pub present: bool,
    /// The run as text is shown ([`text_view`]; T toggles).
    pub text_view: bool,
    /// A lesson being made from the canvas ("Make a lesson from this canvas").
    pub draft: Option<author::Draft>,
    // Invariant: when set, its document is `editor.doc` (the same Rc).
    run: Option<Rc<RefCell<Run>>>,
    // What was drawn under "My topology" while a built-in scenario is shown, so picking
    // "My topology" again brings it back.
    my_topology: Option<Rc<Document>>,
    // Where the last Step started, so Step back returns exactly there; any other move
    // forgets it.
    step_origin: Option<u64>,
    // Whether the canvas was dragged while Space was held (then releasing Space does not
    // toggle playing: it was a pan).
    space_panned: bool,
    kept: Vec<Rc<RefCell<Run>>>,
    // Invariant: grows with every applied action (the run changes in place, so views tell
    // states apart by this).
    revision: u64,
    // Invariant: grows with every applied action but the playback `Tick`, so views that do
    // not move with playback can skip its frames.
    quiet_revision: u64,
}

impl Default for Studio {
    fn default() -> Self {
        Studio {
            editor: EditorState::default(),
            pick: Pick::MyTopology,
            playing: false,
            speed: NORMAL_SPEED,
            display_time: 0.0,
            inspected: None,
            menu: None,
            filter: LogFilter::default(),
            explained: None,
            log_cursor: None,
            panel: Panel::default(),
            problems: Vec::new(),
            not_simulated: None,
            lesson: None,
            progress: SortedMap::new(),
            welcome: false,
            lessons_open: false,
            lesson_fetch: None,
            shared: false,
            present: false,
            text_view: false,
            draft: None,
            run: None,
            space_panned: false,
            step_origin: None,
            my_topology: None,
            kept: Vec::new(),
            revision: 0,
            quiet_revision: 0,
        }
    }
}

impl Studio {
    /// A studio showing a built-in scenario.
    pub fn with_builtin(name: &str) -> Studio {
        Studio::default().apply(StudioAction::Pick(Pick::Builtin(name.to_string())))
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Like [`Studio::revision`], but unchanged by playback ticks.
    pub fn quiet_revision(&self) -> u64 {
        self.quiet_revision
    }

    /// The current run, if the document runs.
    pub fn run(&self) -> Option<Ref<'_, Run>> {
        self.run.as_ref().map(|run| run.borrow())
    }

    /// Whether the current run is still being computed (in slices, between frames).
    pub fn computing(&self) -> bool {
        self.run().is_some_and(|run| !run.is_complete())
    }

    /// The current run, shared, for views that re-render only when it moves.
    pub fn run_ref(&self) -> Option<RunRef> {
        self.run.clone().map(RunRef)
    }

    /// The scenario's title and what to watch, for a built-in scenario.
    pub fn heading(&self) -> Option<(&str, &str)> {
        let settings = &self.editor.doc.settings;
        (self.pick != Pick::MyTopology && !settings.title.is_empty())
            .then_some((settings.title.as_str(), settings.watch.as_str()))
    }

    /// The event log's current line: the one a click moved to, else the newest entry.
    pub fn current_entry(&self) -> Option<u64> {
        let end = self.run()?.trace_end();
        self.log_cursor.filter(|idx| *idx < end).or(end.checked_sub(1))
    }

    pub fn apply(mut self, action: StudioAction) -> Studio {
        self.revision += 1;
        if !matches!(action, StudioAction::Tick(_) | StudioAction::ComputeSlice) {
            self.quiet_revision += 1;
        }
        if matches!(
            action,
            StudioAction::Step
                | StudioAction::StepBack
                | StudioAction::Reset
                | StudioAction::Seek(_)
                | StudioAction::Tick(_)
                | StudioAction::Pick(_)
                | StudioAction::Edit(_)
        ) {
            self.log_cursor = None;
        }
        if !matches!(action, StudioAction::StepBack | StudioAction::ComputeSlice) {
            self.step_origin = None;
        }
        // Pointer moves and the release of the click that opened the menu leave it open.
        if !matches!(
            action,
            StudioAction::OpenMenu(_)
                | StudioAction::Tick(_)
                | StudioAction::ComputeSlice
                | StudioAction::Edit(Action::Pointer(_))
        ) {
            self.menu = None;
        }
        match action {
            StudioAction::Edit(Action::Space(held)) => {
                let toggle = !held && self.editor.space_held && !self.space_panned;
                self.space_panned = false;
                self.editor = self.editor.apply(Action::Space(held));
                if toggle {
                    return self.apply(StudioAction::TogglePlay);
                }
            }
            StudioAction::Edit(action) => {
                if matches!(action, Action::Escape) {
                    self.present = false;
                    self.text_view = false;
                }
                // A click on a queue (or consumer) a lesson's question offers ticks it too: a
                // press on a node released where it was, or a node selected from the keyboard.
                let clicked = match (&action, &self.editor.gesture) {
                    (Action::Select(crate::editor::Item::Node(node)), _) => Some(*node),
                    (
                        Action::Pointer(input),
                        crate::editor::gesture::Gesture::Dragging { pointer, node, moved: false, .. },
                    ) if input.phase == crate::editor::gesture::Phase::Up && input.pointer == *pointer => Some(*node),
                    _ => None,
                };
                if let Some(choice) = clicked.and_then(|node| self.canvas_choice(node)) {
                    self = self.lesson_action(LessonAction::Choose(choice));
                }
                if matches!(action, Action::Pointer(_)) && self.editor.space_held {
                    self.space_panned = true;
                }
                if self.shared {
                    // Play only: selecting, zooming and panning work; changes are dropped.
                    let edited = self.editor.clone().apply(action);
                    if Rc::ptr_eq(&edited.doc, &self.editor.doc) {
                        self.editor = edited;
                    }
                    return self;
                }
                let before = self.editor.doc.clone();
                // Where to put the new run: at the same virtual time, unless this one has
                // not started (then the new one starts at its beginning too).
                let time = self.run().filter(|run| run.session.position() > 0).map(|run| run.session.now());
                self.editor = self.editor.apply(action);
                if !Rc::ptr_eq(&before, &self.editor.doc) {
                    self.playing = false;
                    self.rebuild(time);
                    self.lesson_edited();
                }
            }
            StudioAction::Pick(pick) => {
                let doc = match &pick {
                    Pick::MyTopology => None,
                    Pick::Builtin(name) => {
                        let doc = crate::scenarios::by_name(name).and_then(Result::ok).and_then(|scenario| {
                            let doc = Document::from_scenario(&scenario).ok()?;
                            let unsaved = doc.unsaved_positions(&scenario);
                            Some((doc, unsaved))
                        });
                        if doc.is_none() {
                            let known: Vec<&str> = crate::scenarios::names().collect();
                            self.problems = vec![Diagnostic::new(
                                "scenario",
                                crate::formats::Problem::NoBuiltinScenarioOf {
                                    name: name.clone(),
                                    names: known.iter().map(|name| name.to_string()).collect(),
                                },
                            )];
                            return self;
                        }
                        doc
                    }
                };
                // A built-in scenario replaces the canvas (one undo step); "My topology"
                // brings back what was drawn before.
                if self.pick == Pick::MyTopology && pick != Pick::MyTopology {
                    self.my_topology = Some(self.editor.doc.clone());
                }
                if let Some((doc, unsaved)) = doc {
                    self.replace_laid_out(doc, &unsaved);
                } else if self.pick != Pick::MyTopology {
                    let drawn = self.my_topology.take().unwrap_or_default();
                    self.editor = self.editor.apply(Action::Replace(Replacement(drawn)));
                }
                self.pick = pick;
                self.playing = false;
                self.inspected = None;
                self.filter = LogFilter::default();
                self.rebuild(None);
            }
            StudioAction::TogglePlay => self.toggle_play(),
            StudioAction::Pause => self.playing = false,
            StudioAction::Step => self.step(),
            StudioAction::StepBack => self.step_back(),
            StudioAction::Reset => {
                self.playing = false;
                self.seek(0);
            }
            StudioAction::Seek(position) => {
                self.playing = false;
                self.seek(position);
            }
            StudioAction::SeekEntry(idx) => self.seek_entry(idx),
            StudioAction::SetSpeed(speed) => self.speed = speed.min(SPEEDS.len() - 1),
            StudioAction::Tick(wall_ms) => self.tick(wall_ms),
            StudioAction::ComputeSlice => self.compute_slice(),
            StudioAction::Inspect(message) => self.inspected = message,
            StudioAction::Intervene(action) => {
                self.menu = None;
                self.intervene(action);
            }
            StudioAction::OpenMenu(menu) => {
                self.menu = (self.run.is_some() && !self.shared).then_some(menu);
            }
            StudioAction::CloseMenu => self.menu = None,
            StudioAction::Lesson(action) => return self.lesson_action(action),
            StudioAction::ImportProgress(text) => return self.import_progress(&text),
            StudioAction::Welcome => self.welcome = self.lesson.is_none(),
            StudioAction::Embed(command) => return self.command(command),
            StudioAction::Author(action) => return self.author(action),
            StudioAction::TogglePresent => self.present = !self.present,
            StudioAction::ToggleTextView => self.text_view = !self.text_view,
            StudioAction::FitPresent(canvas) => self.fit(canvas, Viewport::fit_presented),
            StudioAction::ToggleExplanation(idx) => {
                self.explained = if self.explained == Some(idx) { None } else { Some(idx) }
            }
            StudioAction::Filter(filter) => self.filter = filter,
            StudioAction::ShowPanel(panel) => self.panel = panel,
            StudioAction::Restore(text) => return self.restore(&text, "saved work"),
            StudioAction::Open { name, bytes } => return self.open(&name, &bytes),
            StudioAction::New => return self.start_new(),
            StudioAction::OpenShared(fragment) => return self.open_shared(&fragment),
            StudioAction::EditCopy => self.shared = false,
            StudioAction::Refuse(problem) => self.problems = vec![problem],
            StudioAction::FitAll(canvas) => self.fit(canvas, Viewport::fit),
            StudioAction::FitReadable(canvas) => self.fit(canvas, Viewport::fit_readable),
        }
        self
    }

    /// Zooms and pans, as `fit` computes it, so every node, the run's own included, shows in
    /// a canvas of this size.
    fn fit(&mut self, canvas: Size, fit: fn(Rect, Size) -> Viewport) {
        let drawn =
            crate::editor::view::build(&self.editor.doc, &Default::default(), None, &|_| String::new()).bounds();
        let declared = self.run().and_then(|run| run.places.values().map(|place| place.rect).reduce(Rect::union));
        let bounds = match (drawn, declared) {
            (Some(a), Some(b)) => Some(a.union(b)),
            (a, b) => a.or(b),
        };
        if let Some(bounds) = bounds
            && canvas.width > 0.0
        {
            // Room below the boxes for the state lines drawn under them.
            let bounds = Rect::new(bounds.origin(), Size::new(bounds.width, bounds.height + 36.0));
            self.editor.view = fit(bounds, canvas);
        }
    }

    /// Puts an opened document on the canvas (one undo step) as `pick`, and runs it.
    fn show(&mut self, doc: Document, pick: Pick, unsaved: &[NodeId]) {
        self.replace_laid_out(doc, unsaved);
        self.pick = pick;
        self.problems.clear();
        self.not_simulated = None;
        self.rebuild(None);
    }

    /// Puts `doc` on the canvas (one undo step), its `unsaved` nodes (those its file gave no
    /// position) moved to where the layout of the document and its run together puts them,
    /// so what the run declares is drawn in its role's column beside them. The layout reads
    /// the run's first steps ([`Run::start`]), which show what the run declares and who talks
    /// to whom, and so costs the same for a long run as for a short one. That run is kept for
    /// the next `rebuild`, which computes the rest of it in slices.
    fn replace_laid_out(&mut self, mut doc: Document, unsaved: &[NodeId]) {
        let mut run = None;
        if !unsaved.is_empty()
            && let Ok(laid_out) = Run::start(Rc::new(doc.clone()))
        {
            for (node, at) in laid_out.layout_with_run() {
                if unsaved.contains(&node) {
                    doc.set_position(node, at);
                }
            }
            run = Some(laid_out);
        }
        self.editor = std::mem::take(&mut self.editor).apply(Action::Replace(Replacement(Rc::new(doc))));
        if let Some(mut run) = run {
            run.redraw_on(self.editor.doc.clone());
            self.kept.push(Rc::new(RefCell::new(run)));
        }
    }

    /// Says why something from `source` (a file, kept work, a link) could not be opened,
    /// each problem's path prefixed by it; nothing else changes.
    fn refuse(&mut self, source: &str, problems: Vec<Diagnostic>) {
        self.problems = problems.into_iter().map(|problem| problem.within(source)).collect();
    }

    /// Makes the run match the document: the kept run of this very document (an undone
    /// edit), or a new one at the same virtual time (or its end, if it is shorter), forked
    /// from the run on screen when the two differ by one intervention.
    fn rebuild(&mut self, time: Option<SimTime>) {
        let doc = self.editor.doc.clone();
        // A drag changes only where nodes are drawn: keep the run, redraw it.
        if let Some(run) = &self.run
            && run.borrow().doc.runs_like(&doc)
        {
            run.borrow_mut().redraw_on(doc);
            return;
        }
        self.inspected = None;
        self.filter.place = None;
        let previous = self.run.take();
        if let Some(run) = &previous {
            self.kept.retain(|kept| !Rc::ptr_eq(kept, run));
            self.kept.push(run.clone());
            if self.kept.len() > KEPT_RUNS {
                self.kept.remove(0);
            }
        }
        self.problems.clear();
        let mut time = time;
        if let Some(kept) = self.kept.iter().position(|kept| Rc::ptr_eq(&kept.borrow().doc, &doc)) {
            let kept = self.kept.remove(kept);
            if !kept.borrow().is_hollow() {
                self.run = Some(kept);
                self.sync_display();
                return;
            }
            // A fork took this run's trace: fork back, to the moment it was left at.
            time = Some(kept.borrow().session.world().now());
        }
        if !doc.nodes().is_empty() {
            // An intervention added or taken out forks the run on screen (which stays kept,
            // hollow, for the moment it shows); other edits (the topology, actors, seed:
            // inputs from time 0) compute the run from its start.
            let forked = previous.as_ref().and_then(|run| run.borrow_mut().fork(doc.clone()));
            // Computed in slices from here (`StudioAction::ComputeSlice`).
            match forked.map_or_else(|| Run::start(doc), Ok) {
                Ok(mut run) => {
                    if let Some(time) = time {
                        run.compute_past(time);
                        let position = run.position_at(time);
                        run.jump(position);
                        self.display_time = time.min(run.session.world().next_time().unwrap_or(time)) as f64;
                        self.run = Some(Rc::new(RefCell::new(run)));
                        return;
                    }
                    self.run = Some(Rc::new(RefCell::new(run)));
                }
                Err(problems) => self.problems = problems,
            }
        }
        self.sync_display();
    }
}

/// The action a key press stands for: playback keys (Home resets; Left and Right step
/// when no node is selected, since with a selection they move it), else the editor's.
pub fn action_for(press: KeyPress<'_>, nothing_selected: bool) -> Option<StudioAction> {
    if !press.in_field && !press.command {
        match press.key {
            "Home" => return Some(StudioAction::Reset),
            "ArrowRight" if nothing_selected => return Some(StudioAction::Step),
            "ArrowLeft" if nothing_selected => return Some(StudioAction::StepBack),
            "f" | "F" => return Some(StudioAction::TogglePresent),
            "t" | "T" => return Some(StudioAction::ToggleTextView),
            _ => {}
        }
    }
    crate::editor::shortcuts::action_for(press).map(StudioAction::Edit)
}

/// A shared run; equal when it is the very same run.
#[derive(Debug, Clone)]
pub struct RunRef(pub Rc<RefCell<Run>>);

impl PartialEq for RunRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The kinds of message the legend names, in its order.
pub const LEGEND: [MessageKind; 9] = [
    MessageKind::Plain,
    MessageKind::Call,
    MessageKind::Reply,
    MessageKind::Cast,
    MessageKind::FanoutCast,
    MessageKind::Notification,
    MessageKind::DeadLettered,
    MessageKind::Returned,
    MessageKind::Settle,
];

#[cfg(test)]
mod tests;
