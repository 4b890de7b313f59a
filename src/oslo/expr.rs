//! Expressions of a scripted RPC method's arguments (`a + b`, `msg * 2`, `"id-" + name`),
//! evaluated with Python's semantics so that results and errors are what a real endpoint
//! would give: `int + int` stays an integer, `/` always gives a float, `str + int` raises
//! `TypeError`, division by zero raises `ZeroDivisionError`.
//!
//! The language is small on purpose: literals (numbers, strings, `True`/`False`/`None`,
//! JSON's `true`/`false`/`null`), argument names, `+ - * / // %`, unary minus and
//! parentheses.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Number, Value};

use crate::oslo::python::json_dumps;

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
            Op::FloorDiv => "//",
            Op::Mod => "%",
        }
    }

    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div | Op::FloorDiv | Op::Mod => 2,
        }
    }
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Literal(Value),
    Arg(String),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
}

/// A Python exception raised while evaluating: its builtin class name and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyError {
    pub class: &'static str,
    pub message: String,
}

/// The most bytes a value built by an expression (a repetition or a concatenation) may
/// take, counted as its JSON text: a simulated endpoint that asks for more fails with
/// Python's `MemoryError`, the same on every target.
pub const MAX_VALUE_BYTES: u64 = 1 << 20;

/// The longest expression text, in bytes.
pub const MAX_EXPRESSION_BYTES: usize = 10_000;

/// The most tokens (numbers, strings, names, operators, parentheses) in an expression.
pub const MAX_TOKENS: usize = 1_000;

/// How deeply parentheses and unary minus signs may nest.
pub const MAX_NESTING: usize = 64;

fn memory_error() -> PyError {
    PyError { class: "MemoryError", message: String::new() }
}

/// The size of a value as JSON text, in bytes, counted without building the text and
/// saturating at `u64::MAX`.
pub fn json_size(value: &Value) -> u64 {
    match value {
        Value::Null | Value::Bool(_) => 5,
        Value::Number(number) => number.to_string().len() as u64,
        Value::String(text) => text.len() as u64 + 2,
        Value::Array(items) => {
            items.iter().fold(2 + items.len() as u64, |total, item| total.saturating_add(json_size(item)))
        }
        Value::Object(members) => members.iter().fold(2 + members.len() as u64 * 2, |total, (key, member)| {
            total.saturating_add(key.len() as u64 + 2).saturating_add(json_size(member))
        }),
    }
}

/// How many times to repeat a sequence whose JSON text takes `bytes`, as Python's
/// `seq * n` (negative counts give an empty result), checked in `u64` so native and wasm
/// agree: the result may not take more than `MAX_VALUE_BYTES`.
fn repetitions(bytes: u64, count: Option<i64>) -> Result<usize, PyError> {
    let times = u64::try_from(count.unwrap_or(0)).unwrap_or(0);
    if bytes.saturating_mul(times) > MAX_VALUE_BYTES {
        return Err(memory_error());
    }
    Ok(times as usize)
}

/// Refuses a concatenation whose result would take more than `MAX_VALUE_BYTES`.
fn check_concatenation(left: &Value, right: &Value) -> Result<(), PyError> {
    if json_size(left).saturating_add(json_size(right)) > MAX_VALUE_BYTES {
        return Err(memory_error());
    }
    Ok(())
}

fn type_error(message: String) -> PyError {
    PyError { class: "TypeError", message }
}

/// Python's name for a JSON value's type.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(number) if number.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// A number as Python sees it: booleans are integers.
#[derive(Debug, Clone, Copy)]
enum Num {
    Int(i64),
    Float(f64),
}

fn as_num(value: &Value) -> Option<Num> {
    match value {
        Value::Bool(flag) => Some(Num::Int(i64::from(*flag))),
        Value::Number(number) => match number.as_i64() {
            Some(int) => Some(Num::Int(int)),
            None => number.as_f64().map(Num::Float),
        },
        _ => None,
    }
}

/// A Python float literal (`1.5`, `.5`, `1.`, `2e-3`), read by serde_json's number reader:
/// `str::parse::<f64>` would carry core's 10 KB table of powers of five into the browser
/// bundle. JSON wants a digit on each side of the point, so the missing `0` is written in.
fn python_float(literal: &str) -> Option<f64> {
    // JSON also refuses leading zeros (`00.5`), which Python reads.
    let digits = literal.trim_start_matches('0');
    let literal = match digits.starts_with(|c: char| c.is_ascii_digit()) || digits.len() == literal.len() {
        true => digits,
        false => &literal[literal.len() - digits.len() - 1..],
    };
    let mut json = String::with_capacity(literal.len() + 2);
    let mut previous = None;
    for c in literal.chars() {
        let after_point = previous == Some('.') && !c.is_ascii_digit();
        if after_point || (c == '.' && !previous.is_some_and(|p: char| p.is_ascii_digit())) {
            json.push('0');
        }
        json.push(c);
        previous = Some(c);
    }
    if previous == Some('.') {
        json.push('0');
    }
    serde_json::from_str(&json).ok()
}

