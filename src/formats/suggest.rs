//! "Did you mean": the known name closest to a mistyped one (within two edits), which the
//! problems of files, scripts, lessons and addresses offer.

/// The closest known name within two edits, if any: what "did you mean" offers.
pub fn did_you_mean(name: &str, known: &[&str]) -> Option<String> {
    let name: Vec<char> = name.chars().collect();
    known
        .iter()
        .filter_map(|candidate| Some((edit_distance_within(&name, candidate, 2)?, *candidate)))
        .min()
        .map(|(_, candidate)| candidate.to_string())
}

/// The edit distance from `a` to `b` if it is at most `limit`. Only cells within `limit`
/// of the diagonal are computed, so a long name costs its length times `2 * limit + 1`,
/// not its length squared.
fn edit_distance_within(a: &[char], b: &str, limit: usize) -> Option<usize> {
    if b.len() > 4 * (a.len() + limit) {
        return None;
    }
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let far = usize::MAX / 2;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| if j <= limit { j } else { far }).collect();
    let mut current = vec![far; b.len() + 1];
    for (i, a_char) in a.iter().enumerate() {
        let row = i + 1;
        let (low, high) = (row.saturating_sub(limit), (row + limit).min(b.len()));
        current[low.saturating_sub(1)] = far;
        if low == 0 {
            current[0] = row;
        }
        for j in low.max(1)..=high {
            let substitution = previous[j - 1] + usize::from(*a_char != b[j - 1]);
            current[j] = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
        }
        if high < b.len() {
            current[high + 1] = far;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|distance| *distance <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banded_edit_distance_agrees_with_the_whole_table() {
        fn whole(a: &str, b: &str) -> usize {
            let b: Vec<char> = b.chars().collect();
            let mut previous: Vec<usize> = (0..=b.len()).collect();
            for (i, a_char) in a.chars().enumerate() {
                let mut current = vec![i + 1];
                for (j, b_char) in b.iter().enumerate() {
                    current.push(
                        (previous[j] + usize::from(a_char != *b_char)).min(previous[j + 1] + 1).min(current[j] + 1),
                    );
                }
                previous = current;
            }
            previous[b.len()]
        }
        let words =
            ["", "a", "ab", "ba", "abc", "tasks", "taks", "task", "stask", "tasks2", "xtasksx", "é", "éa", "queue"];
        for a in words {
            for b in words {
                let banded = edit_distance_within(&a.chars().collect::<Vec<_>>(), b, 2);
                let expected = Some(whole(a, b)).filter(|distance| *distance <= 2);
                assert_eq!(banded, expected, "{a:?} {b:?}");
            }
        }
        let long = "q".repeat(1_000_000);
        assert_eq!(did_you_mean(&long, &[&long[1..]]), Some(long[1..].to_string()));
    }

    #[test]
    fn suggestions_for_typos() {
        assert_eq!(did_you_mean("taks", &["tasks", "logs"]), Some("tasks".into()));
        assert_eq!(did_you_mean("zzzzzz", &["tasks"]), None);
    }
}
