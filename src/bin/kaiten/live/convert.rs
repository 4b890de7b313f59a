//! Conversion between Kaiten's values and AMQP's, for `kaiten verify`: field tables both
//! ways (lapin's `AMQPValue` and Kaiten's `FieldValue`), a delivery as the `MessageRecord`
//! the simulation records, and a broker's reply text as the simulation words it.

use lapin::message::Delivery;
use lapin::types::{AMQPValue, FieldArray, FieldTable as AmqpTable, ShortString};

use kaiten::engine::value::{FieldTable, FieldValue};
use kaiten::formats::script::MessageRecord;

/// A broker's reply text as the simulation words it, so the two can be compared: without
/// the reply-code name (`NOT_FOUND - `), with the temporary vhost shown as `/`, and with
/// the line breaks Erlang's `~p` puts into long terms taken out.
pub(super) fn simulated_text(text: &str, vhost: &str) -> String {
    let text = text.split_once(" - ").map_or(text, |(_, rest)| rest);
    let mut unwrapped = String::new();
    let mut lines = text.split('\n');
    unwrapped.push_str(lines.next().unwrap_or_default());
    for line in lines {
        unwrapped.push_str(line.trim_start());
    }
    unwrapped.replace(&format!("in vhost '{vhost}'"), "in vhost '/'")
}

pub(super) fn message_record(delivery: &Delivery) -> MessageRecord {
    let message_id = delivery.properties.message_id().as_ref().map(|id| id.to_string());
    let headers: FieldTable = delivery
        .properties
        .headers()
        .as_ref()
        .map(|headers| headers.inner().iter().map(|(name, value)| (name.to_string(), field_value(value))).collect())
        .unwrap_or_default();
    let delivery_count = delivery
        .properties
        .headers()
        .as_ref()
        .and_then(|headers| headers.inner().get("x-delivery-count"))
        .map(field_value)
        .and_then(|count| count.as_int())
        .and_then(|count| u64::try_from(count).ok());
    MessageRecord { delivery_count, ..MessageRecord::from_headers(message_id, delivery.redelivered, &headers) }
}

pub(super) fn amqp_table(table: &FieldTable) -> AmqpTable {
    let mut out = AmqpTable::default();
    for (name, value) in table {
        out.insert(ShortString::from(name.as_str()), amqp_value(value));
    }
    out
}

fn amqp_value(value: &FieldValue) -> AMQPValue {
    match value {
        FieldValue::Void => AMQPValue::Void,
        FieldValue::Bool(flag) => AMQPValue::Boolean(*flag),
        FieldValue::Int(number) => AMQPValue::LongLongInt(*number),
        FieldValue::Float(number) => AMQPValue::Double(*number),
        FieldValue::Str(text) => AMQPValue::LongString(text.as_str().into()),
        FieldValue::Array(items) => {
            AMQPValue::FieldArray(FieldArray::from(items.iter().map(amqp_value).collect::<Vec<_>>()))
        }
        FieldValue::Table(table) => AMQPValue::FieldTable(amqp_table(table)),
    }
}

fn field_value(value: &AMQPValue) -> FieldValue {
    match value {
        AMQPValue::Void => FieldValue::Void,
        AMQPValue::Boolean(flag) => FieldValue::Bool(*flag),
        AMQPValue::ShortShortInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::ShortShortUInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::ShortInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::ShortUInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::LongInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::LongUInt(number) => FieldValue::Int(i64::from(*number)),
        AMQPValue::LongLongInt(number) => FieldValue::Int(*number),
        AMQPValue::Timestamp(number) => FieldValue::Int(*number as i64),
        AMQPValue::Float(number) => FieldValue::Float(f64::from(*number)),
        AMQPValue::Double(number) => FieldValue::Float(*number),
        AMQPValue::DecimalValue(decimal) => {
            FieldValue::Float(f64::from(decimal.value) / 10f64.powi(i32::from(decimal.scale)))
        }
        AMQPValue::ShortString(text) => FieldValue::Str(text.to_string()),
        AMQPValue::LongString(text) => FieldValue::Str(String::from_utf8_lossy(text.as_bytes()).into_owned()),
        AMQPValue::ByteArray(bytes) => FieldValue::Str(String::from_utf8_lossy(bytes.as_slice()).into_owned()),
        AMQPValue::FieldArray(items) => FieldValue::Array(items.as_slice().iter().map(field_value).collect()),
        AMQPValue::FieldTable(table) => FieldValue::Table(
            table.inner().iter().map(|(name, value)| (name.to_string(), field_value(value))).collect(),
        ),
    }
}