fn float_value(number: f64) -> Result<Value, PyError> {
    Number::from_f64(number)
        .map(Value::Number)
        .ok_or_else(|| PyError { class: "OverflowError", message: "the result is not a finite number".into() })
}

fn int_value(number: Option<i64>) -> Result<Value, PyError> {
    number
        .map(Value::from)
        .ok_or_else(|| PyError { class: "OverflowError", message: "integer result too large for Kaiten".into() })
}

fn arithmetic(op: Op, left: Num, right: Num) -> Result<Value, PyError> {
    let zero = |message: &str| PyError { class: "ZeroDivisionError", message: message.into() };
    match (left, right) {
        (Num::Int(a), Num::Int(b)) => match op {
            Op::Add => int_value(a.checked_add(b)),
            Op::Sub => int_value(a.checked_sub(b)),
            Op::Mul => int_value(a.checked_mul(b)),
            Op::Div if b == 0 => Err(zero("division by zero")),
            Op::Div => float_value(a as f64 / b as f64),
            Op::FloorDiv if b == 0 => Err(zero("integer division or modulo by zero")),
            // Python floors toward negative infinity.
            Op::FloorDiv => {
                int_value(a.checked_div(b).map(|q| if a % b != 0 && ((a < 0) != (b < 0)) { q - 1 } else { q }))
            }
            Op::Mod if b == 0 => Err(zero("integer modulo by zero")),
            Op::Mod => int_value(a.checked_rem(b).map(|r| if r != 0 && (r < 0) != (b < 0) { r + b } else { r })),
        },
        (left, right) => {
            let a = match left {
                Num::Int(int) => int as f64,
                Num::Float(float) => float,
            };
            let b = match right {
                Num::Int(int) => int as f64,
                Num::Float(float) => float,
            };
            match op {
                Op::Add => float_value(a + b),
                Op::Sub => float_value(a - b),
                Op::Mul => float_value(a * b),
                Op::Div if b == 0.0 => Err(zero("float division by zero")),
                Op::Div => float_value(a / b),
                Op::FloorDiv if b == 0.0 => Err(zero("float floor division by zero")),
                Op::FloorDiv => float_value((a / b).floor()),
                Op::Mod if b == 0.0 => Err(zero("float modulo by zero")),
                Op::Mod => float_value(a - b * (a / b).floor()),
            }
        }
    }
}

fn apply(op: Op, left: Value, right: Value) -> Result<Value, PyError> {
    if let (Some(a), Some(b)) = (as_num(&left), as_num(&right)) {
        return arithmetic(op, a, b);
    }
    match (op, &left, &right) {
        (Op::Add, Value::String(a), Value::String(b)) => {
            check_concatenation(&left, &right)?;
            Ok(Value::String(format!("{a}{b}")))
        }
        (Op::Add, Value::Array(a), Value::Array(b)) => {
            check_concatenation(&left, &right)?;
            Ok(Value::Array(a.iter().chain(b).cloned().collect()))
        }
        (Op::Add, Value::String(_), other) => {
            Err(type_error(format!("can only concatenate str (not \"{}\") to str", type_name(other))))
        }
        (Op::Add, Value::Array(_), other) => {
            Err(type_error(format!("can only concatenate list (not \"{}\") to list", type_name(other))))
        }
        (Op::Mul, Value::String(text), count) | (Op::Mul, count, Value::String(text)) if as_int(count).is_some() => {
            let times = repetitions(text.len() as u64, as_int(count))?;
            Ok(Value::String(text.repeat(times)))
        }
        (Op::Mul, Value::Array(items), count) | (Op::Mul, count, Value::Array(items)) if as_int(count).is_some() => {
            let times = repetitions(json_size(&Value::Array(items.clone())), as_int(count))?;
            Ok(Value::Array(items.iter().cloned().cycle().take(items.len() * times).collect()))
        }
        _ => Err(type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            type_name(&left),
            type_name(&right)
        ))),
    }
}

fn as_int(value: &Value) -> Option<i64> {
    match as_num(value) {
        Some(Num::Int(int)) => Some(int),
        _ => None,
    }
}

