//! How a command fails: an exit code and one line for stderr.

use std::fmt;

/// Exit code of bad usage or bad input.
pub const BAD_INPUT: u8 = 2;
/// Exit code of a request a rule refused.
pub const REFUSED: u8 = 1;
/// Exit code when the server could not be reached, did not answer in time
/// or failed: nothing is lost, try again later.
pub const UNREACHABLE: u8 = 3;
/// Exit code when the command needs a sign-in (none, signed out, or the
/// token cannot be read or is no longer valid).
pub const SIGN_IN_NEEDED: u8 = 4;

/// A failure of a command. The message names the field (a JSON path such as
/// `events[3].to`, or an argument) and says what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    /// Bad input at `path` (a JSON path, `input`, `FILE`…).
    pub fn input(path: impl fmt::Display, message: impl fmt::Display) -> Failure {
        let path = path.to_string();
        let message = if path.is_empty() { message.to_string() } else { format!("{path}: {message}") };
        Failure { code: BAD_INPUT, message }
    }

    /// Bad usage of the command line.
    pub fn usage(message: impl fmt::Display) -> Failure {
        Failure {
            code: BAD_INPUT,
            message: message.to_string(),
        }
    }

    /// A request a rule refused.
    pub fn refused(message: impl fmt::Display) -> Failure {
        Failure {
            code: REFUSED,
            message: message.to_string(),
        }
    }

    /// The server could not be reached or failed.
    pub fn unreachable(message: impl fmt::Display) -> Failure {
        Failure {
            code: UNREACHABLE,
            message: message.to_string(),
        }
    }

    /// A sign-in is needed.
    pub fn sign_in(message: impl fmt::Display) -> Failure {
        Failure {
            code: SIGN_IN_NEEDED,
            message: message.to_string(),
        }
    }

    pub fn code(&self) -> u8 {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message on one line, whatever the errors it quotes looked like.
    pub fn one_line(&self) -> String {
        one_line(&self.message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.one_line())
    }
}

/// Folds a message onto one line: line breaks and runs of blanks become one
/// space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A multi-line parser error (TOML, clap) reduced to its sentences: the
/// source excerpt and caret lines that such errors draw are dropped.
pub fn condense(text: &str) -> String {
    let kept: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .filter(|line| !is_excerpt(line))
        .collect();
    one_line(&kept.join("; "))
}

/// `|`, `3 | id = x`, `  |     ^^^`: lines of a quoted source excerpt.
fn is_excerpt(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
    rest.starts_with('|')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_fold_onto_one_line() {
        let f = Failure::input("events[3].to", "unknown status `x`;\n  allowed: new");
        assert_eq!(f.one_line(), "events[3].to: unknown status `x`; allowed: new");
        assert_eq!(f.code(), BAD_INPUT);
    }

    #[test]
    fn excerpts_are_dropped_from_parser_errors() {
        let toml = "TOML parse error at line 1, column 6\n  |\n1 | id = \n  |      ^\nstring values must be quoted\n";
        assert_eq!(condense(toml), "TOML parse error at line 1, column 6; string values must be quoted");
    }
}
