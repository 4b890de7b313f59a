//! Share links: the whole scenario, compressed (deflate, then URL-safe base64), in the
//! address's fragment, so nothing goes to a server. A link opens in a play-only view until
//! "Edit a copy"; a link to a step opens at that step. A truncated or forged link is
//! reported and changes nothing.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::formats::MAX_FILE_BYTES;
use crate::formats::Problem;
use crate::formats::scenario::Diagnostic;
use crate::studio::Studio;

/// What a share fragment starts with (the format's version is in the name).
pub const SHARE_PREFIX: &str = "#k1=";

impl Studio {
    /// The fragment of a link to this scenario, at its start or (`at_step`) at the current step.
    pub fn share_fragment(&self, at_step: bool) -> String {
        let mut work: serde_json::Value =
            serde_json::from_str(&self.work_text(at_step, false)).expect("saved work is JSON");
        // A link is read by others: imported users travel without their password hashes.
        let users = work.pointer_mut("/scenario/definitions/users").and_then(serde_json::Value::as_array_mut);
        for user in users.into_iter().flatten().filter_map(serde_json::Value::as_object_mut) {
            if user.contains_key("password_hash") {
                user.insert("password_hash".into(), serde_json::Value::String(String::new()));
            }
        }
        let text = work.to_string();
        let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
        format!("{SHARE_PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
    }

    /// Opens a share fragment in the play-only view; a bad one changes nothing.
    pub(crate) fn open_shared(self, fragment: &str) -> Studio {
        match unpacked(fragment) {
            Ok(text) => {
                let before = self.editor.doc.clone();
                let mut studio = self.restore(&text, "share link");
                // Play only when the link's scenario opened (it may still say why it cannot run).
                // A link to a lesson opens the lesson, which the learner edits.
                studio.shared = !std::rc::Rc::ptr_eq(&before, &studio.editor.doc) && studio.lesson.is_none();
                studio
            }
            Err(problem) => {
                let mut studio = self;
                studio.problems = vec![problem];
                studio
            }
        }
    }
}

fn unpacked(fragment: &str) -> Result<String, Diagnostic> {
    let broken = |problem: Problem| Diagnostic::new("share link", problem);
    let data = fragment.strip_prefix(SHARE_PREFIX).ok_or_else(|| broken(Problem::NotAShareLink))?;
    if data.len() > MAX_FILE_BYTES {
        return Err(broken(Problem::ShareLinkTooLong));
    }
    let packed = URL_SAFE_NO_PAD.decode(data.trim()).map_err(|_| broken(Problem::ShareLinkNotBase64))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_FILE_BYTES)
        .map_err(|_| broken(Problem::ShareLinkCut))?;
    String::from_utf8(bytes).map_err(|_| broken(Problem::ShareLinkNotText))
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::editor::Action;
    use crate::studio::{Pick, StudioAction};

    #[test]
    fn a_link_carries_imported_users_without_their_password_hashes() {
        let definitions = r#"{"users": [{"name": "alice", "password_hash": "kI3GCqW5JLMJa4iX", "tags": []}],
            "queues": [{"name": "q", "vhost": "/", "durable": true}]}"#;
        let studio =
            Studio::default().apply(StudioAction::Open { name: "defs.json".into(), bytes: definitions.into() });
        assert!(studio.problems.is_empty(), "{:?}", studio.problems);
        let link = studio.share_fragment(false);
        let text = unpacked(&link).unwrap();
        assert!(text.contains("alice") && !text.contains("kI3GCqW5JLMJa4iX"), "{text}");
    }

    #[test]
    fn a_link_to_a_step_opens_the_same_scenario_at_that_step_play_only() {
        let mut studio = Studio::with_builtin("rpc-call");
        for _ in 0..9 {
            studio = studio.apply(StudioAction::Step);
        }
        let link = studio.share_fragment(true);
        assert!(link.starts_with(SHARE_PREFIX) && link.len() < 4000, "{} bytes", link.len());
        let opened = Studio::default().apply(StudioAction::OpenShared(link));
        assert!(opened.shared);
        assert_eq!(opened.pick, Pick::Builtin("rpc-call".into()));
        assert_eq!(opened.run().unwrap().session.position(), studio.run().unwrap().session.position());
        let from_start = Studio::default().apply(StudioAction::OpenShared(studio.share_fragment(false)));
        assert_eq!(from_start.run().unwrap().session.position(), 0);
    }

    #[test]
    fn the_play_only_view_refuses_edits_until_edit_a_copy() {
        let studio =
            Studio::default().apply(StudioAction::OpenShared(Studio::with_builtin("topics").share_fragment(false)));
        let doc = studio.editor.doc.clone();
        let studio = studio.apply(StudioAction::Edit(Action::SelectAll)).apply(StudioAction::Edit(Action::Delete));
        assert!(Rc::ptr_eq(&doc, &studio.editor.doc), "nothing deleted");
        let studio = studio.apply(StudioAction::EditCopy).apply(StudioAction::Edit(Action::Delete));
        assert!(!studio.shared);
        assert!(studio.editor.doc.nodes().is_empty());
    }

    #[test]
    fn truncated_or_forged_links_change_nothing_and_say_why() {
        let good = Studio::with_builtin("topics").share_fragment(false);
        let cases = [
            good[..good.len() / 2].to_string(),
            format!("{SHARE_PREFIX}!!!"),
            format!("{SHARE_PREFIX}{}", URL_SAFE_NO_PAD.encode(b"not deflate")),
            format!(
                "{SHARE_PREFIX}{}",
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"{\"kaiten_saved\": 1}", 6))
            ),
            // Found by fuzzing: cut text inside a whole link was called "saved work".
            format!(
                "{SHARE_PREFIX}{}",
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"{\"kaiten_saved\": 1, \"scen", 6))
            ),
            "#other".to_string(),
        ];
        for link in cases {
            let studio = Studio::with_builtin("rpc-call");
            let doc = studio.editor.doc.clone();
            let after = studio.apply(StudioAction::OpenShared(link.clone()));
            assert!(Rc::ptr_eq(&doc, &after.editor.doc), "{link}");
            assert!(!after.shared);
            assert!(!after.problems.is_empty(), "{link}");
            assert!(
                after.problems.iter().all(|problem| problem.path.starts_with("share link")),
                "{:?}",
                after.problems
            );
        }
    }
}
