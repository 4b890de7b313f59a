//! Words for the `?` overlay: every keyboard shortcut and gesture, keys then what they do.

use crate::explain::lang::Lang;

/// Every shortcut and gesture the `?` overlay lists: the keys, then what they do.
pub fn shortcuts(lang: Lang) -> Vec<(String, String)> {
    let words = lang.words();
    vec![
        (words.keys_space(), words.does_space()),
        (words.keys_arrows(), words.does_arrows()),
        (words.keys_home(), words.does_home()),
        (words.keys_present(), words.does_present()),
        (words.keys_run_text(), words.does_run_text()),
        (words.keys_palette(), words.does_palette()),
        (words.keys_port(), words.does_port()),
        (words.keys_shift(), words.does_shift()),
        (words.keys_pan(), words.does_pan()),
        (words.keys_zoom(), words.does_zoom()),
        (words.keys_nudge(), words.does_nudge()),
        (words.keys_delete(), words.does_delete()),
        (words.keys_copy(), words.does_copy()),
        (words.keys_undo(), words.does_undo()),
        (words.keys_redo(), words.does_redo()),
        (words.keys_all(), words.does_all()),
        (words.keys_enter(), words.does_enter()),
        (words.keys_escape(), words.does_escape()),
        (words.keys_help(), words.does_help()),
    ]
}
