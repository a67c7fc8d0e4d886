//! What a caller is told when the request itself cannot be read (malformed JSON, a missing
//! argument): a typed field error on `request`, never an empty list.
use crate::domain::message::user_messages;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestProblem {
    /// The body is not what the route takes: broken JSON, a missing or mistyped field.
    Unreadable,
}

user_messages!(RequestProblem {
    Unreadable => request.unreadable;
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::message::tests::assert_messages_are_well_formed;

    #[test]
    fn the_unreadable_request_message_is_complete() {
        assert_messages_are_well_formed("request", &[RequestProblem::Unreadable]);
    }
}