impl Expr {
    /// Evaluates with the call's arguments bound by name.
    pub fn eval(&self, args: &serde_json::Map<String, Value>) -> Result<Value, PyError> {
        match self {
            Expr::Literal(value) => Ok(value.clone()),
            Expr::Arg(name) => args
                .get(name)
                .cloned()
                .ok_or_else(|| PyError { class: "NameError", message: format!("name '{name}' is not defined") }),
            Expr::Neg(inner) => {
                let value = inner.eval(args)?;
                match as_num(&value) {
                    Some(Num::Int(int)) => int_value(int.checked_neg()),
                    Some(Num::Float(float)) => float_value(-float),
                    None => Err(type_error(format!("bad operand type for unary -: '{}'", type_name(&value)))),
                }
            }
            Expr::Binary(op, left, right) => apply(*op, left.eval(args)?, right.eval(args)?),
        }
    }

    /// The argument names the expression reads, in first-use order.
    pub fn arg_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        self.collect_names(&mut names);
        names
    }

    fn collect_names(&self, names: &mut Vec<String>) {
        match self {
            Expr::Literal(_) => {}
            Expr::Arg(name) => {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
            Expr::Neg(inner) => inner.collect_names(names),
            Expr::Binary(_, left, right) => {
                left.collect_names(names);
                right.collect_names(names);
            }
        }
    }

    /// Parses an expression; the error says where it went wrong. An expression longer than
    /// `MAX_EXPRESSION_BYTES` or `MAX_TOKENS`, or nested deeper than `MAX_NESTING`, is
    /// refused, so evaluating, printing and dropping it never recurse deeply.
    pub fn parse(text: &str) -> Result<Expr, String> {
        if text.len() > MAX_EXPRESSION_BYTES {
            return Err(format!(
                "the expression is {} bytes long; at most {MAX_EXPRESSION_BYTES} are allowed",
                text.len()
            ));
        }
        let tokens = tokenize(text)?;
        if tokens.len() > MAX_TOKENS {
            return Err(format!(
                "the expression has {} parts (numbers, strings, names, operators, parentheses); at most {MAX_TOKENS} are allowed",
                tokens.len()
            ));
        }
        let mut parser = Parser { tokens, position: 0, depth: 0 };
        let expr = parser.expression(0)?;
        if parser.position < parser.tokens.len() {
            return Err(format!("unexpected {:?} in expression '{text}'", parser.tokens[parser.position]));
        }
        Ok(expr)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Literal(Value::Null) => write!(formatter, "None"),
            Expr::Literal(Value::Bool(true)) => write!(formatter, "True"),
            Expr::Literal(Value::Bool(false)) => write!(formatter, "False"),
            Expr::Literal(value) => write!(formatter, "{}", json_dumps(value)),
            Expr::Arg(name) => write!(formatter, "{name}"),
            Expr::Neg(inner) => match **inner {
                Expr::Binary(..) => write!(formatter, "-({inner})"),
                _ => write!(formatter, "-{inner}"),
            },
            Expr::Binary(op, left, right) => {
                let wrap = |side: &Expr, strict: bool| match side {
                    Expr::Binary(inner, ..)
                        if inner.precedence() < op.precedence()
                            || (strict && inner.precedence() == op.precedence()) =>
                    {
                        format!("({side})")
                    }
                    _ => side.to_string(),
                };
                write!(formatter, "{} {} {}", wrap(left, false), op.symbol(), wrap(right, true))
            }
        }
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Expr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Expr::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Value(Value),
    Name(String),
    Op(Op),
    Minus,
    Open,
    Close,
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let character = chars[index];
        match character {
            ' ' | '\t' | '\n' => index += 1,
            '(' => {
                tokens.push(Token::Open);
                index += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                index += 1;
            }
            '+' | '*' | '%' => {
                tokens.push(Token::Op(match character {
                    '+' => Op::Add,
                    '*' => Op::Mul,
                    _ => Op::Mod,
                }));
                index += 1;
            }
            '-' => {
                tokens.push(Token::Minus);
                index += 1;
            }
            '/' => {
                if chars.get(index + 1) == Some(&'/') {
                    tokens.push(Token::Op(Op::FloorDiv));
                    index += 2;
                } else {
                    tokens.push(Token::Op(Op::Div));
                    index += 1;
                }
            }
            '"' | '\'' => {
                let mut value = String::new();
                index += 1;
                loop {
                    match chars.get(index) {
                        None => return Err(format!("unterminated string in expression '{text}'")),
                        Some(c) if *c == character => break,
                        Some('\\') => {
                            let escaped = chars
                                .get(index + 1)
                                .ok_or_else(|| format!("unterminated string in expression '{text}'"))?;
                            value.push(match escaped {
                                'n' => '\n',
                                't' => '\t',
                                other => *other,
                            });
                            index += 2;
                            continue;
                        }
                        Some(c) => value.push(*c),
                    }
                    index += 1;
                }
                index += 1;
                tokens.push(Token::Value(Value::String(value)));
            }
            c if c.is_ascii_digit() || (c == '.' && chars.get(index + 1).is_some_and(char::is_ascii_digit)) => {
                let start = index;
                while index < chars.len()
                    && (chars[index].is_ascii_alphanumeric()
                        || chars[index] == '.'
                        || ((chars[index] == '+' || chars[index] == '-') && matches!(chars[index - 1], 'e' | 'E')))
                {
                    index += 1;
                }
                let literal: String = chars[start..index].iter().collect();
                let value = if literal.contains(['.', 'e', 'E']) {
                    python_float(&literal).and_then(Number::from_f64).map(Value::Number)
                } else {
                    literal.parse::<i64>().ok().map(Value::from)
                };
                tokens
                    .push(Token::Value(value.ok_or_else(|| format!("bad number '{literal}' in expression '{text}'"))?));
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = index;
                while index < chars.len() && (chars[index].is_alphanumeric() || chars[index] == '_') {
                    index += 1;
                }
                let name: String = chars[start..index].iter().collect();
                tokens.push(match name.as_str() {
                    "True" | "true" => Token::Value(Value::Bool(true)),
                    "False" | "false" => Token::Value(Value::Bool(false)),
                    "None" | "null" => Token::Value(Value::Null),
                    _ => Token::Name(name),
                });
            }
            other => return Err(format!("unexpected '{other}' in expression '{text}'")),
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    position: usize,
    // How many parentheses and unary minus signs enclose the current position.
    depth: usize,
}

impl Parser {
    fn peek_op(&self) -> Option<Op> {
        match self.tokens.get(self.position) {
            Some(Token::Op(op)) => Some(*op),
            Some(Token::Minus) => Some(Op::Sub),
            _ => None,
        }
    }

    fn expression(&mut self, min_precedence: u8) -> Result<Expr, String> {
        let mut left = self.unary()?;
        while let Some(op) = self.peek_op() {
            if op.precedence() <= min_precedence {
                break;
            }
            self.position += 1;
            let right = self.expression(op.precedence())?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn nest(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(format!(
                "the expression nests parentheses and minus signs more than {MAX_NESTING} levels deep"
            ));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Expr, String> {
        match self.tokens.get(self.position).cloned() {
            Some(Token::Minus) => {
                self.position += 1;
                self.nest()?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Neg(Box::new(inner)))
            }
            Some(Token::Open) => {
                self.position += 1;
                self.nest()?;
                let inner = self.expression(0)?;
                if self.tokens.get(self.position) != Some(&Token::Close) {
                    return Err("missing ')'".into());
                }
                self.position += 1;
                self.depth -= 1;
                Ok(inner)
            }
            Some(Token::Value(value)) => {
                self.position += 1;
                Ok(Expr::Literal(value))
            }
            Some(Token::Name(name)) => {
                self.position += 1;
                Ok(Expr::Arg(name))
            }
            Some(other) => Err(format!("unexpected {other:?}")),
            None => Err("the expression ends too early".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn eval(text: &str, args: Value) -> Result<Value, PyError> {
        Expr::parse(text).unwrap().eval(args.as_object().unwrap())
    }

    #[test]
    fn huge_repetitions_fail_with_memory_error_on_every_target() {
        assert_eq!(eval("a * b", json!({"a": "xy", "b": 3})).unwrap(), json!("xyxyxy"));
        assert_eq!(eval("a * b", json!({"a": "xy", "b": -2})).unwrap(), json!(""));
        let error = eval("a * b", json!({"a": "xy", "b": 4_611_686_018_427_387_904_i64})).unwrap_err();
        assert_eq!(error.class, "MemoryError");
        let error = eval("a * b", json!({"a": [1, 2], "b": 4_294_967_297_i64})).unwrap_err();
        assert_eq!(error.class, "MemoryError");
    }

    #[test]
    fn repetitions_and_concatenations_are_bounded_in_bytes() {
        // A list of one 10 KB string repeated a million times: 10 GB, counted as 1M elements.
        let big = "x".repeat(10_000);
        let error = eval("a * 1048576", json!({"a": [big.clone()]})).unwrap_err();
        assert_eq!(error.class, "MemoryError");
        assert_eq!(eval("a * 1048576", json!({"a": big})).unwrap_err().class, "MemoryError");
        let error = eval("a * 105", json!({"a": [big]})).unwrap_err();
        assert_eq!(error.class, "MemoryError");
        let half = "y".repeat(600_000);
        assert_eq!(eval("a + a", json!({"a": half})).unwrap_err().class, "MemoryError");
        assert_eq!(eval("a * 2", json!({"a": [1, 2]})), Ok(json!([1, 2, 1, 2])));
    }

    #[test]
    fn deep_or_long_expressions_are_refused_with_a_clear_error() {
        let parens = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(Expr::parse(&parens).unwrap_err().contains("bytes long"), "{}", Expr::parse(&parens).unwrap_err());
        let minus = format!("{}1", "-".repeat(50_000));
        assert!(Expr::parse(&minus).unwrap_err().contains("at most 10000"));
        let terms = vec!["a"; 100_000].join("+");
        assert!(Expr::parse(&terms).unwrap_err().contains("at most 10000"));
        let many = vec!["a"; 600].join("+");
        assert!(Expr::parse(&many).unwrap_err().contains("at most 1000 are allowed"));
        let nested = format!("{}1{}", "(".repeat(65), ")".repeat(65));
        assert!(Expr::parse(&nested).unwrap_err().contains("more than 64 levels deep"));
        assert!(Expr::parse(&format!("{}1", "-".repeat(65))).unwrap_err().contains("more than 64 levels deep"));
        let fine = format!("{}a{}", "(".repeat(64), ")".repeat(64));
        assert_eq!(Expr::parse(&fine), Ok(Expr::Arg("a".into())));
        let long_sum = Expr::parse(&vec!["a"; 500].join("+")).unwrap();
        assert_eq!(long_sum.eval(json!({"a": 1}).as_object().unwrap()), Ok(json!(500)));
    }

    #[test]
    fn arithmetic_follows_python() {
        assert_eq!(eval("a + b", json!({"a": 2, "b": 40})), Ok(json!(42)));
        assert_eq!(eval("a / b", json!({"a": 1, "b": 2})), Ok(json!(0.5)));
        assert_eq!(eval("-7 // 2", json!({})), Ok(json!(-4)));
        assert_eq!(eval("-7 % 3", json!({})), Ok(json!(2)));
        assert_eq!(eval("7 % -3", json!({})), Ok(json!(-2)));
        assert_eq!(eval("1 + 2 * 3 - 4", json!({})), Ok(json!(3)));
        assert_eq!(eval("10 - 2 - 3", json!({})), Ok(json!(5)));
        assert_eq!(eval("(1 + 2) * 3", json!({})), Ok(json!(9)));
        assert_eq!(eval("True + 1", json!({})), Ok(json!(2)));
        assert_eq!(eval("'ab' * 2 + msg", json!({"msg": "!"})), Ok(json!("abab!")));
        assert_eq!(eval("1.5 + 1", json!({})), Ok(json!(2.5)));
        assert_eq!(eval(".5 + 1.", json!({})), Ok(json!(1.5)));
        // As Python 3 prints it.
        assert_eq!(eval("2e-3 + 1.e1 + 00.5 + 0e5 + 007.25", json!({})), Ok(json!(17.752000000000002)));
        assert_eq!(Expr::parse("1.5.5").unwrap_err(), "bad number '1.5.5' in expression '1.5.5'");
    }

    #[test]
    fn errors_are_pythons() {
        let error = eval("a + b", json!({"a": 1, "b": "x"})).unwrap_err();
        assert_eq!(
            (error.class, error.message.as_str()),
            ("TypeError", "unsupported operand type(s) for +: 'int' and 'str'")
        );
        let error = eval("b + a", json!({"a": 1, "b": "x"})).unwrap_err();
        assert_eq!(error.message, "can only concatenate str (not \"int\") to str");
        assert_eq!(eval("1 / 0", json!({})).unwrap_err().class, "ZeroDivisionError");
        assert_eq!(eval("c", json!({})).unwrap_err().message, "name 'c' is not defined");
    }

    #[test]
    fn display_round_trips() {
        for text in ["a + b", "(a + b) * 2", "a - (b - c)", "-(a + 1)", "\"x\" + name", "None"] {
            let expr = Expr::parse(text).unwrap();
            assert_eq!(Expr::parse(&expr.to_string()).unwrap(), expr, "{text}");
        }
        assert_eq!(Expr::parse("(a + b) * 2").unwrap().arg_names(), ["a", "b"]);
        assert!(Expr::parse("a +").is_err());
    }
}
