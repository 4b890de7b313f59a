//! Words for the inspector's fields: each field's label, which is also its accessible name
//! (the English ones are what the end-to-end tests find), and the hint under some.

use crate::editor::fields::Field;
use crate::explain::lang::Lang;

/// A field's label.
pub fn field_label(lang: Lang, field: Field) -> String {
    let words = lang.words();
    match field {
        Field::Name => words.field_name(),
        Field::ExchangeType => words.field_exchange_type(),
        Field::AlternateExchange => words.field_alternate_exchange(),
        Field::Internal => words.field_internal(),
        Field::MaxLength => words.field_max_length(),
        Field::MaxLengthBytes => words.field_max_length_bytes(),
        Field::Overflow => words.field_overflow(),
        Field::MessageTtl => words.field_message_ttl(),
        Field::Expires => words.field_expires(),
        Field::DeadLetterExchange => words.field_dead_letter_exchange(),
        Field::DeadLetterRoutingKey => words.field_dead_letter_routing_key(),
        Field::MaxPriority => words.field_max_priority(),
        Field::Exclusive => words.field_exclusive(),
        Field::AutoDelete => words.field_auto_delete(),
        Field::SingleActiveConsumer => words.field_single_active_consumer(),
        Field::BindingKey => words.field_binding_key(),
        Field::XMatch => words.field_x_match(),
        Field::BindingHeaders => words.field_binding_headers(),
        Field::RoutingKey => words.field_routing_key(),
        Field::Headers => words.field_headers(),
        Field::Body => words.field_body(),
        Field::MessageId => words.field_message_id(),
        Field::Count => words.field_count(),
        Field::IntervalMs => words.field_interval(),
        Field::Mandatory => words.field_mandatory(),
        Field::Priority => words.field_priority(),
        Field::Prefetch => words.field_prefetch(),
        Field::ProcessingKind => words.field_processing_kind(),
        Field::ProcessingMs => words.field_processing_ms(),
        Field::Settle => words.field_settle(),
        Field::AutoAck => words.field_auto_ack(),
        Field::Topic => words.field_topic(),
        Field::Server => words.field_server(),
        Field::Pool => words.field_pool(),
        Field::ControlExchange => words.field_control_exchange(),
    }
}

/// The hint under a field, if it has one.
pub fn field_hint(lang: Lang, field: Field) -> Option<String> {
    let words = lang.words();
    Some(match field {
        Field::RoutingKey => words.hint_routing_key(),
        Field::Headers | Field::BindingHeaders => words.hint_headers(),
        Field::Prefetch => words.hint_prefetch(),
        Field::ProcessingMs => words.hint_processing(),
        Field::MessageTtl | Field::Expires | Field::MaxLength | Field::MaxLengthBytes | Field::MaxPriority => {
            words.hint_no_limit()
        }
        Field::MessageId => words.hint_message_id(),
        _ => return None,
    })
}

/// A radio field's choice as its button says it: AMQP's own words (`direct`, `ack`, `all`)
/// stay as they are.
pub fn choice_label(lang: Lang, value: &str) -> String {
    let words = lang.words();
    match value {
        "drop-head" => words.choice_drop_head(),
        "reject-publish" => words.choice_reject_publish(),
        "reject-publish-dlx" => words.choice_reject_publish_dlx(),
        "all-with-x" => words.choice_all_with_x(),
        "any-with-x" => words.choice_any_with_x(),
        "fixed" => words.choice_fixed(),
        "uniform" => words.choice_uniform(),
        "exponential" => words.choice_exponential(),
        "nack_requeue" => words.choice_nack_requeue(),
        "nack_discard" => words.choice_nack_discard(),
        "reject_requeue" => words.choice_reject_requeue(),
        code_word => code_word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::fields::Shape;

    /// Every choice reads in both languages; the words that are not AMQP's own are said in
    /// Chinese.
    #[test]
    fn every_choice_is_said_in_both_languages() {
        let fields = [Field::ExchangeType, Field::Overflow, Field::XMatch, Field::ProcessingKind, Field::Settle];
        for field in fields {
            let Shape::Choice(choices) = field.shape() else { panic!("{field:?} is a choice") };
            for value in choices {
                let (english, chinese) = (choice_label(Lang::En, value), choice_label(Lang::ZhCn, value));
                assert!(!english.is_empty() && !chinese.is_empty(), "{value}");
                let code_word = ["direct", "fanout", "topic", "headers", "all", "any", "ack", "reject"].contains(value);
                assert_eq!(code_word, english == chinese, "{value}: {english} / {chinese}");
            }
        }
    }
}
